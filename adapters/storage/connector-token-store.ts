// Rotating refresh tokens of upstream connectors, kept across restarts. Jobber (with rotation on)
// retires a refresh token once it is used; the new one lives only here, sealed with the same key as
// the QuickBooks vault, and is written before the access token it came with is used.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SentinelError } from '../../src/domain/errors';
import type { ConnectorTokens, ConnectorTokenStore } from '../../src/ports/storage';
import type { StorageDb } from './open-database';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from './secret-box';
import { connectorTokens } from './schema-connector-tokens';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function createConnectorTokenStore(db: StorageDb, key: Buffer, companyId: string): ConnectorTokenStore {
  const where = (sourceId: string) => and(eq(connectorTokens.companyId, companyId), eq(connectorTokens.sourceId, sourceId));
  return {
    async load(sourceId, envRefreshToken) {
      const row = db.select().from(connectorTokens).where(where(sourceId)).get();
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
      db.insert(connectorTokens)
        .values({ companyId, sourceId, ...values })
        .onConflictDoUpdate({ target: [connectorTokens.companyId, connectorTokens.sourceId], set: values })
        .run();
    },
  };
}

/** Whether any source of the company has stored tokens (then the key is required to start). */
export function hasConnectorTokens(db: StorageDb, companyId: string): boolean {
  return (
    db.select({ s: connectorTokens.sourceId }).from(connectorTokens).where(eq(connectorTokens.companyId, companyId)).get() !== undefined
  );
}
