// The delivery queue, what the planner promised each channel, and where each thread lives, on
// Postgres, where several instances drain the same channel at once.
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AlertView } from '../../../src/notify/alert-view';
import type { NotifyState, OutboxDraft, OutboxItem, ThreadRef } from '../../../src/notify/outbox';
import type { DeliveryClaim } from '../../../src/ports/store';
import type { PgDb, PgRunner, PgTx } from './db';
import { bytewise } from './collate';
import { notifyState, outbox, threads } from './schema';

type OutboxRow = typeof outbox.$inferSelect;

const QUEUED = ['pending', 'sending'] as const;

function toItem(row: OutboxRow): OutboxItem {
  const { id, companyId, incidentId, channel, op, body, createdAt, status, attempts, nextAttemptAt, lastError, claimedBy, claimExpiresAt } =
    row;
  const item = { id, companyId, incidentId, channel, op, body, createdAt, status, attempts, nextAttemptAt, lastError };
  return claimedBy ? { ...item, claimedBy, claimExpiresAt } : item;
}

/** Compares instants, not strings: '…00Z' and '…00.000Z' are the same moment. */
function isDue(nextAttemptAt: string, now: string): boolean {
  const due = Date.parse(nextAttemptAt);
  const at = Date.parse(now);
  return Number.isNaN(due) || Number.isNaN(at) ? nextAttemptAt <= now : due <= at;
}

/** Call inside the commit's transaction. A draft is due as soon as it is written. */
export async function insertPgDrafts(tx: PgRunner, drafts: OutboxDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await tx.insert(outbox).values(
    drafts.map(({ companyId, incidentId, channel, op, body, createdAt }) => ({
      companyId,
      incidentId,
      channel,
      op,
      body,
      createdAt,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: createdAt,
    })),
  );
}

/** Call inside the commit's transaction. */
export async function savePgNotifyState(tx: PgRunner, states: NotifyState[]): Promise<void> {
  for (const s of states) {
    const { companyId, incidentId, channel, ...fields } = s;
    await tx
      .insert(notifyState)
      .values({ companyId, incidentId, channel, ...fields })
      .onConflictDoUpdate({ target: [notifyState.incidentId, notifyState.channel], set: { companyId, ...fields } });
  }
}

export async function loadPgNotifyState(db: PgRunner, companyId: string): Promise<NotifyState[]> {
  const rows = await db
    .select()
    .from(notifyState)
    .where(eq(notifyState.companyId, companyId))
    .orderBy(bytewise(notifyState.incidentId), bytewise(notifyState.channel));
  return rows.map(({ recordsShared, ...state }) => (recordsShared === null ? state : { ...state, recordsShared }));
}

async function upsertThread(tx: PgRunner, thread: ThreadRef): Promise<void> {
  const { companyId, incidentId, channel, destination, parentRef } = thread;
  await tx
    .insert(threads)
    .values({ companyId, incidentId, channel, destination, parentRef: String(parentRef) })
    .onConflictDoUpdate({ target: [threads.incidentId, threads.channel], set: { companyId, destination, parentRef: String(parentRef) } });
}

/** Claimers of one channel (and a hold of it) take turns; see claimDeliveries. */
const lockChannel = (tx: PgTx, channel: string) =>
  tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sync-sentinel outbox ${channel}`}))`);

export function createPgOutboxStore(db: PgDb) {
  /**
   * A thread's messages go out in the order they were planned, so whether an item may go depends on
   * the other queued items of its incident (none older in flight or waiting out a retry). Row locks
   * alone cannot guard that: with `FOR UPDATE SKIP LOCKED`, a second claimer skips the first's locked
   * older item and happily takes the newer one behind it. So claimers of one channel take a
   * transaction-scoped advisory lock on the channel's name first and decide one after the other; the
   * lock lasts one short transaction (a select and an update), and other channels are not held up.
   * Delivery itself happens after the commit, outside the lock.
   */
  async function claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): Promise<OutboxItem[]> {
    if (limit <= 0) return [];
    return db.transaction(async (tx) => {
      await lockChannel(tx, channel);
      const queued = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, channel), inArray(outbox.status, [...QUEUED])))
        .orderBy(asc(outbox.id));
      const heldThreads = new Set<string>();
      const claimed: OutboxRow[] = [];
      for (const row of queued) {
        if (claimed.length >= limit) break;
        if (heldThreads.has(row.incidentId)) continue;
        heldThreads.add(row.incidentId);
        if (row.status === 'pending' && isDue(row.nextAttemptAt, now)) claimed.push(row);
      }
      if (claimed.length === 0) return [];
      const claimedBy = claim?.owner ?? null;
      const claimExpiresAt = claim?.until ?? null;
      // Still pending: an item another process superseded since the select is not sent after all.
      const taken = await tx
        .update(outbox)
        .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, claimedBy, claimExpiresAt })
        .where(
          and(
            inArray(
              outbox.id,
              claimed.map((row) => row.id),
            ),
            eq(outbox.status, 'pending'),
          ),
        )
        .returning();
      return taken.sort((x, y) => x.id - y.id).map(toItem);
    });
  }

  async function inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    const rows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'sending')))
      .orderBy(asc(outbox.id));
    return rows.map(toItem);
  }

  /** Compare-and-set on the claim: one UPDATE whose condition is the claim the caller saw, so two recoverers never both win. */
  async function takeOverDelivery(id: number, from: string | null, claim: DeliveryClaim): Promise<boolean> {
    const owned = from === null ? isNull(outbox.claimedBy) : eq(outbox.claimedBy, from);
    const result = await db
      .update(outbox)
      .set({ claimedBy: claim.owner, claimExpiresAt: claim.until })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'sending'), owned));
    return result.rowCount === 1;
  }

  /**
   * The port names no claim holder here, so any caller may mark an item sent (as on SQLite): a sender
   * whose claim was taken over still records its delivery, which is the truth once the chat has it.
   */
  async function markDelivered(id: number, now: string, thread?: ThreadRef): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.update(outbox).set({ status: 'sent', deliveredAt: now, claimedBy: null, claimExpiresAt: null }).where(eq(outbox.id, id));
      if (thread) await upsertThread(tx, thread);
    });
  }

  async function markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await db
      .update(outbox)
      .set({ status: 'pending', lastError: error, nextAttemptAt, claimedBy: null, claimExpiresAt: null })
      .where(eq(outbox.id, id));
  }

  /** A sent item stays sent: superseding only skips what has not gone out. */
  async function markSuperseded(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db
      .update(outbox)
      .set({ status: 'superseded' })
      .where(and(inArray(outbox.id, ids), ne(outbox.status, 'sent')));
  }

  async function hasNewerEdit(item: OutboxItem): Promise<boolean> {
    const [row] = await db
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          eq(outbox.incidentId, item.incidentId),
          eq(outbox.channel, item.channel),
          eq(outbox.op, 'edit_parent'),
          gt(outbox.id, item.id),
          inArray(outbox.status, [...QUEUED]),
        ),
      );
    return (row?.n ?? 0) > 0;
  }

  async function pendingDeliveryCount(channel?: string): Promise<number> {
    const queued = inArray(outbox.status, [...QUEUED]);
    const [row] = await db
      .select({ n: count() })
      .from(outbox)
      .where(channel === undefined ? queued : and(queued, eq(outbox.channel, channel)));
    return row?.n ?? 0;
  }

  async function retryHeldNow(channel: string, now: string): Promise<number> {
    const result = await db
      .update(outbox)
      .set({ nextAttemptAt: now })
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending')));
    return result.rowCount ?? 0;
  }

  /** A channel that refuses posts: what is queued waits for the probe's next attempt rather than being tried now. */
  async function holdChannel(channel: string, until: string, reason: string): Promise<number> {
    return db.transaction(async (tx) => {
      // Under the claimers' lock: an item is either claimed before the hold or held, never claimed as it is held.
      await lockChannel(tx, channel);
      const pending = await tx
        .select({ id: outbox.id, nextAttemptAt: outbox.nextAttemptAt })
        .from(outbox)
        .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending')));
      const due = pending.filter((row) => isDue(row.nextAttemptAt, until) && row.nextAttemptAt !== until).map((row) => row.id);
      if (due.length === 0) return 0;
      const result = await tx
        .update(outbox)
        .set({ nextAttemptAt: until, lastError: reason })
        .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')));
      return result.rowCount ?? 0;
    });
  }

  const saveThreadRef = (thread: ThreadRef) => upsertThread(db, thread);

  async function lastParentView(companyId: string, incidentId: string, channel: string): Promise<AlertView | null> {
    const [row] = await db
      .select({ body: outbox.body })
      .from(outbox)
      .where(
        and(
          eq(outbox.companyId, companyId),
          eq(outbox.incidentId, incidentId),
          eq(outbox.channel, channel),
          inArray(outbox.op, ['post_parent', 'edit_parent']),
        ),
      )
      .orderBy(desc(outbox.id))
      .limit(1);
    return row?.body.kind === 'parent' ? row.body.view : null;
  }

  async function threadRef(companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null> {
    const [row] = await db
      .select()
      .from(threads)
      .where(and(eq(threads.companyId, companyId), eq(threads.incidentId, incidentId), eq(threads.channel, channel)));
    return row ?? null;
  }

  return {
    claimDeliveries,
    inFlightDeliveries,
    takeOverDelivery,
    markDelivered,
    markRetry,
    markSuperseded,
    hasNewerEdit,
    pendingDeliveryCount,
    retryHeldNow,
    holdChannel,
    saveThreadRef,
    lastParentView,
    threadRef,
  };
}
