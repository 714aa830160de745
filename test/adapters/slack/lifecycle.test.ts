import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from './harness';

// A rule whose cause is known: money at risk over the threshold makes it urgent → Stabilization Sprint.
const rule = aRule('missing', {
  id: 'missing-invoice',
  title: 'Invoice missing from QuickBooks',
  impact: ['billing'],
  cause: 'item not mapped',
  fix: "map item 'AC Tune-Up' in the sync settings",
});
const small = aFinding({ key: 'invoice:1043', amountCents: 10_000 });
const big = aFinding({
  key: 'invoice:1044',
  amountCents: 500_000,
  summary: 'Invoice 1044 ($5,000.00, Big Corp) not in QuickBooks after 4 days',
});
const third = aFinding({
  key: 'invoice:1045',
  amountCents: 20_000,
  summary: 'Invoice 1045 ($200.00, Ann Lee) not in QuickBooks after 4 days',
});
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

let world: SlackWorld;
afterEach(async () => world?.close());

describe('an incident told in one Slack thread', () => {
  it('opens, escalates, gains findings, resolves and reopens as one parent message and its thread', async () => {
    world = await slackWorld([rule]);
    await world.poll([small], at(0));
    const parent = world.fake.channelMessages(OPS)[0]!;
    await world.poll([small, big], at(1));
    await world.poll([small, big, third], at(2));
    await world.poll([], at(3));
    await world.poll([], at(4));
    await world.poll([small], at(5));

    const ts = parent.ts;
    expect(world.fake.story()).toEqual([
      `chat.postMessage ${OPS}: [MEDIUM] #1 Invoice missing from QuickBooks — OPEN · 1 record · $100.00 at risk · Fix in the normal course`,
      `chat.update ${OPS} ts=${ts}: [CRITICAL] #1 Invoice missing from QuickBooks — OPEN · 2 records · $5,100.00 at risk · Stabilization Sprint`,
      `chat.postMessage ${OPS} thread=${ts}: #1 1 new record`,
      `chat.postMessage ${OPS} thread=${ts} broadcast: #1 Escalated to critical: Stabilization Sprint — occasional · affects billing · cause known: item not mapped · urgent: $5,100.00 at risk → Stabilization Sprint`,
      `chat.update ${OPS} ts=${ts}: [CRITICAL] #1 Invoice missing from QuickBooks — OPEN · 3 records · $5,300.00 at risk · Stabilization Sprint`,
      `chat.postMessage ${OPS} thread=${ts}: #1 1 new record`,
      `chat.update ${OPS} ts=${ts}: [CRITICAL] #1 Invoice missing from QuickBooks — OPEN · 0 records · $0.00 at risk · Stabilization Sprint`,
      `chat.postMessage ${OPS} thread=${ts}: #1 3 fixed`,
      `chat.update ${OPS} ts=${ts}: [MEDIUM] #1 Invoice missing from QuickBooks — RESOLVED · 0 records · $0.00 at risk · Fix in the normal course`,
      `chat.postMessage ${OPS} thread=${ts}: #1 Resolved after 4 h`,
      `chat.update ${OPS} ts=${ts}: [MEDIUM] #1 Invoice missing from QuickBooks — OPEN · 1 record · $100.00 at risk · Fix in the normal course`,
      `chat.postMessage ${OPS} thread=${ts} broadcast: #1 Reopened (1st recurrence) — Fix in the normal course`,
      `chat.postMessage ${OPS} thread=${ts}: #1 1 new record`,
    ]);
  });
});

describe('a restart in the middle of delivery', () => {
  /** Claims the next item and sends it, then "crashes" before the outbox hears it was delivered. */
  async function sendThenCrash(w: SlackWorld, now: Date): Promise<void> {
    const [item] = await w.store.claimDeliveries('ops', now.toISOString(), 1);
    if (!item) throw new Error('nothing queued');
    const thread = item.op === 'post_parent' ? null : await w.store.threadRef(item.companyId, item.incidentId, item.channel);
    await w.channel.deliver(item, thread);
  }

  it('does not post the parent twice when the crash came after Slack took it', async () => {
    world = await slackWorld([rule]);
    await world.poll([small], at(0), { deliver: false });
    await sendThenCrash(world, at(0));
    await world.restart(at(0));
    await world.deliver(at(0));
    await world.poll([small, third], at(1));

    expect(world.fake.channelMessages(OPS)).toHaveLength(1);
    const parent = world.fake.channelMessages(OPS)[0]!;
    // The reply found the recovered thread: the ts came back from Slack's history as the same string.
    expect(world.fake.threadOf(OPS, parent.ts).map((m) => m.text)).toEqual(['#1 1 new record']);
  });

  it('does not post a thread reply twice, and sends the ones the crash cut off', async () => {
    world = await slackWorld([rule]);
    await world.poll([small], at(0));
    await world.poll([small, big], at(1), { deliver: false });
    await sendThenCrash(world, at(1)); // the edit of the parent
    await world.restart(at(1));
    await world.deliver(at(1));

    const parent = world.fake.channelMessages(OPS)[0]!;
    const thread = world.fake.threadOf(OPS, parent.ts).map((m) => m.text.split(':')[0]);
    expect(thread).toEqual(['#1 1 new record', '#1 Escalated to critical']);
    // An edit whose fate is unknown is sent again: the parent shows the same either way.
    expect(parent.edits).toBe(2);
    expect(parent.text).toContain('[CRITICAL]');
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('recovers a reply that landed before the crash without sending it again', async () => {
    world = await slackWorld([rule]);
    await world.poll([small], at(0));
    await world.poll([small, big], at(1), { deliver: false });
    await sendThenCrash(world, at(1)); // edit
    await world.store.markDelivered((await world.store.inFlightDeliveries('ops'))[0]!.id, at(1).toISOString());
    await sendThenCrash(world, at(1)); // "1 new record" reply lands, then the crash
    await world.restart(at(1));
    await world.deliver(at(1));

    const parent = world.fake.channelMessages(OPS).find((m) => !m.thread_ts)!;
    expect(world.fake.threadOf(OPS, parent.ts).map((m) => m.text.split(':')[0])).toEqual(['#1 1 new record', '#1 Escalated to critical']);
    expect(world.fake.callsOf('conversations.replies')).toHaveLength(1);
  });
});

describe('Slack pushing back', () => {
  it('waits out a 429 for as long as Retry-After says, without calling Slack again meanwhile', async () => {
    world = await slackWorld([rule, aRule('missing', { id: 'missing-payment', title: 'Payment missing', impact: ['billing'] })]);
    world.fake.fail('chat.postMessage', { status: 429, retryAfter: 30 });
    await world.poll([small, aFinding({ ruleId: 'missing-payment', key: 'payment:9' })], at(0));
    expect(world.fake.callsOf('chat.postMessage')).toHaveLength(1); // the second incident did not knock again
    expect(await world.store.pendingDeliveryCount('ops')).toBe(2);

    await world.deliver(new Date(at(0).getTime() + 31_000));
    expect(world.fake.channelMessages(OPS)).toHaveLength(2);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('sends the words as plain text when Slack refuses the blocks', async () => {
    world = await slackWorld([rule]);
    world.fake.fail('chat.postMessage', { error: 'msg_blocks_too_long' });
    await world.poll([small], at(0));
    const posts = world.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.args['blocks']).toBeUndefined();
    expect(world.fake.channelMessages(OPS)[0]!.text).toContain('Invoice missing from QuickBooks');
  });

  it('keeps the alert queued, never dead, while the app is not in the channel', async () => {
    world = await slackWorld([rule]);
    world.fake.notIn.add(OPS);
    await world.poll([small], at(0));
    expect(world.fake.channelMessages(OPS)).toHaveLength(0);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(1);

    world.fake.notIn.delete(OPS);
    await world.deliver(new Date(at(0).getTime() + 16 * 60_000));
    expect(world.fake.channelMessages(OPS)).toHaveLength(1);
  });
});
