// Leases (a company's poll) with fencing tokens and company revisions on SQLite. Every check-and-write runs in one
// BEGIN IMMEDIATE transaction, so two processes never both see a lease as free. On a server database
// the same steps are one `SELECT … FOR UPDATE` and an update, in the same order.
import { and, eq } from 'drizzle-orm';
import { SentinelError } from '../../src/domain/errors';
import type { Lease, LeaseAttempt } from '../../src/ports/store';
import { inWriteTransaction, type StorageDb } from './open-database';
import { companyRevisions, leases } from './schema';

const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();

export function createLeaseStore(db: StorageDb) {
  const leaseRow = (lease: { companyId: string; name: string }) => and(eq(leases.companyId, lease.companyId), eq(leases.name, lease.name));
  const heldBy = (lease: Lease) => and(leaseRow(lease), eq(leases.owner, lease.owner), eq(leases.token, lease.token));

  function acquire(companyId: string, name: string, owner: string, now: string, ttlMs: number, replacing?: Lease): LeaseAttempt {
    return inWriteTransaction(db, () => {
      const row = db.select().from(leases).where(leaseRow({ companyId, name })).get();
      const free = !row || !row.owner || !row.expiresAt || Date.parse(row.expiresAt) <= Date.parse(now);
      const replaced = replacing !== undefined && row?.owner === replacing.owner && row.token === replacing.token;
      if (row && !free && !replaced && row.owner !== owner) {
        return { ok: false, holder: { companyId, name, owner: row.owner!, token: row.token, expiresAt: row.expiresAt! } };
      }
      const lease: Lease = { companyId, name, owner, token: (row?.token ?? 0) + 1, expiresAt: later(now, ttlMs) };
      db.insert(leases)
        .values(lease)
        .onConflictDoUpdate({ target: [leases.companyId, leases.name], set: { owner, token: lease.token, expiresAt: lease.expiresAt } })
        .run();
      return { ok: true, lease };
    });
  }

  function renew(lease: Lease, now: string, ttlMs: number): Lease | null {
    const expiresAt = later(now, ttlMs);
    const changed = db.update(leases).set({ expiresAt }).where(heldBy(lease)).run().changes;
    return changed === 1 ? { ...lease, expiresAt } : null;
  }

  /** The token stays: the next holder's is higher still. */
  function release(lease: Lease): void {
    db.update(leases).set({ owner: null, expiresAt: null }).where(heldBy(lease)).run();
  }

  /** Call inside the commit's transaction. */
  function checkFence(fence: Lease): void {
    const row = db.select().from(leases).where(leaseRow(fence)).get();
    if (row?.owner !== fence.owner || row.token !== fence.token) {
      const by = row?.owner ? `${row.owner} (token ${row.token})` : 'nobody';
      throw new SentinelError(
        'store.lease_lost',
        'conflict',
        `This poll's ${fence.name} lease of company ${fence.companyId} (token ${fence.token}) was taken over by ${by}; its results were not written.`,
      );
    }
  }

  function revision(companyId: string): number {
    return db.select().from(companyRevisions).where(eq(companyRevisions.companyId, companyId)).get()?.revision ?? 0;
  }

  /** Call inside the commit's transaction: refuses a decision made on an older revision, then bumps it. */
  function advance(companyId: string, basis: number | undefined): void {
    const current = revision(companyId);
    if (basis !== undefined && basis !== current) {
      throw new SentinelError(
        'store.stale_decision',
        'conflict',
        `Company ${companyId} changed while this decision was made (revision ${basis}, now ${current}); decide again.`,
        { retryable: true },
      );
    }
    db.insert(companyRevisions)
      .values({ companyId, revision: current + 1 })
      .onConflictDoUpdate({ target: companyRevisions.companyId, set: { revision: current + 1 } })
      .run();
  }

  return { acquire, renew, release, checkFence, revision, advance };
}

export type LeaseStore = ReturnType<typeof createLeaseStore>;
