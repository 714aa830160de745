import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import type { OutboxDraft, OutboxItem } from '../../../src/notify/outbox';
import { COMPANY, T0, aCycle, aDraft, aThreadRef, at, tempStores } from './builders';

const SLACK = 'ops-slack';
const A = 'inc-a';
const B = 'inc-b';

const parentOf = (incidentId: string, minute = 0) => aDraft({ incidentId, op: 'post_parent', createdAt: at(minute) });
const replyTo = (incidentId: string, minute: number) => aDraft({ incidentId, op: 'reply', createdAt: at(minute) });
const describeItems = (items: OutboxItem[]) => items.map((i) => `${i.incidentId}:${i.op}@${i.createdAt}`);

describe('SqliteStore deliveries', () => {
  let stores: ReturnType<typeof tempStores>;
  let store: SqliteStore;
  beforeEach(() => {
    stores = tempStores();
    store = stores.open();
  });
  afterEach(() => stores.cleanup());

  async function queue(...drafts: OutboxDraft[]): Promise<void> {
    await store.commitCycle(COMPANY, aCycle({ outbox: drafts }));
  }

  /** Claims exactly one item (the test's setup guarantees it) and returns it. */
  async function claimOne(now: string): Promise<OutboxItem> {
    const [item, ...more] = await store.claimDeliveries(SLACK, now, 1);
    if (!item || more.length > 0) throw new Error(`expected one item due at ${now}`);
    return item;
  }

  async function deliverAll(items: OutboxItem[]): Promise<void> {
    for (const item of items) await store.markDelivered(item.id, at(1));
  }

  it('claims due items oldest first, marking them sending with one more attempt', async () => {
    await queue(parentOf(A, 0), parentOf(B, 1), parentOf('inc-c', 2));

    const claimed = await store.claimDeliveries(SLACK, at(5), 10);

    expect(describeItems(claimed)).toEqual([`${A}:post_parent@${at(0)}`, `${B}:post_parent@${at(1)}`, `inc-c:post_parent@${at(2)}`]);
    expect(claimed.every((i) => i.status === 'sending' && i.attempts === 1)).toBe(true);
    expect(await store.claimDeliveries(SLACK, at(5), 10)).toEqual([]);
  });

  it('claims no more than the limit', async () => {
    await queue(parentOf(A), parentOf(B), parentOf('inc-c'));

    expect(describeItems(await store.claimDeliveries(SLACK, at(5), 2)).map((d) => d.split(':')[0])).toEqual([A, B]);
  });

  it('claims only items of the asked channel', async () => {
    await queue(parentOf(A), aDraft({ incidentId: A, channel: 'console' }));

    const claimed = await store.claimDeliveries('console', at(5), 10);

    expect(claimed.map((i) => i.channel)).toEqual(['console']);
    expect(await store.pendingDeliveryCount(SLACK)).toBe(1);
  });

  it('holds an incident’s later messages while its earlier one is in flight', async () => {
    await queue(parentOf(A, 0), replyTo(A, 1), parentOf(B, 2));

    expect(describeItems(await store.claimDeliveries(SLACK, at(5), 10))).toEqual([
      `${A}:post_parent@${at(0)}`,
      `${B}:post_parent@${at(2)}`,
    ]);
    expect(await store.claimDeliveries(SLACK, at(5), 10)).toEqual([]);
  });

  it('holds an incident’s later replies while an earlier one waits out its retry, without holding other incidents', async () => {
    await queue(parentOf(A, 0), parentOf(B, 0));
    await deliverAll(await store.claimDeliveries(SLACK, at(1), 10));
    await queue(replyTo(A, 2), replyTo(B, 3), replyTo(A, 4));
    const firstReplyOfA = await claimOne(at(5));
    await store.markRetry(firstReplyOfA.id, 'slack: 429 rate limited', at(30));

    const claimed = await store.claimDeliveries(SLACK, at(10), 10);

    expect(describeItems(claimed)).toEqual([`${B}:reply@${at(3)}`]);
  });

  it('sends an incident’s retried reply before its later ones once the backoff is over', async () => {
    await queue(replyTo(A, 2), replyTo(A, 4));
    const first = await claimOne(at(5));
    await store.markRetry(first.id, 'slack: 503', at(30));

    const retried = await store.claimDeliveries(SLACK, at(30), 10);
    await deliverAll(retried);
    const next = await store.claimDeliveries(SLACK, at(31), 10);

    expect(retried).toEqual([expect.objectContaining({ id: first.id, attempts: 2, lastError: 'slack: 503', nextAttemptAt: at(30) })]);
    expect(describeItems(next)).toEqual([`${A}:reply@${at(4)}`]);
  });

  it('gives back items left sending by a crash after the file is reopened', async () => {
    await queue(parentOf(A), parentOf(B));
    const claimed = await store.claimDeliveries(SLACK, at(5), 10);
    await store.close();

    const reopened = stores.open();

    expect(await reopened.inFlightDeliveries(SLACK)).toEqual(claimed);
    expect(await reopened.claimDeliveries(SLACK, at(6), 10)).toEqual([]);
    expect(await reopened.pendingDeliveryCount(SLACK)).toBe(2);
  });

  it('keeps the thread ref of a delivered parent exactly as the chat returned it', async () => {
    await queue(parentOf(A));
    const parent = await claimOne(at(5));

    await store.markDelivered(parent.id, at(6), aThreadRef({ incidentId: A, parentRef: '1700000000.000100' }));
    await store.close();
    const reopened = stores.open();

    expect(await reopened.threadRef(COMPANY, A, SLACK)).toEqual(aThreadRef({ incidentId: A, parentRef: '1700000000.000100' }));
    expect(await reopened.inFlightDeliveries(SLACK)).toEqual([]);
    expect(await reopened.pendingDeliveryCount()).toBe(0);
  });

  it('has no thread ref for an incident not yet posted to the channel', async () => {
    await queue(parentOf(A));
    const parent = await claimOne(at(5));
    await store.markDelivered(parent.id, at(6));

    expect(await store.threadRef(COMPANY, A, SLACK)).toBeNull();
    expect(await store.threadRef(COMPANY, A, 'console')).toBeNull();
  });

  it('skips superseded items without holding the incident’s later ones', async () => {
    await queue(
      aDraft({ incidentId: A, op: 'edit_parent', createdAt: at(1) }),
      aDraft({ incidentId: A, op: 'edit_parent', createdAt: at(2) }),
    );
    const stale = await claimOne(at(5));
    await store.markRetry(stale.id, 'slack: 503', at(30));

    await store.markSuperseded([stale.id]);

    expect(describeItems(await store.claimDeliveries(SLACK, at(5), 10))).toEqual([`${A}:edit_parent@${at(2)}`]);
    expect(await store.pendingDeliveryCount(SLACK)).toBe(1);
  });

  it('counts pending and sending items, per channel or in all', async () => {
    await queue(parentOf(A), parentOf(B), aDraft({ channel: 'console' }));
    const sent = await claimOne(at(5));
    await claimOne(at(5));
    await store.markDelivered(sent.id, at(6));

    expect(await store.pendingDeliveryCount(SLACK)).toBe(1);
    expect(await store.pendingDeliveryCount()).toBe(2);
  });

  it('never hands the same item to two stores sharing the file', async () => {
    const other = stores.open();
    await queue(parentOf(A), parentOf(B), parentOf('inc-c'));

    const mine = await store.claimDeliveries(SLACK, at(5), 2);
    const theirs = await other.claimDeliveries(SLACK, at(5), 10);

    expect([...mine, ...theirs].map((i) => i.incidentId).sort()).toEqual([A, B, 'inc-c']);
    expect(theirs.map((i) => i.incidentId)).toEqual(['inc-c']);
  });

  it('does not claim an item before its created time', async () => {
    await queue(parentOf(A, 10));

    expect(await store.claimDeliveries(SLACK, T0, 10)).toEqual([]);
    expect(await store.claimDeliveries(SLACK, at(10), 10)).toHaveLength(1);
  });
});
