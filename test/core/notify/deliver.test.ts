import { describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/domain/errors';
import { backoffMs, drainChannel, recoverInFlight } from '../../../src/notify/deliver';
import type { DeliveryOp, OutboxItem, ThreadRef } from '../../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../../src/ports/channel';
import type { StorePort } from '../../../src/ports/store';
import { after, MINUTE, NOW } from '../../builders/clock';
import { COMPANY } from '../../builders/incidents';
import { anOutboxItem } from '../../builders/notify';

type DeliveryMethods = 'claimDeliveries' | 'inFlightDeliveries' | 'takeOverDelivery' | 'markDelivered' | 'markRetry' | 'markSuperseded' | 'hasNewerEdit' | 'pendingDeliveryCount' | 'threadRef';

/**
 * How a store may honour "the next due items of a channel in order (oldest first per incident)":
 * `one-per-incident` claims only an incident's oldest queued item, as the SQLite store does;
 * `all-due` claims every due item, holding an incident back only behind an item still waiting.
 */
type ClaimMode = 'one-per-incident' | 'all-due';

/** The outbox and thread table in memory. */
class MemoryOutbox implements Pick<StorePort, DeliveryMethods> {
  readonly items: OutboxItem[] = [];
  readonly threads = new Map<string, ThreadRef>();

  constructor(private readonly mode: ClaimMode = 'one-per-incident') {}

  queue(incidentId: string, op: DeliveryOp = 'reply', overrides: Partial<OutboxItem> = {}): OutboxItem {
    const item = anOutboxItem(this.items.length + 1, incidentId, { op, ...overrides });
    this.items.push(item);
    return item;
  }

  item(id: number): OutboxItem {
    const found = this.items.find((i) => i.id === id);
    if (!found) throw new Error(`no outbox item ${id}`);
    return found;
  }

  hasThread(incidentId: string, parentRef = `ts-${incidentId}`): void {
    this.threads.set(incidentId, { companyId: COMPANY, incidentId, channel: 'ops', destination: 'C-OPS', parentRef });
  }

  async claimDeliveries(channel: string, now: string, limit: number): Promise<OutboxItem[]> {
    const held = new Set<string>();
    const claimed: OutboxItem[] = [];
    for (const item of this.items) {
      if (item.channel !== channel || (item.status !== 'pending' && item.status !== 'sending')) continue;
      const due = item.status === 'pending' && Date.parse(item.nextAttemptAt) <= Date.parse(now);
      const blocked = held.has(item.incidentId);
      if (!due || this.mode === 'one-per-incident') held.add(item.incidentId);
      if (!due || blocked || claimed.length >= limit) continue;
      claimed.push(item);
    }
    for (const item of claimed) Object.assign(item, { status: 'sending', attempts: item.attempts + 1 });
    return claimed.map((i) => ({ ...i }));
  }

  async inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    return this.items.filter((i) => i.channel === channel && i.status === 'sending').map((i) => ({ ...i }));
  }

  async takeOverDelivery(id: number, from: string | null, claim: { owner: string; until: string }): Promise<boolean> {
    const item = this.item(id);
    if (item.status !== 'sending' || (item.claimedBy ?? null) !== from) return false;
    Object.assign(item, { claimedBy: claim.owner, claimExpiresAt: claim.until });
    return true;
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
    return this.items.some((x) => x.id > item.id && x.incidentId === item.incidentId && x.channel === item.channel && x.op === 'edit_parent' && (x.status === 'pending' || x.status === 'sending'));
  }

  async pendingDeliveryCount(channel?: string): Promise<number> {
    return this.items.filter((i) => (channel === undefined || i.channel === channel) && (i.status === 'pending' || i.status === 'sending')).length;
  }

  async threadRef(_companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null> {
    const t = this.threads.get(incidentId);
    return t && t.channel === channel ? t : null;
  }

  /** The store the worker takes; anything beyond delivery is a mistake and throws. */
  asStore(): StorePort {
    return new Proxy(this, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop);
        if (typeof value !== 'function') throw new Error(`delivery called StorePort.${String(prop)}`);
        return value.bind(target);
      },
    }) as unknown as StorePort;
  }
}

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

const rateLimited = (seconds: number) => new SentinelError('slack.rate_limited', 'rate_limited', 'Slack is rate limiting chat.postMessage', { retryAfterSeconds: seconds });
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
