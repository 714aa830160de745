// What every chat channel promises the delivery worker (src/ports/channel.ts), run against each
// implementation on its fake: a parent lands and says where, a reply lands in that parent's thread,
// an edit changes the parent in place, and a refusal is a typed, non-retryable SentinelError that
// names the reason, with nothing shown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../src/domain/errors';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { ChannelPort } from '../../src/ports/channel';
import { COMPANY } from '../builders/incidents';
import { anAlertView, anOutboxItem, aThreadUpdate } from '../builders/notify';

export interface ChannelUnderTest {
  channel: ChannelPort;
  /** Top-level messages a person sees in the channel, as text, oldest first. */
  parents(): Promise<string[]>;
  /** The replies under the parent `parentRef`, as text, oldest first. */
  replies(parentRef: string): Promise<string[]>;
  /** Makes the chat refuse the next post the way it refuses a post a person must fix; absent when it never refuses. */
  refuseNext?: () => string;
  close(): Promise<void>;
}

const INCIDENT = 'inc-contract';

export function parentItem(id: number, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return anOutboxItem(id, INCIDENT, { op: 'post_parent', body: { kind: 'parent', view: anAlertView(INCIDENT) }, ...overrides });
}

export function replyItem(id: number, headline: string): OutboxItem {
  return anOutboxItem(id, INCIDENT, { op: 'reply', body: { kind: 'thread', update: aThreadUpdate(INCIDENT, { headline }) } });
}

function threadOf(channel: ChannelPort, destination: string, parentRef: string): ThreadRef {
  return { companyId: COMPANY, incidentId: INCIDENT, channel: channel.name, destination, parentRef };
}

export function describeChannelContract(name: string, make: () => Promise<ChannelUnderTest>): void {
  describe(`the ${name} channel (channel contract)`, () => {
    let chat: ChannelUnderTest;
    beforeEach(async () => {
      chat = await make();
    });
    afterEach(() => chat.close());

    it('posts an incident’s parent and says where it landed, with a reference to reply under', async () => {
      const receipt = await chat.channel.deliver(parentItem(1), null);

      expect(receipt.destination).not.toBe('');
      expect(receipt.parentRef).toBeTruthy();
      expect(await chat.parents()).toEqual([expect.stringContaining('Invoice missing from QuickBooks')]);
    });

    it('puts a reply in the parent’s thread, not in the channel', async () => {
      const parent = await chat.channel.deliver(parentItem(1), null);
      const thread = threadOf(chat.channel, parent.destination, parent.parentRef!);

      await chat.channel.deliver(replyItem(2, 'New: 1 more invoice missing'), thread);

      expect(await chat.parents()).toHaveLength(1);
      expect(await chat.replies(parent.parentRef!)).toEqual([expect.stringContaining('1 more invoice missing')]);
    });

    it('edits the parent in place when the incident changes', async () => {
      const parent = await chat.channel.deliver(parentItem(1), null);
      const thread = threadOf(chat.channel, parent.destination, parent.parentRef!);
      const acknowledged = anAlertView(INCIDENT, { status: 'acknowledged', acknowledgedBy: 'Dana Ortiz' });

      await chat.channel.deliver(parentItem(2, { op: 'edit_parent', body: { kind: 'parent', view: acknowledged } }), thread);

      const parents = await chat.parents();
      expect(parents).toHaveLength(1);
      expect(parents[0]).toMatch(/acknowledged/i);
      expect(parents[0]).toContain('Dana Ortiz');
    });

    it('refuses with a typed error that names the reason, and shows nothing', async () => {
      if (!chat.refuseNext) {
        // A channel that cannot be refused (the console) must still never throw on a valid item.
        await expect(chat.channel.deliver(parentItem(1), null)).resolves.toMatchObject({ destination: expect.any(String) });
        return;
      }
      const reason = chat.refuseNext();

      const failure = await chat.channel.deliver(parentItem(1), null).then(
        () => null,
        (err: unknown) => err,
      );

      expect(failure).toBeInstanceOf(SentinelError);
      expect((failure as SentinelError).retryable).toBe(false);
      expect(`${(failure as SentinelError).code} ${(failure as SentinelError).message}`).toContain(reason);
      expect(await chat.parents()).toEqual([]);
    });

    it('needs the parent before a reply: a reply without a thread is not posted at the top of the channel', async () => {
      const outcome = await chat.channel.deliver(replyItem(2, 'New: orphan reply'), null).then(
        () => 'delivered',
        (err: unknown) => (err instanceof SentinelError ? 'typed error' : 'crash'),
      );

      expect(outcome === 'typed error' || (await chat.parents()).length === 0).toBe(true);
    });
  });
}
