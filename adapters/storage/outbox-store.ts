// The delivery queue, what the planner promised each channel, and where each thread lives.
import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AlertView } from '../../src/notify/alert-view';
import type { NotifyState, OutboxDraft, OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { DeliveryClaim } from '../../src/ports/store';
import { inWriteTransaction, type StorageDb } from './open-database';
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

export function createOutboxStore(db: StorageDb) {
  /** Call inside the commit's transaction. A draft is due as soon as it is written. */
  function insertDrafts(drafts: OutboxDraft[]): void {
    for (const d of drafts) {
      const { companyId, incidentId, channel, op, body, createdAt } = d;
      db.insert(outbox)
        .values({ companyId, incidentId, channel, op, body, createdAt, status: 'pending', attempts: 0, nextAttemptAt: createdAt })
        .run();
    }
  }

  /** Call inside the commit's transaction. */
  function saveNotifyState(states: NotifyState[]): void {
    for (const s of states) {
      const { companyId, incidentId, channel, ...fields } = s;
      db.insert(notifyState)
        .values({ companyId, incidentId, channel, ...fields })
        .onConflictDoUpdate({ target: [notifyState.incidentId, notifyState.channel], set: { companyId, ...fields } })
        .run();
    }
  }

  function loadNotifyState(companyId: string): NotifyState[] {
    return db
      .select()
      .from(notifyState)
      .where(eq(notifyState.companyId, companyId))
      .orderBy(notifyState.incidentId, notifyState.channel)
      .all()
      .map(({ recordsShared, ...state }) => (recordsShared === null ? state : { ...state, recordsShared }));
  }

  /**
   * A thread's messages go out in the order they were planned: an incident whose oldest queued item
   * is in flight or waiting out a retry blocks its later items, so at most one item per incident is
   * claimed at a time. Other incidents are not held up.
   */
  function claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): OutboxItem[] {
    if (limit <= 0) return [];
    return inWriteTransaction(db, () => {
      const queued = db
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, channel), inArray(outbox.status, [...QUEUED])))
        .orderBy(asc(outbox.id))
        .all();
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
      db.update(outbox)
        .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, claimedBy, claimExpiresAt })
        .where(
          inArray(
            outbox.id,
            claimed.map((row) => row.id),
          ),
        )
        .run();
      return claimed.map((row) => toItem({ ...row, status: 'sending', attempts: row.attempts + 1, claimedBy, claimExpiresAt }));
    });
  }

  function inFlightDeliveries(channel: string): OutboxItem[] {
    return db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'sending')))
      .orderBy(asc(outbox.id))
      .all()
      .map(toItem);
  }

  /** Moves an in-flight claim, only if it is still where the caller saw it: two recoverers never both win. */
  function takeOverDelivery(id: number, from: string | null, claim: DeliveryClaim): boolean {
    const owned = from === null ? isNull(outbox.claimedBy) : eq(outbox.claimedBy, from);
    return (
      db
        .update(outbox)
        .set({ claimedBy: claim.owner, claimExpiresAt: claim.until })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'sending'), owned))
        .run().changes === 1
    );
  }

  function markDelivered(id: number, now: string, thread?: ThreadRef): void {
    inWriteTransaction(db, () => {
      db.update(outbox).set({ status: 'sent', deliveredAt: now, claimedBy: null, claimExpiresAt: null }).where(eq(outbox.id, id)).run();
      if (!thread) return;
      const { companyId, incidentId, channel, destination, parentRef } = thread;
      db.insert(threads)
        .values({ companyId, incidentId, channel, destination, parentRef: String(parentRef) })
        .onConflictDoUpdate({
          target: [threads.incidentId, threads.channel],
          set: { companyId, destination, parentRef: String(parentRef) },
        })
        .run();
    });
  }

  function markRetry(id: number, error: string, nextAttemptAt: string): void {
    db.update(outbox)
      .set({ status: 'pending', lastError: error, nextAttemptAt, claimedBy: null, claimExpiresAt: null })
      .where(eq(outbox.id, id))
      .run();
  }

  /** A sent item stays sent: superseding only skips what has not gone out. */
  function markSuperseded(ids: number[]): void {
    if (ids.length === 0) return;
    db.update(outbox)
      .set({ status: 'superseded' })
      .where(and(inArray(outbox.id, ids), ne(outbox.status, 'sent')))
      .run();
  }

  function hasNewerEdit(item: OutboxItem): boolean {
    const row = db
      .select({ n: count() })
      .from(outbox)
      .where(
        and(
          eq(outbox.incidentId, item.incidentId),
          eq(outbox.channel, item.channel),
          eq(outbox.op, 'edit_parent'),
          sql`${outbox.id} > ${item.id}`,
          inArray(outbox.status, [...QUEUED]),
        ),
      )
      .get();
    return (row?.n ?? 0) > 0;
  }

  function pendingDeliveryCount(channel?: string): number {
    const queued = inArray(outbox.status, [...QUEUED]);
    const row = db
      .select({ n: count() })
      .from(outbox)
      .where(channel === undefined ? queued : and(queued, eq(outbox.channel, channel)))
      .get();
    return row?.n ?? 0;
  }

  /** Makes every item a channel holds back due now (the bot was just invited back). */
  function retryHeldNow(channel: string, now: string): number {
    return db
      .update(outbox)
      .set({ nextAttemptAt: now })
      .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending')))
      .run().changes;
  }

  /** A channel that refuses posts: what is queued waits for the probe's next attempt rather than being tried now. */
  function holdChannel(channel: string, until: string, reason: string): number {
    return inWriteTransaction(db, () => {
      const due = db
        .select({ id: outbox.id, nextAttemptAt: outbox.nextAttemptAt })
        .from(outbox)
        .where(and(eq(outbox.channel, channel), eq(outbox.status, 'pending')))
        .all()
        .filter((row) => isDue(row.nextAttemptAt, until) && row.nextAttemptAt !== until)
        .map((row) => row.id);
      if (due.length === 0) return 0;
      return db.update(outbox).set({ nextAttemptAt: until, lastError: reason }).where(inArray(outbox.id, due)).run().changes;
    });
  }

  /** Points the incident's thread in a channel at a new parent (the old one was deleted by hand). */
  function saveThreadRef(thread: ThreadRef): void {
    const { companyId, incidentId, channel, destination, parentRef } = thread;
    db.insert(threads)
      .values({ companyId, incidentId, channel, destination, parentRef: String(parentRef) })
      .onConflictDoUpdate({ target: [threads.incidentId, threads.channel], set: { companyId, destination, parentRef: String(parentRef) } })
      .run();
  }

  /** The newest parent view planned for an incident in a channel: what a re-posted parent shows. */
  function lastParentView(companyId: string, incidentId: string, channel: string): AlertView | null {
    const rows = db
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
      .limit(1)
      .all();
    const body = rows[0]?.body;
    return body?.kind === 'parent' ? body.view : null;
  }

  function threadRef(companyId: string, incidentId: string, channel: string): ThreadRef | null {
    const row = db
      .select()
      .from(threads)
      .where(and(eq(threads.companyId, companyId), eq(threads.incidentId, incidentId), eq(threads.channel, channel)))
      .get();
    return row ?? null;
  }

  return {
    retryHeldNow,
    holdChannel,
    saveThreadRef,
    lastParentView,
    insertDrafts,
    saveNotifyState,
    loadNotifyState,
    claimDeliveries,
    inFlightDeliveries,
    takeOverDelivery,
    markDelivered,
    markRetry,
    markSuperseded,
    hasNewerEdit,
    pendingDeliveryCount,
    threadRef,
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
