// The delivery worker: drains one channel's outbox in order, per incident thread, with retries.
// Nothing is dropped: a failure puts the item back with a later attempt time.
import { asSentinelError, SentinelError } from '../domain/errors';
import type { ChannelPort, DeliveryReceipt } from '../ports/channel';
import type { StorePort } from '../ports/store';
import { ChannelProblemError } from './channel-health';
import type { OutboxItem } from './outbox';

export interface DrainResult {
  delivered: number;
  retried: number;
  superseded: number;
  pending: number;
}

export interface DrainOptions {
  now?: () => Date;
  batch?: number;
  /** Called with each failure (already free of secrets) so the service can log it. */
  onError?: (item: OutboxItem, message: string) => void;
  /** This process (`host:pid:random`): items are claimed in its name, so another process leaves them be. */
  owner?: string;
  claimTtlMs?: number;
}

export interface RecoverOptions {
  owner?: string;
  /** Whether the process that claimed an item still runs (answered only for this machine; else true). */
  isOwnerAlive?: (owner: string) => boolean;
  claimTtlMs?: number;
}

/**
 * How long a delivery claim holds: longer than any one send (a paced batch included), short enough
 * that the items of a process that died on another machine go out again soon. A process that died on
 * this machine is seen at once (isOwnerAlive).
 */
export const CLAIM_TTL_MS = 5 * 60_000;

/** Put back unsent because an earlier message of its thread is waiting: it was never tried. */
const WAITING = 'waiting for an earlier message in its thread';

/**
 * Put back unsent because the channel refused an earlier item for a reason only a person can fix
 * (not_in_channel, archived, app removed): one item probes the channel per back-off step, and the
 * rest wait for the same moment instead of each being refused again.
 */
const HELD = 'held: the channel refuses posts until a person fixes it';

/** Items put back without being sent: a retry of these has nothing to look up first. */
const UNTRIED = new Set([WAITING, HELD]);

/**
 * What a channel throws when the incident's parent message is gone (someone deleted it by hand): the
 * thread starts again under a new parent instead of retrying into nothing.
 */
export const PARENT_GONE = 'channel.parent_gone';

/** Backoff after the nth failed attempt: 5 s, 10 s, 20 s … capped at 15 min. */
export function backoffMs(attempts: number): number {
  return Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Items left `sending` by a process that is gone: the channel decides whether they were delivered.
 * An item another live process is sending is left alone (taking it back is what posted twice), and
 * each one is taken over atomically, so two recovering processes never both send it.
 */
export async function recoverInFlight(store: StorePort, channel: ChannelPort, now: Date, opts: RecoverOptions = {}): Promise<void> {
  for (const item of await store.inFlightDeliveries(channel.name)) {
    if (opts.owner !== undefined) {
      const by = item.claimedBy ?? null;
      // Claims are wall-clock instants shared by processes, not the (possibly simulated) business `now`.
      const expired = by === null || !item.claimExpiresAt || Date.parse(item.claimExpiresAt) <= Date.now();
      const gone = by !== null && by !== opts.owner && opts.isOwnerAlive !== undefined && !opts.isOwnerAlive(by);
      if (!expired && !gone) continue;
      const until = new Date(Date.now() + (opts.claimTtlMs ?? CLAIM_TTL_MS)).toISOString();
      if (!(await store.takeOverDelivery(item.id, by, { owner: opts.owner, until }))) continue;
    }
    const thread = await store.threadRef(item.companyId, item.incidentId, item.channel);
    const landed = channel.findDelivered ? await channel.findDelivered(item, thread).catch(() => null) : null;
    if (landed) {
      await store.markDelivered(item.id, now.toISOString(), threadOf(item, landed.destination, landed.parentRef));
    } else {
      await store.markRetry(item.id, 'interrupted before delivery was confirmed', now.toISOString());
    }
  }
}

export async function drainChannel(store: StorePort, channel: ChannelPort, opts: DrainOptions = {}): Promise<DrainResult> {
  const clock = opts.now ?? (() => new Date());
  const result: DrainResult = { delivered: 0, retried: 0, superseded: 0, pending: 0 };
  // A thread whose message failed waits for its retry; every other thread keeps flowing.
  const blocked = new Set<string>();
  // Set when the channel refuses as a whole: everything else waits for the probe's next attempt.
  let heldUntil: string | undefined;
  for (;;) {
    const claim =
      opts.owner === undefined
        ? undefined
        : { owner: opts.owner, until: new Date(Date.now() + (opts.claimTtlMs ?? CLAIM_TTL_MS)).toISOString() };
    const items = await store.claimDeliveries(channel.name, clock().toISOString(), opts.batch ?? 50, claim);
    let progressed = false;
    for (const item of items) {
      if (heldUntil !== undefined) {
        await store.markRetry(item.id, HELD, heldUntil);
        continue;
      }
      if (blocked.has(item.incidentId)) {
        await store.markRetry(item.id, WAITING, clock().toISOString());
        continue;
      }
      // A later edit of the same parent carries everything this one would: skip this one.
      if (item.op === 'edit_parent' && (await store.hasNewerEdit(item))) {
        await store.markSuperseded([item.id]);
        result.superseded++;
        progressed = true;
        continue;
      }
      try {
        const thread = item.op === 'post_parent' ? null : await store.threadRef(item.companyId, item.incidentId, item.channel);
        if (item.op !== 'post_parent' && !thread)
          throw new SentinelError('notify.parent_pending', 'not_found', 'the parent message has not been delivered yet', {
            retryable: true,
          });
        // A failed attempt may have landed anyway (the answer was lost, or timed out after the post):
        // look before sending again, so a retry never posts twice.
        const tried = item.attempts > 1 && !UNTRIED.has(item.lastError ?? '') && item.op !== 'edit_parent' && channel.findDelivered;
        // A thread that is gone holds nothing: deliver below starts it over.
        const landed = tried
          ? await channel.findDelivered!(item, thread).catch((err: unknown) =>
              asSentinelError(err, 'notify.lookup').code === PARENT_GONE ? null : Promise.reject(err),
            )
          : null;
        const receipt =
          landed ??
          (await channel.deliver(item, thread).catch((err: unknown) => {
            if (item.op === 'post_parent' || asSentinelError(err, 'notify.delivery').code !== PARENT_GONE) throw err;
            return startOver(store, channel, item);
          }));
        const ref = item.op === 'post_parent' && receipt.parentRef ? threadOf(item, receipt.destination, receipt.parentRef) : undefined;
        await store.markDelivered(item.id, clock().toISOString(), ref);
        result.delivered++;
        progressed = true;
      } catch (err) {
        const e = asSentinelError(err, 'notify.delivery');
        const wait = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : backoffMs(item.attempts);
        const next = new Date(clock().getTime() + wait).toISOString();
        await store.markRetry(item.id, e.message, next);
        opts.onError?.(item, e.message);
        blocked.add(item.incidentId);
        result.retried++;
        if (err instanceof ChannelProblemError) heldUntil = next;
      }
    }
    if (heldUntil !== undefined) {
      await store.holdChannel(channel.name, heldUntil, HELD);
      break;
    }
    if (!progressed) break;
  }
  result.pending = await store.pendingDeliveryCount(channel.name);
  return result;
}

/**
 * The parent was deleted: post the incident's current parent again as a new thread, point the thread
 * there, and deliver the item into it (an edit is then already shown by the new parent).
 */
async function startOver(store: StorePort, channel: ChannelPort, item: OutboxItem): Promise<DeliveryReceipt> {
  const view = item.body.kind === 'parent' ? item.body.view : await store.lastParentView(item.companyId, item.incidentId, item.channel);
  if (!view)
    throw new SentinelError(
      'notify.parent_view_missing',
      'not_found',
      'the parent message was deleted and there is no parent view to post again',
      { retryable: false },
    );
  const posted = await channel.deliver({ ...item, op: 'post_parent', body: { kind: 'parent', view } }, null);
  const thread = threadOf(item, posted.destination, posted.parentRef);
  if (!thread)
    throw new SentinelError('notify.parent_ref_missing', 'malformed', 'the channel posted a new parent but returned no reference to it', {
      retryable: true,
    });
  await store.saveThreadRef(thread);
  return item.op === 'edit_parent' ? posted : channel.deliver(item, thread);
}

function threadOf(item: OutboxItem, destination: string, parentRef: string | undefined) {
  return parentRef ? { companyId: item.companyId, incidentId: item.incidentId, channel: item.channel, destination, parentRef } : undefined;
}
