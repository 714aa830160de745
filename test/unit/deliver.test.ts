import { beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../src/domain/errors';
import { drainChannel, recoverInFlight } from '../../src/notify/deliver';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../src/ports/channel';
import type { StorePort } from '../../src/ports/store';
import { anOutboxItem, COMPANY, T0 } from './builders';

const CHANNEL = 'ops';
const A = 'inc_a';
const B = 'inc_b';
const secondsAfterT0 = (s: number) => new Date(T0.getTime() + s * 1000);

type OutboxMethods = 'claimDeliveries' | 'inFlightDeliveries' | 'markDelivered' | 'markRetry' | 'markSuperseded' | 'hasNewerEdit' | 'pendingDeliveryCount' | 'threadRef';

/** The outbox part of the store, in memory: claims due items in id order, one per incident thread at a time. */
class MemoryOutbox implements Pick<StorePort, OutboxMethods> {
  readonly items: OutboxItem[] = [];
  private readonly threads = new Map<string, ThreadRef>();

  queue(...items: OutboxItem[]): void {
    this.items.push(...items.map((i) => ({ ...i })));
  }

  hasThread(incidentId: string): void {
    this.threads.set(incidentId, { companyId: COMPANY, incidentId, channel: CHANNEL, destination: 'C-OPS', parentRef: `ts-${incidentId}` });
  }

  item(id: number): OutboxItem {
    return this.items.find((i) => i.id === id)!;
  }

  asStore(): StorePort {
    return this as unknown as StorePort;
  }

  async claimDeliveries(channel: string, now: string, limit: number): Promise<OutboxItem[]> {
    const held = new Set<string>();
    const claimed: OutboxItem[] = [];
    for (const item of [...this.items].sort((a, b) => a.id - b.id)) {
      if (claimed.length >= limit) break;
      if (item.channel !== channel || (item.status !== 'pending' && item.status !== 'sending')) continue;
      if (held.has(item.incidentId)) continue;
      held.add(item.incidentId);
      if (item.status === 'pending' && Date.parse(item.nextAttemptAt) <= Date.parse(now)) {
        Object.assign(item, { status: 'sending', attempts: item.attempts + 1 });
        claimed.push({ ...item });
      }
    }
    return claimed;
  }

  async inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    return this.items.filter((i) => i.channel === channel && i.status === 'sending').map((i) => ({ ...i }));
  }

  async markDelivered(id: number, _now: string, thread?: ThreadRef): Promise<void> {
    this.item(id).status = 'sent';
    if (thread) this.threads.set(thread.incidentId, thread);
  }

  async markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    Object.assign(this.item(id), { status: 'pending', lastError: error, nextAttemptAt });
  }

  async markSuperseded(ids: number[]): Promise<void> {
    for (const id of ids) if (this.item(id).status !== 'sent') this.item(id).status = 'superseded';
  }

  async hasNewerEdit(item: OutboxItem): Promise<boolean> {
    return this.items.some((i) => i.id > item.id && i.incidentId === item.incidentId && i.channel === item.channel && i.op === 'edit_parent' && (i.status === 'pending' || i.status === 'sending'));
  }

  async pendingDeliveryCount(channel?: string): Promise<number> {
    return this.items.filter((i) => (channel === undefined || i.channel === channel) && (i.status === 'pending' || i.status === 'sending')).length;
  }

  async threadRef(_companyId: string, incidentId: string): Promise<ThreadRef | null> {
    return this.threads.get(incidentId) ?? null;
  }
}

/** A chat channel that records what it was sent and fails the items it is told to, once each. */
class FakeChannel implements ChannelPort {
  readonly name = CHANNEL;
  readonly sent: number[] = [];
  readonly failures = new Map<number, Error>();
  landed = new Map<number, DeliveryReceipt>();

  async deliver(item: OutboxItem): Promise<DeliveryReceipt> {
    const failure = this.failures.get(item.id);
    if (failure) {
      this.failures.delete(item.id);
      throw failure;
    }
    this.sent.push(item.id);
    return item.op === 'post_parent' ? { destination: 'C-OPS', parentRef: `ts-${item.id}` } : { destination: 'C-OPS' };
  }

  async findDelivered(item: OutboxItem): Promise<DeliveryReceipt | null> {
    return this.landed.get(item.id) ?? null;
  }
}

const serverError = () => new SentinelError('slack.delivery', 'server', 'slack: 503 service unavailable');
const rateLimited = (seconds: number) => new SentinelError('slack.delivery', 'rate_limited', 'slack: 429 rate limited', { retryAfterSeconds: seconds });

describe('drainChannel', () => {
  let store: MemoryOutbox;
  let channel: FakeChannel;
  beforeEach(() => {
    store = new MemoryOutbox();
    channel = new FakeChannel();
    store.hasThread(A);
    store.hasThread(B);
  });

  it('delivers the items of one incident in the order they were queued', async () => {
    const [a1, b1, a2, a3] = [anOutboxItem({ incidentId: A }), anOutboxItem({ incidentId: B }), anOutboxItem({ incidentId: A }), anOutboxItem({ incidentId: A })];
    store.queue(a1!, b1!, a2!, a3!);

    const result = await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(channel.sent.filter((id) => id !== b1!.id)).toEqual([a1!.id, a2!.id, a3!.id]);
    expect(result).toMatchObject({ delivered: 4, retried: 0, pending: 0 });
  });

  it('holds an incident’s later items after a retryable failure while another incident’s item is delivered', async () => {
    const [a1, a2, b1] = [anOutboxItem({ incidentId: A }), anOutboxItem({ incidentId: A }), anOutboxItem({ incidentId: B })];
    store.queue(a1!, a2!, b1!);
    channel.failures.set(a1!.id, serverError());

    const result = await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(channel.sent).toEqual([b1!.id]);
    expect(result).toMatchObject({ delivered: 1, retried: 1, pending: 2 });
    expect(store.item(a2!.id)).toMatchObject({ status: 'pending', attempts: 0 });

    await drainChannel(store.asStore(), channel, { now: () => secondsAfterT0(5) });

    expect(channel.sent).toEqual([b1!.id, a1!.id, a2!.id]);
  });

  it('waits the retryAfterSeconds the channel asked for before the next attempt', async () => {
    const a1 = anOutboxItem({ incidentId: A });
    store.queue(a1);
    channel.failures.set(a1.id, rateLimited(90));

    await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(store.item(a1.id)).toMatchObject({ status: 'pending', nextAttemptAt: secondsAfterT0(90).toISOString(), lastError: 'slack: 429 rate limited' });
    await drainChannel(store.asStore(), channel, { now: () => secondsAfterT0(89) });
    expect(channel.sent).toEqual([]);
    await drainChannel(store.asStore(), channel, { now: () => secondsAfterT0(90) });
    expect(channel.sent).toEqual([a1.id]);
  });

  it('does not send an edit of the parent that a later edit of the same incident supersedes', async () => {
    const [edit1, edit2] = [anOutboxItem({ incidentId: A, op: 'edit_parent' }), anOutboxItem({ incidentId: A, op: 'edit_parent' })];
    store.queue(edit1!, edit2!);

    const result = await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(channel.sent).toEqual([edit2!.id]);
    expect(store.item(edit1!.id).status).toBe('superseded');
    expect(result).toMatchObject({ delivered: 1, superseded: 1 });
  });
});

describe('recoverInFlight', () => {
  let store: MemoryOutbox;
  let channel: FakeChannel;
  beforeEach(() => {
    store = new MemoryOutbox();
    channel = new FakeChannel();
  });

  it('marks an item left sending as delivered when the channel finds it landed, and does not send it again', async () => {
    const parent = anOutboxItem({ incidentId: A, op: 'post_parent', status: 'sending', attempts: 1 });
    const reply = anOutboxItem({ incidentId: A, op: 'reply' });
    store.queue(parent, reply);
    channel.landed.set(parent.id, { destination: 'C-OPS', parentRef: 'ts-landed' });

    await recoverInFlight(store.asStore(), channel, T0);
    await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(store.item(parent.id).status).toBe('sent');
    expect(channel.sent).toEqual([reply.id]);
    expect(await store.threadRef(COMPANY, A)).toMatchObject({ parentRef: 'ts-landed' });
  });

  it('puts an item left sending back in the queue when the channel cannot find it, so it is sent once', async () => {
    const reply = anOutboxItem({ incidentId: A, op: 'reply', status: 'sending', attempts: 1 });
    store.hasThread(A);
    store.queue(reply);

    await recoverInFlight(store.asStore(), channel, T0);
    await drainChannel(store.asStore(), channel, { now: () => T0 });

    expect(channel.sent).toEqual([reply.id]);
  });
});
