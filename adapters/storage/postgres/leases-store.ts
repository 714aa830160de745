// Leases (a company's poll) with fencing tokens, and company revisions, on Postgres. Each
// check-and-write locks its row first (SELECT … FOR UPDATE): two instances never both see a lease
// as free, and a commit's fence and basis checks hold until the commit is in.
import { and, eq, sql } from 'drizzle-orm';
import { SentinelError } from '../../../src/domain/errors';
import type { Lease, LeaseAttempt } from '../../../src/ports/store';
import type { PgDb, PgRunner } from './db';
import { companyRevisions, leases } from './schema-areas';

const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();
const leaseRow = (lease: { companyId: string; name: string }) => and(eq(leases.companyId, lease.companyId), eq(leases.name, lease.name));
const heldBy = (lease: Lease) => and(leaseRow(lease), eq(leases.owner, lease.owner), eq(leases.token, lease.token));

export function createPgLeaseStore(db: PgDb) {
  async function acquire(
    companyId: string,
    name: string,
    owner: string,
    now: string,
    ttlMs: number,
    replacing?: Lease,
  ): Promise<LeaseAttempt> {
    return db.transaction(async (tx) => {
      // The row exists before it is locked, so a first acquisition is serialised like every other.
      await tx.insert(leases).values({ companyId, name, token: 0 }).onConflictDoNothing();
      const [row] = await tx.select().from(leases).where(leaseRow({ companyId, name })).for('update');
      const token = row?.token ?? 0;
      const free = !row?.owner || !row.expiresAt || Date.parse(row.expiresAt) <= Date.parse(now);
      const replaced = replacing !== undefined && row?.owner === replacing.owner && token === replacing.token;
      if (row?.owner && !free && !replaced && row.owner !== owner) {
        return { ok: false, holder: { companyId, name, owner: row.owner, token, expiresAt: row.expiresAt! } };
      }
      const lease: Lease = { companyId, name, owner, token: token + 1, expiresAt: later(now, ttlMs) };
      await tx.update(leases).set({ owner, token: lease.token, expiresAt: lease.expiresAt }).where(leaseRow(lease));
      return { ok: true, lease };
    });
  }

  async function renew(lease: Lease, now: string, ttlMs: number): Promise<Lease | null> {
    const expiresAt = later(now, ttlMs);
    const result = await db.update(leases).set({ expiresAt }).where(heldBy(lease));
    return result.rowCount === 1 ? { ...lease, expiresAt } : null;
  }

  /** The token stays: the next holder's is higher still. */
  async function release(lease: Lease): Promise<void> {
    await db.update(leases).set({ owner: null, expiresAt: null }).where(heldBy(lease));
  }

  return { acquire, renew, release };
}

/**
 * Call inside the commit's transaction, before anything is written. The lease row stays locked until
 * the commit ends, so a takeover (which locks it too) waits for this commit or comes before it.
 */
export async function checkPgFence(tx: PgRunner, fence: Lease): Promise<void> {
  const [row] = await tx.select().from(leases).where(leaseRow(fence)).for('update');
  if (row?.owner !== fence.owner || row.token !== fence.token) {
    const by = row?.owner ? `${row.owner} (token ${row.token})` : 'nobody';
    throw new SentinelError(
      'store.lease_lost',
      'conflict',
      `This poll's ${fence.name} lease of company ${fence.companyId} (token ${fence.token}) was taken over by ${by}; its results were not written.`,
    );
  }
}

export async function pgRevision(db: PgRunner, companyId: string): Promise<number> {
  const [row] = await db
    .select({ revision: companyRevisions.revision })
    .from(companyRevisions)
    .where(eq(companyRevisions.companyId, companyId));
  return row?.revision ?? 0;
}

/** Call inside the commit's transaction: locks the company's revision, refuses a decision made on an older one, then bumps it. */
export async function advancePgRevision(tx: PgRunner, companyId: string, basis: number | undefined): Promise<void> {
  await tx.insert(companyRevisions).values({ companyId, revision: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ revision: companyRevisions.revision })
    .from(companyRevisions)
    .where(eq(companyRevisions.companyId, companyId))
    .for('update');
  const current = row?.revision ?? 0;
  if (basis !== undefined && basis !== current) {
    throw new SentinelError(
      'store.stale_decision',
      'conflict',
      `Company ${companyId} changed while this decision was made (revision ${basis}, now ${current}); decide again.`,
      { retryable: true },
    );
  }
  await tx
    .update(companyRevisions)
    .set({ revision: sql`${companyRevisions.revision} + 1` })
    .where(eq(companyRevisions.companyId, companyId));
}
