// `sync-sentinel rotate-key` on Postgres: every sealed token of every company opened with the old key
// and sealed with the new one in one transaction, with the token rows locked, so a failure half-way
// leaves every token under the old key and no refresh writes in between. Same rules as ../rotate-key.ts.
import { and, eq } from 'drizzle-orm';
import { SentinelError } from '../../../src/domain/errors';
import type { RotateResult } from '../../../src/ports/storage';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from '../secret-box';
import type { PgDb, PgTx } from './db';
import { connectorTokens, qboTokens } from './schema-areas';

interface SealedRow {
  what: string;
  companyId: string;
  sealed: string;
  write(tx: PgTx, sealed: string): Promise<unknown>;
}

export async function rotatePgSecretKey(db: PgDb, oldKey: Buffer, newKey: Buffer, now: Date): Promise<RotateResult> {
  if (oldKey.equals(newKey)) {
    throw new SentinelError(
      'config.secret_key_same',
      'config',
      `${OLD_SECRET_KEY_ENV} and ${SECRET_KEY_ENV} hold the same key: put the new key in ${SECRET_KEY_ENV} and the one the tokens are stored with in ${OLD_SECRET_KEY_ENV}.`,
    );
  }
  return db.transaction(async (tx) => {
    const qbo = await tx.select().from(qboTokens).for('update');
    const held = qbo.filter((r) => r.leaseOwner !== null && r.leaseUntil !== null && r.leaseUntil > now.toISOString());
    if (held.length > 0) {
      throw new SentinelError(
        'store.rotate_busy',
        'config',
        `Another sync-sentinel process is refreshing the QuickBooks tokens of company ${held.map((h) => h.realmId).join(', ')}: stop the service, then run rotate-key again.`,
      );
    }
    const connectors = await tx.select().from(connectorTokens).for('update');
    const rows: SealedRow[] = [
      ...qbo.map((r) => ({
        what: `QuickBooks company ${r.realmId}`,
        companyId: r.companyId,
        sealed: r.sealed,
        write: (t: PgTx, sealed: string) =>
          t
            .update(qboTokens)
            .set({ sealed })
            .where(and(eq(qboTokens.companyId, r.companyId), eq(qboTokens.realmId, r.realmId))),
      })),
      ...connectors.map((r) => ({
        what: `source ${r.sourceId}`,
        companyId: r.companyId,
        sealed: r.sealed,
        write: (t: PgTx, sealed: string) =>
          t
            .update(connectorTokens)
            .set({ sealed })
            .where(and(eq(connectorTokens.companyId, r.companyId), eq(connectorTokens.sourceId, r.sourceId))),
      })),
    ];
    const result: RotateResult = { reencrypted: 0, alreadyNew: 0, unreadable: [] };
    const plans: Array<{ row: SealedRow; plain: string }> = [];
    for (const row of rows) {
      const plain = unseal(oldKey, row.sealed);
      if (plain !== undefined) plans.push({ row, plain });
      else if (unseal(newKey, row.sealed) !== undefined) result.alreadyNew++;
      else result.unreadable.push(`${row.what} (company ${row.companyId})`);
    }
    // Nothing opens with either key: the old key is the wrong one, and nothing is changed.
    if (plans.length === 0 && result.alreadyNew === 0 && result.unreadable.length > 0) {
      throw new SentinelError(
        'config.secret_key_mismatch',
        'config',
        `The stored tokens (${result.unreadable.join(', ')}) open with neither ${OLD_SECRET_KEY_ENV} nor ${SECRET_KEY_ENV}: set ${OLD_SECRET_KEY_ENV} to the key they were stored with. Nothing was changed.`,
      );
    }
    for (const { row, plain } of plans) await row.write(tx, seal(newKey, plain));
    result.reencrypted = plans.length;
    return result;
  });
}
