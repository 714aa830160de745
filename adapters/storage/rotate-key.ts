// `sync-sentinel rotate-key`: every sealed token in the file (QuickBooks connections and upstream
// connectors, of every company) opened with the old key and sealed again with the new one, in one
// transaction, so a failure half-way leaves every token under the old key. A wrong old key (one that
// opens nothing) changes nothing.
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import { SentinelError } from '../../src/domain/errors';
import type { RotateResult } from '../../src/ports/storage';
import { inWriteTransaction, type StorageDb } from './open-database';
import { connectorTokens } from './schema-connector-tokens';
import { qboTokens } from './schema-qbo';
import { OLD_SECRET_KEY_ENV, SECRET_KEY_ENV, seal, unseal } from './secret-box';

interface SealedRow {
  what: string;
  companyId: string;
  sealed: string;
  write(sealed: string): unknown;
}

/** On the storage's open connection; the caller keeps it open. */
export function rotateSecretKey(db: StorageDb, oldKey: Buffer, newKey: Buffer, now: Date): RotateResult {
  if (oldKey.equals(newKey)) {
    throw new SentinelError(
      'config.secret_key_same',
      'config',
      `${OLD_SECRET_KEY_ENV} and ${SECRET_KEY_ENV} hold the same key: put the new key in ${SECRET_KEY_ENV} and the one the tokens are stored with in ${OLD_SECRET_KEY_ENV}.`,
    );
  }
  return inWriteTransaction(db, () => {
    const held = db
      .select({ realmId: qboTokens.realmId })
      .from(qboTokens)
      .where(and(isNotNull(qboTokens.leaseOwner), gt(qboTokens.leaseUntil, now.toISOString())))
      .all();
    if (held.length > 0) {
      throw new SentinelError(
        'store.rotate_busy',
        'config',
        `Another sync-sentinel process is refreshing the QuickBooks tokens of company ${held.map((h) => h.realmId).join(', ')}: stop the service, then run rotate-key again.`,
      );
    }
    const rows: SealedRow[] = [
      ...db
        .select()
        .from(qboTokens)
        .all()
        .map((r) => ({
          what: `QuickBooks company ${r.realmId}`,
          companyId: r.companyId,
          sealed: r.sealed,
          write: (sealed: string) =>
            db
              .update(qboTokens)
              .set({ sealed })
              .where(and(eq(qboTokens.companyId, r.companyId), eq(qboTokens.realmId, r.realmId)))
              .run(),
        })),
      ...db
        .select()
        .from(connectorTokens)
        .all()
        .map((r) => ({
          what: `source ${r.sourceId}`,
          companyId: r.companyId,
          sealed: r.sealed,
          write: (sealed: string) =>
            db
              .update(connectorTokens)
              .set({ sealed })
              .where(and(eq(connectorTokens.companyId, r.companyId), eq(connectorTokens.sourceId, r.sourceId)))
              .run(),
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
    for (const { row, plain } of plans) row.write(seal(newKey, plain));
    result.reencrypted = plans.length;
    return result;
  });
}
