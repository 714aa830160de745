import { describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/domain/errors';
import { backoffMs, drainChannel, recoverInFlight } from '../../../src/notify/deliver';
import type { DeliveryOp, OutboxItem, ThreadRef } from '../../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../../src/ports/channel';
import { after, MINUTE, NOW } from '../../builders/clock';
import { MemoryOutbox, type ClaimMode } from '../../fakes/outbox/memory-outbox';

/** A chat that records what it showed, and fails the items it is told to. */
class FakeChannel implements ChannelPort {
  readonly name = 'ops';
  readonly shown: Array<{ id: number; op: DeliveryOp; inThread: string | null }> = [];
  private readonly failures = new Map<number, Error[]>();
  landed = new Map<number, DeliveryReceipt>();

  failOnce(id: number, error: Error): void {
    this.failures.set(id, [...(this.failures.get(id) ?? []), error]);
  }

  async deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt> {
    const failure = this.failures.get(item.id)?.shift();
    if (failure) throw failure;
    this.shown.push({ id: item.id, op: item.op, inThread: thread?.parentRef ?? null });
    return item.op === 'post_parent' ? { destination: 'C-OPS', parentRef: `ts-${item.incidentId}` } : { destination: 'C-OPS' };
  }

  async findDelivered(item: OutboxItem): Promise<DeliveryReceipt | null> {
    return this.landed.get(item.id) ?? null;
  }
}

const rateLimited = (seconds: number) =>
  new SentinelError('slack.rate_limited', 'rate_limited', 'Slack is rate limiting chat.postMessage', { retryAfterSeconds: seconds });
const serverError = () => new SentinelError('slack.server', 'server', 'Slack answered 503');

describe.each<ClaimMode>(['one-per-incident', 'all-due'])('the delivery worker (store claims %s)', (mode) => {
  it('posts the parent first and puts the replies in its thread, in order', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent');
    outbox.queue('inc-a', 'reply');
    outbox.queue('inc-a', 'reply');

    const result = await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(channel.shown).toEqual([
      { id: 1, op: 'post_parent', inThread: null },
      { id: 2, op: 'reply', inThread: 'ts-inc-a' },
      { id: 3, op: 'reply', inThread: 'ts-inc-a' },
    ]);
    expect(result).toEqual({ delivered: 3, retried: 0, superseded: 0, pending: 0 });
  });

  it('holds an incident’s later messages behind one that failed, while other incidents go out', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.hasThread('inc-a');
    outbox.hasThread('inc-b');
    outbox.queue('inc-a'); // 1 fails
    outbox.queue('inc-a'); // 2 must wait for 1
    outbox.queue('inc-b'); // 3 is another thread
    channel.failOnce(1, serverError());

    const first = await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(channel.shown.map((s) => s.id)).toEqual([3]);
    expect(first).toMatchObject({ delivered: 1, retried: 1, pending: 2 });
    expect(outbox.item(1)).toMatchObject({ status: 'pending', lastError: 'Slack answered 503' });

    // A poll later nothing of inc-a may jump the queue while message 1 waits out its backoff…
    await drainChannel(outbox.asStore(), channel, { now: () => after(2_000) });
    expect(channel.shown.map((s) => s.id)).toEqual([3]);

    // …and once it is due, both go out in their order.
    await drainChannel(outbox.asStore(), channel, { now: () => after(backoffMs(1) + 1_000) });
    expect(channel.shown.map((s) => s.id)).toEqual([3, 1, 2]);
  });

  it('delivers another incident’s whole thread in the same drain while one incident waits out a retry', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent'); // 1 is rate limited
    outbox.queue('inc-b', 'post_parent'); // 2, 3: a new incident and its "All 12 records" reply
    outbox.queue('inc-b', 'reply');
    channel.failOnce(1, rateLimited(30));

    const result = await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(channel.shown.map((s) => s.id)).toEqual([2, 3]);
    expect(result).toMatchObject({ delivered: 2, retried: 1, pending: 1 });
  });

  it('waits the Retry-After the chat asked for before the next attempt', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.hasThread('inc-a');
    outbox.queue('inc-a');
    channel.failOnce(1, rateLimited(30));

    await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(outbox.item(1).nextAttemptAt).toBe(after(30_000).toISOString());
    await drainChannel(outbox.asStore(), channel, { now: () => after(29_000) });
    expect(channel.shown).toEqual([]);
    await drainChannel(outbox.asStore(), channel, { now: () => after(30_000) });
    expect(channel.shown.map((s) => s.id)).toEqual([1]);
  });

  it('backs off 5 s, 10 s, 20 s … up to 15 minutes when the chat gives no Retry-After', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.hasThread('inc-a');
    outbox.queue('inc-a');
    channel.failOnce(1, serverError());
    channel.failOnce(1, serverError());

    await drainChannel(outbox.asStore(), channel, { now: () => NOW });
    expect(outbox.item(1).nextAttemptAt).toBe(after(5_000).toISOString());
    await drainChannel(outbox.asStore(), channel, { now: () => after(5_000) });
    expect(outbox.item(1).nextAttemptAt).toBe(after(15_000).toISOString());
    expect(backoffMs(20)).toBe(15 * MINUTE);
  });

  it('skips an edit of the parent that a newer queued edit supersedes', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.hasThread('inc-a');
    outbox.queue('inc-a', 'edit_parent');
    outbox.queue('inc-a', 'reply');
    outbox.queue('inc-a', 'edit_parent');

    const result = await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(channel.shown.map((s) => `${s.id}:${s.op}`)).toEqual(['2:reply', '3:edit_parent']);
    expect(outbox.item(1).status).toBe('superseded');
    expect(result).toMatchObject({ delivered: 2, superseded: 1, pending: 0 });
  });

  it('does not reply before the parent is posted, even when the parent fails', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent');
    outbox.queue('inc-a', 'reply');
    channel.failOnce(1, rateLimited(10));

    await drainChannel(outbox.asStore(), channel, { now: () => NOW });
    expect(channel.shown).toEqual([]);

    await drainChannel(outbox.asStore(), channel, { now: () => after(10_000) });
    expect(channel.shown).toEqual([
      { id: 1, op: 'post_parent', inThread: null },
      { id: 2, op: 'reply', inThread: 'ts-inc-a' },
    ]);
  });
});

describe.each<ClaimMode>(['one-per-incident', 'all-due'])('recovering after a crash (store claims %s)', (mode) => {
  it('marks an in-flight message the chat says it already shows as delivered, and does not send it again', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent', { status: 'sending', attempts: 1 });
    outbox.queue('inc-a', 'reply');
    channel.landed.set(1, { destination: 'C-OPS', parentRef: 'ts-landed' });

    await recoverInFlight(outbox.asStore(), channel, NOW);
    await drainChannel(outbox.asStore(), channel, { now: () => NOW });

    expect(outbox.item(1).status).toBe('sent');
    // Only the reply went out, into the thread of the parent that had landed.
    expect(channel.shown).toEqual([{ id: 2, op: 'reply', inThread: 'ts-landed' }]);
  });

  it('sends an in-flight message once when the chat cannot find it', async () => {
    const outbox = new MemoryOutbox(mode);
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent', { status: 'sending', attempts: 1 });

    await recoverInFlight(outbox.asStore(), channel, NOW);
    await drainChannel(outbox.asStore(), channel, { now: () => NOW });
    await drainChannel(outbox.asStore(), channel, { now: () => after(MINUTE) });

    expect(channel.shown.map((s) => s.id)).toEqual([1]);
    expect(outbox.item(1).status).toBe('sent');
  });
});

describe('recovering beside another live process', () => {
  const ME = 'host-a:101:aaaa';
  const OTHER = 'host-a:202:bbbb';
  const soon = () => new Date(Date.now() + 5 * MINUTE).toISOString();
  const gone = () => new Date(Date.now() - MINUTE).toISOString();

  it('leaves a message another running process is sending alone, so it is not posted twice', async () => {
    const outbox = new MemoryOutbox();
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent', { status: 'sending', attempts: 1, claimedBy: OTHER, claimExpiresAt: soon() });

    await recoverInFlight(outbox.asStore(), channel, NOW, { owner: ME, isOwnerAlive: () => true });
    await drainChannel(outbox.asStore(), channel, { now: () => NOW, owner: ME });

    expect(channel.shown).toEqual([]);
    expect(outbox.item(1)).toMatchObject({ status: 'sending', claimedBy: OTHER });
  });

  it('takes back a message whose sender died on this machine, or whose claim ran out, and sends each once', async () => {
    const outbox = new MemoryOutbox();
    const channel = new FakeChannel();
    outbox.queue('inc-a', 'post_parent', { status: 'sending', attempts: 1, claimedBy: OTHER, claimExpiresAt: soon() });
    outbox.queue('inc-b', 'post_parent', { status: 'sending', attempts: 1, claimedBy: 'host-b:303:cccc', claimExpiresAt: gone() });

    await recoverInFlight(outbox.asStore(), channel, NOW, { owner: ME, isOwnerAlive: (owner) => owner !== OTHER });
    await drainChannel(outbox.asStore(), channel, { now: () => NOW, owner: ME });
    await drainChannel(outbox.asStore(), channel, { now: () => after(MINUTE), owner: ME });

    expect(channel.shown.map((s) => s.id).sort()).toEqual([1, 2]);
  });
});
