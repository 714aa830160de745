// What every outbox promises the delivery worker (the delivery half of src/ports/store.ts): items of a
// channel go out oldest first, an incident's later item never overtakes an earlier one, a retry keeps
// its error and waits its turn, superseded edits are never sent, and an item in flight belongs to one
// sender at a time. Run against each implementation through a small factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainChannel } from '../../src/notify/deliver';
import type { DeliveryOp, OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../src/ports/channel';
import type { StorePort } from '../../src/ports/store';
import { after, MINUTE, NOW } from '../builders/clock';
import type { DeliveryMethods } from '../fakes/outbox/memory-outbox';

export const CHANNEL = 'ops';

export interface OutboxUnderTest {
  store: Pick<StorePort, DeliveryMethods>;
  /** Queues an item for `incidentId` in channel `ops`, created (and due) at `createdAt`. */
  queue(incidentId: string, op: DeliveryOp, createdAt: Date): Promise<void>;
  /** The incident's parent is already posted in `ops` as `parentRef`. */
  hasThread(incidentId: string, parentRef: string): Promise<void>;
  close(): Promise<void>;
}

const shown = (items: OutboxItem[]) => items.map((i) => `${i.incidentId}:${i.op}`);
const iso = (d: Date) => d.toISOString();

export function describeOutboxContract(name: string, make: () => Promise<OutboxUnderTest>): void {
  describe(`the ${name} outbox (outbox contract)`, () => {
    let outbox: OutboxUnderTest;
    let store: OutboxUnderTest['store'];
    beforeEach(async () => {
      outbox = await make();
      store = outbox.store;
    });
    afterEach(() => outbox.close());

    it('hands out due items oldest first, marked sending with one more attempt, and not twice', async () => {
      await outbox.queue('inc-b', 'post_parent', after(1_000, NOW));
      await outbox.queue('inc-a', 'post_parent', after(2_000, NOW));
      await outbox.queue('inc-c', 'post_parent', after(3 * MINUTE, NOW));

      const claimed = await store.claimDeliveries(CHANNEL, iso(after(MINUTE)), 10);

      expect(shown(claimed)).toEqual(['inc-b:post_parent', 'inc-a:post_parent']);
      expect(claimed.map((i) => [i.status, i.attempts])).toEqual([
        ['sending', 1],
        ['sending', 1],
      ]);
      expect(await store.claimDeliveries(CHANNEL, iso(after(MINUTE)), 10)).toEqual([]);
      expect(await store.claimDeliveries('another-channel', iso(after(5 * MINUTE)), 10)).toEqual([]);
    });

    it('hands out no more than asked', async () => {
      for (const id of ['inc-a', 'inc-b', 'inc-c']) await outbox.queue(id, 'post_parent', NOW);

      expect(await store.claimDeliveries(CHANNEL, iso(NOW), 2)).toHaveLength(2);
      expect(await store.pendingDeliveryCount(CHANNEL)).toBe(3);
    });

    it('never hands out an incident’s later item while an earlier one is being sent or waits out a retry', async () => {
      await outbox.hasThread('inc-a', 'ts-a');
      await outbox.queue('inc-a', 'reply', NOW);
      await outbox.queue('inc-a', 'reply', NOW);
      await outbox.queue('inc-b', 'post_parent', NOW);
      const [first] = await store.claimDeliveries(CHANNEL, iso(NOW), 1);

      expect(shown(await store.claimDeliveries(CHANNEL, iso(NOW), 10))).toEqual(['inc-b:post_parent']);

      await store.markRetry(first!.id, 'Slack answered 503', iso(after(MINUTE)));
      expect(await store.claimDeliveries(CHANNEL, iso(after(30_000)), 10)).toEqual([]);

      const again = await store.claimDeliveries(CHANNEL, iso(after(MINUTE)), 1);
      expect(again).toMatchObject([{ id: first!.id, attempts: 2, lastError: 'Slack answered 503' }]);
    });

    it('remembers where a parent landed and counts only what is still to send', async () => {
      await outbox.queue('inc-a', 'post_parent', NOW);
      await outbox.queue('inc-a', 'reply', NOW);
      const [parent] = await store.claimDeliveries(CHANNEL, iso(NOW), 1);
      const thread: ThreadRef = {
        companyId: parent!.companyId,
        incidentId: 'inc-a',
        channel: CHANNEL,
        destination: 'C-OPS',
        parentRef: '1700000000.000100',
      };

      await store.markDelivered(parent!.id, iso(NOW), thread);

      expect(await store.threadRef(parent!.companyId, 'inc-a', CHANNEL)).toMatchObject({
        destination: 'C-OPS',
        parentRef: '1700000000.000100',
      });
      expect(await store.threadRef(parent!.companyId, 'inc-a', 'another-channel')).toBeNull();
      expect(await store.pendingDeliveryCount(CHANNEL)).toBe(1);
      expect(shown(await store.claimDeliveries(CHANNEL, iso(NOW), 10))).toEqual(['inc-a:reply']);
    });

    it('knows when a newer edit of the parent is queued, and never sends a superseded one', async () => {
      await outbox.hasThread('inc-a', 'ts-a');
      await outbox.queue('inc-a', 'edit_parent', NOW);
      await outbox.queue('inc-a', 'edit_parent', NOW);
      const [older] = await store.claimDeliveries(CHANNEL, iso(NOW), 1);

      expect(await store.hasNewerEdit(older!)).toBe(true);
      await store.markSuperseded([older!.id]);

      const [newer] = await store.claimDeliveries(CHANNEL, iso(NOW), 10);
      expect(newer?.id).not.toBe(older!.id);
      expect(await store.hasNewerEdit(newer!)).toBe(false);
      expect(await store.pendingDeliveryCount(CHANNEL)).toBe(1);
    });

    it('lets only the current sender of an in-flight item hand it over', async () => {
      await outbox.queue('inc-a', 'post_parent', NOW);
      const until = iso(after(5 * MINUTE));
      const [item] = await store.claimDeliveries(CHANNEL, iso(NOW), 1, { owner: 'host-a:1', until });

      expect(await store.inFlightDeliveries(CHANNEL)).toMatchObject([
        { id: item!.id, status: 'sending', claimedBy: 'host-a:1', claimExpiresAt: until },
      ]);
      expect(await store.takeOverDelivery(item!.id, 'host-b:2', { owner: 'host-c:3', until })).toBe(false);
      expect(await store.takeOverDelivery(item!.id, 'host-a:1', { owner: 'host-b:2', until })).toBe(true);
      expect(await store.inFlightDeliveries(CHANNEL)).toMatchObject([{ claimedBy: 'host-b:2' }]);
    });

    it('carries an incident’s parent and replies through the delivery worker in order, replies in the thread', async () => {
      await outbox.queue('inc-a', 'post_parent', NOW);
      await outbox.queue('inc-a', 'reply', NOW);
      await outbox.queue('inc-a', 'reply', NOW);
      const seen: string[] = [];
      const chat: ChannelPort = {
        name: CHANNEL,
        async deliver(item, thread): Promise<DeliveryReceipt> {
          seen.push(`${item.op}${thread ? ` in ${thread.parentRef}` : ''}`);
          return item.op === 'post_parent' ? { destination: 'C-OPS', parentRef: 'ts-parent' } : { destination: 'C-OPS' };
        },
      };

      const result = await drainChannel(store as StorePort, chat, { now: () => NOW });

      expect(seen).toEqual(['post_parent', 'reply in ts-parent', 'reply in ts-parent']);
      expect(result).toMatchObject({ delivered: 3, pending: 0 });
    });
  });
}
