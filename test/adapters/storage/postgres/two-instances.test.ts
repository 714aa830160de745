// Two instances on one Postgres database, each with its own pool, doing the same work at the same
// time: the outbox hands each item to one of them and keeps every incident's order, and the poll
// lease goes to one of them per round. The assertions are invariants of every interleaving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../../adapters/storage/postgres/open-storage';
import { SentinelError } from '../../../../src/domain/errors';
import type { OutboxItem } from '../../../../src/notify/outbox';
import type { Storage } from '../../../../src/ports/storage';
import { freshDatabase } from '../../../support/postgres';
import { COMPANY, T0, aCycle, aDraft, at } from '../builders';

const CHANNEL = 'ops';
const INCIDENTS = 8;
const ITEMS_PER_INCIDENT = 6;

/** A fixed sequence of numbers in [0, 1), so a run is the same every time (the interleaving is not). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('two instances on one Postgres database', () => {
  let a: Storage;
  let b: Storage;
  beforeEach(async () => {
    const url = await freshDatabase();
    [a, b] = await Promise.all([openPostgresStorage(url, { poolMax: 3 }), openPostgresStorage(url, { poolMax: 3 })]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('never hands the same outbox item to both, nor an incident’s item while an older one of it is in flight', async () => {
    const drafts = [];
    for (let n = 0; n < ITEMS_PER_INCIDENT; n++) {
      for (let i = 0; i < INCIDENTS; i++)
        drafts.push(aDraft({ channel: CHANNEL, incidentId: `inc-${i}`, op: n === 0 ? 'post_parent' : 'reply' }));
    }
    await a.store.commitCycle(COMPANY, aCycle({ outbox: drafts }));

    const inFlight = new Map<number, OutboxItem>();
    const delivered: OutboxItem[] = [];
    const violations: string[] = [];
    const random = sequence(7);

    const drain = async (storage: Storage, owner: string) => {
      for (let idle = 0; idle < 3;) {
        const claimed = await storage.store.claimDeliveries(CHANNEL, at(10), 1 + Math.floor(random() * 4), { owner, until: at(20) });
        idle = claimed.length === 0 ? idle + 1 : 0;
        for (const item of claimed) {
          if (inFlight.has(item.id))
            violations.push(`item ${item.id} claimed by ${owner} while ${inFlight.get(item.id)!.claimedBy} held it`);
          const older = [...inFlight.values()].find((other) => other.incidentId === item.incidentId && other.id !== item.id);
          if (older) violations.push(`item ${item.id} of ${item.incidentId} claimed while item ${older.id} was in flight`);
          inFlight.set(item.id, item);
        }
        for (const item of claimed) {
          // Leaves the in-flight set before the store hears of it, so the set never holds more than the store does.
          inFlight.delete(item.id);
          if (random() < 0.15) await storage.store.markRetry(item.id, 'Slack answered 503', at(10));
          else {
            delivered.push(item);
            await storage.store.markDelivered(item.id, at(10));
          }
        }
      }
    };
    await Promise.all([drain(a, 'host-a:1'), drain(b, 'host-b:2')]);

    expect(violations).toEqual([]);
    expect(delivered).toHaveLength(INCIDENTS * ITEMS_PER_INCIDENT);
    expect(new Set(delivered.map((item) => item.id)).size).toBe(INCIDENTS * ITEMS_PER_INCIDENT);
    for (let i = 0; i < INCIDENTS; i++) {
      const ids = delivered.filter((item) => item.incidentId === `inc-${i}`).map((item) => item.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    expect(new Set(delivered.map((item) => item.claimedBy))).toEqual(new Set(['host-a:1', 'host-b:2']));
    expect(await b.store.pendingDeliveryCount(CHANNEL)).toBe(0);
  });

  it('gives the poll lease to exactly one of them per round, with a token that only grows', async () => {
    const tokens: number[] = [];
    for (let round = 0; round < 12; round++) {
      const now = at(round * 2);
      const attempts = await Promise.all([
        a.store.acquireLease(COMPANY, 'poll', 'host-a:1', now, 60_000),
        b.store.acquireLease(COMPANY, 'poll', 'host-b:2', now, 60_000),
      ]);
      const won = attempts.flatMap((attempt) => (attempt.ok ? [attempt.lease] : []));
      expect(won).toHaveLength(1);
      tokens.push(won[0]!.token);
    }

    expect(tokens).toEqual([...tokens].sort((x, y) => x - y));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('writes the commit of the lease’s new holder and refuses the old holder’s, whichever lands first', async () => {
    const old = await a.store.acquireLease(COMPANY, 'poll', 'host-a:1', T0, 60_000);
    if (!old.ok) throw new Error('the first acquisition must succeed');
    const taken = await b.store.acquireLease(COMPANY, 'poll', 'host-b:2', at(0.5), 60_000, old.lease);
    if (!taken.ok) throw new Error('replacing the holder the caller found dead must succeed');

    const outcomes = await Promise.allSettled([
      a.store.commitCycle(COMPANY, aCycle({ fence: old.lease, outbox: [aDraft({ channel: CHANNEL, incidentId: 'inc-old' })] })),
      b.store.commitCycle(COMPANY, aCycle({ fence: taken.lease, outbox: [aDraft({ channel: CHANNEL, incidentId: 'inc-new' })] })),
    ]);

    expect(
      outcomes.map((o) => (o.status === 'fulfilled' ? 'written' : o.reason instanceof SentinelError ? o.reason.code : 'untyped')),
    ).toEqual(['store.lease_lost', 'written']);
    expect((await a.store.claimDeliveries(CHANNEL, at(1), 10)).map((item) => item.incidentId)).toEqual(['inc-new']);
  });

  it('lets one of two decisions made on the same revision land, and refuses the other as stale', async () => {
    const [seenByA, seenByB] = await Promise.all([a.store.loadDecisionState(COMPANY), b.store.loadDecisionState(COMPANY)]);

    const outcomes = await Promise.allSettled([
      a.store.commitCycle(COMPANY, aCycle({ basis: seenByA.revision, outbox: [aDraft({ channel: CHANNEL, incidentId: 'inc-a' })] })),
      b.store.commitCycle(COMPANY, aCycle({ basis: seenByB.revision, outbox: [aDraft({ channel: CHANNEL, incidentId: 'inc-b' })] })),
    ]);

    const refused = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [o.reason instanceof SentinelError ? o.reason.code : 'untyped'] : [],
    );
    expect(refused).toEqual(['store.stale_decision']);
    expect(await a.store.pendingDeliveryCount(CHANNEL)).toBe(1);
    expect(await b.store.loadRevision(COMPANY)).toBe(seenByA.revision + 1);
  });
});
