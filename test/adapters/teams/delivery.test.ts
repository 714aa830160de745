import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/domain/errors';
import { HOUR, NOW } from '../../builders/clock';
import { COMPANY } from '../../builders/incidents';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS, personalMessage, TEAM } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

const rule = aRule('missing', {
  id: 'missing-invoice',
  title: 'Invoice missing from QuickBooks',
  impact: ['billing'],
  cause: 'item not mapped',
});
const small = aFinding({ key: 'invoice:1043', amountCents: 10_000 });
const big = aFinding({ key: 'invoice:1044', amountCents: 500_000 });
const third = aFinding({ key: 'invoice:1045', amountCents: 20_000 });
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

let world: TeamsWorld;
afterEach(async () => world?.close());

/** Claims the next item and sends it, then "crashes" before the outbox hears it was delivered. */
async function sendThenCrash(w: TeamsWorld, now: Date): Promise<void> {
  const [item] = await w.store.claimDeliveries('ops', now.toISOString(), 1);
  if (!item) throw new Error('nothing queued');
  const thread = item.op === 'post_parent' ? null : await w.store.threadRef(item.companyId, item.incidentId, item.channel);
  await w.channel.deliver(item, thread);
}

describe('a restart in the middle of delivery', () => {
  it('does not start a second thread when the crash came after Teams took the card', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.poll([small], at(0), { deliver: false });
    await sendThenCrash(world, at(0));
    await world.restart(at(0));
    await world.deliver(at(0));
    await world.poll([small, third], at(1));

    const threads = world.fake.threadsIn(OPS);
    expect(threads).toHaveLength(1);
    // Recovery asked the connector about the activity it had recorded, and the reply found the thread.
    expect(world.fake.calls.filter((c) => c.path.endsWith('/members'))).toHaveLength(1);
    expect(world.fake.repliesIn(`${OPS};messageid=${threads[0]!.id}`).map((m) => cardLines(cardOf(m.activity))[0])).toEqual([
      '1 new record',
    ]);
  });

  it('does not post a thread reply twice, and sends the ones the crash cut off', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.poll([small], at(0));
    await world.poll([small, big], at(1), { deliver: false });
    await sendThenCrash(world, at(1)); // the edit of the card
    await world.store.markDelivered((await world.store.inFlightDeliveries('ops'))[0]!.id, at(1).toISOString());
    await sendThenCrash(world, at(1)); // "1 new record" lands, then the crash
    await world.restart(at(1));
    await world.deliver(at(1));

    const root = world.fake.threadsIn(OPS)[0]!;
    const replies = world.fake.repliesIn(`${OPS};messageid=${root.id}`).map((m) => cardLines(cardOf(m.activity))[0]!.split(':')[0]);
    expect(replies).toEqual(['1 new record', 'Escalated to critical']);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('sends again what Teams never confirmed: an edit whose fate is unknown shows the same card twice', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.poll([small], at(0));
    await world.poll([small, big], at(1), { deliver: false });
    await sendThenCrash(world, at(1));
    await world.restart(at(1));
    await world.deliver(at(1));
    const root = world.fake.threadsIn(OPS)[0]!;
    expect(root.edits).toBe(2);
    expect(cardLines(cardOf(root.activity))[0]).toContain('[CRITICAL]');
  });
});

describe('Teams pushing back', () => {
  it('waits out a short 429 in place and delivers without losing the order', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    world.fake.fail({ op: 'createConversation', status: 429, retryAfter: 1, times: 1 });
    await world.poll([small], at(0));
    expect(world.fake.calls.filter((c) => c.path === 'POST /v3/conversations')).toHaveLength(2);
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('does not hold up delivery for a long Retry-After: the alert waits in the outbox exactly that long', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    world.fake.fail({ op: 'createConversation', status: 429, retryAfter: 120, times: 1 });
    await world.poll([small], at(0));
    expect(world.fake.calls.filter((c) => c.path === 'POST /v3/conversations')).toHaveLength(1); // no knocking again meanwhile
    const [item] = outboxOnDisk(world.file, 'select status, last_error as lastError, next_attempt_at as next from outbox') as Array<{
      status: string;
      lastError: string;
      next: string;
    }>;
    expect(item).toMatchObject({ status: 'pending', next: new Date(at(0).getTime() + 120_000).toISOString() });
    expect(item!.lastError).toMatch(/Teams asked us to slow down .*retrying after 120 s/);

    await world.deliver(new Date(at(0).getTime() + 119_000));
    expect(world.fake.threadsIn(OPS)).toHaveLength(0);
    await world.deliver(new Date(at(0).getTime() + 120_000));
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
  });

  it('retries a gateway error once in place, as Teams asks bots to', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    world.fake.fail({ op: 'createConversation', status: 502, times: 1 });
    await world.poll([small], at(0));
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('marks the channel dead on 403 BotNotInConversationRoster and keeps the alert in the outbox', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    world.fake.notInRoster.add(OPS);
    await world.poll([small], at(0));

    expect(world.fake.threadsIn(OPS)).toHaveLength(0);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(1);
    const ops = await world.conversations.findConversation(COMPANY, OPS);
    expect(ops).toMatchObject({ status: 'dead' });
    expect(ops!.deadReason).toMatch(/BotNotInConversationRoster/);
    // An operator incident: the other channels hear once that alerts to "ops" are held, and why.
    expect(world.console.text()).toContain(
      'Alerts to channel "ops" are held: Teams says the app is no longer in the team of channel 19:sync-alerts@thread.tacv2 (403)',
    );

    // sync-status shows it first, with the fix.
    await world.send(personalMessage(world.fake.serviceUrl, 'sync-status'));
    const answer = cardLines(cardOf(world.fake.messages.filter((m) => m.conversationId === 'a:1personal-chat-with-dana').at(-1)!.activity));
    expect(answer.slice(0, 2)).toEqual([
      'Alerts held — a person must fix this:',
      '✗ ops: Teams says the app is no longer in the team of channel 19:sync-alerts@thread.tacv2 (403) (BotNotInConversationRoster) — add the app to that team again (Teams → Apps → Manage your apps)',
    ]);

    // The error the delivery worker sees: coded, not worth retrying by waiting.
    const [item] = await world.store.claimDeliveries('ops', at(1).toISOString(), 1);
    const err = await world.channel.deliver(item!, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentinelError);
    expect(err).toMatchObject({ code: 'channel.not_in_roster', retryable: false });
    await world.store.markRetry(item!.id, (err as Error).message, at(1).toISOString());

    // Someone adds the app again: Teams says so, the reference lives, and the held alert goes out at
    // once (the install sends what the channel held), not after the outbox's backoff.
    world.fake.notInRoster.delete(OPS);
    await world.install();
    expect(await world.conversations.findConversation(COMPANY, OPS)).toMatchObject({ status: 'active' });
    for (let i = 0; i < 300 && !world.console.text().includes('flowing again'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
    expect(world.console.text()).toContain('Fixed: alerts to "ops" are flowing again');
  });

  it('holds alerts for a channel the bot was never told about, with the fix in the error', async () => {
    world = await teamsWorld([rule]);
    await world.poll([small], at(0));
    const [row] = outboxOnDisk(world.file, 'select last_error as e from outbox') as Array<{ e: string }>;
    expect(row!.e).toContain('the Teams bot has not been added to the team of channel 19:sync-alerts@thread.tacv2');
    expect(row!.e).toContain('sync-sentinel teams package');
    expect(world.fake.apiCalls()).toHaveLength(0);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(1);
    expect(TEAM).toBeTruthy();
  });
});

describe('a Teams channel that refuses posts (403 or 404)', () => {
  for (const [status, says] of [
    [403, "Teams refuses the app's posts in channel 19:sync-alerts@thread.tacv2 (403)"],
    [404, 'Teams does not know channel 19:sync-alerts@thread.tacv2 (404)'],
  ] as const) {
    it(`${status}: is probed with one post per back-off step, not one per held alert, and tells the others once`, async () => {
      world = await teamsWorld([rule]);
      await world.install();
      world.fake.fail({ op: 'createConversation', status });
      const many = Array.from({ length: 12 }, (_, i) => aFinding({ key: `invoice:${3001 + i}`, groupKey: `g${i}` }));
      await world.poll(many, at(0));
      await world.deliver(new Date(at(0).getTime() + 2_000));

      expect(world.fake.calls.filter((c) => c.path === 'POST /v3/conversations')).toHaveLength(1);
      expect(await world.store.pendingDeliveryCount('ops')).toBe(12);
      expect(world.console.text().match(/Alerts to channel "ops" are held/g)).toHaveLength(1);
      expect(world.console.text()).toContain(says);
    });
  }
});

/** The outbox as the file holds it (what a second process would read). */
function outboxOnDisk(file: string, query: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}
