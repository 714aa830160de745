// Rotating refresh tokens of one company's upstream connectors (Jobber), sealed like the QuickBooks
// vault, on Postgres. Same rules as the SQLite store (../connector-token-store.ts).
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SentinelError } from '../../../src/domain/errors';
import type { ConnectorTokens, ConnectorTokenStore } from '../../../src/ports/storage';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from '../secret-box';
import type { PgDb } from './db';
import { connectorTokens } from './schema-areas';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function createPgConnectorTokens(db: PgDb, key: Buffer, companyId: string): ConnectorTokenStore {
  const ofSource = (sourceId: string) => and(eq(connectorTokens.companyId, companyId), eq(connectorTokens.sourceId, sourceId));
  return {
    async load(sourceId, envRefreshToken) {
      const [row] = await db.select().from(connectorTokens).where(ofSource(sourceId));
      // The environment holds another refresh token than the one these grew from: the app was reconnected.
      if (!row || row.seed !== digest(envRefreshToken)) return null;
      const opened = unseal(key, row.sealed);
      if (opened === undefined) {
        throw new SentinelError(
          'config.secret_key_mismatch',
          'config',
          `The stored tokens of source ${sourceId} cannot be decrypted with this ${SECRET_KEY_ENV}: set the key they were stored with, or put a fresh refresh token in the environment (to change keys, run \`sync-sentinel rotate-key\` with the old one in ${OLD_SECRET_KEY_ENV}).`,
        );
      }
      return JSON.parse(opened) as ConnectorTokens;
    },
    async save(sourceId, tokens, envRefreshToken, now) {
      const values = { sealed: seal(key, JSON.stringify(tokens)), seed: digest(envRefreshToken), updatedAt: now.toISOString() };
      await db
        .insert(connectorTokens)
        .values({ companyId, sourceId, ...values })
        .onConflictDoUpdate({ target: [connectorTokens.companyId, connectorTokens.sourceId], set: values });
    },
  };
}

export async function hasPgConnectorTokens(db: PgDb, companyId: string): Promise<boolean> {
  const rows = await db
    .select({ s: connectorTokens.sourceId })
    .from(connectorTokens)
    .where(eq(connectorTokens.companyId, companyId))
    .limit(1);
  return rows.length > 0;
}
