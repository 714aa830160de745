// Someone deletes an alert's parent message in Slack. The next edit or reply must not retry into
// nothing for ever: the incident's current parent is posted again as a new thread and the story goes
// on there.
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from './harness';

const rule = aRule('missing', {
  id: 'missing-invoice',
  title: 'Invoice missing from QuickBooks',
  impact: ['billing'],
  cause: 'item not mapped',
});
const small = aFinding({ key: 'invoice:1043', amountCents: 10_000 });
const third = aFinding({
  key: 'invoice:1045',
  amountCents: 20_000,
  summary: 'Invoice 1045 ($200.00, Ann Lee) not in QuickBooks after 4 days',
});
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

let world: SlackWorld;
afterEach(async () => world?.close());

function deleteMessage(w: SlackWorld, ts: string): void {
  const i = w.fake.messages.findIndex((m) => m.channel === OPS && m.ts === ts);
  w.fake.messages.splice(i, 1);
}

describe('an alert whose parent message was deleted by hand', () => {
  it('starts a new thread with the current parent and carries on there, nothing left queued', async () => {
    world = await slackWorld([rule]);
    await world.poll([small], at(0));
    const first = world.fake.channelMessages(OPS)[0]!;
    deleteMessage(world, first.ts);

    await world.poll([small, third], at(1));

    const parents = world.fake.channelMessages(OPS);
    expect(parents).toHaveLength(1);
    expect(parents[0]!.ts).not.toBe(first.ts);
    expect(parents[0]!.text).toMatch(/^\[MEDIUM\] #1 Invoice missing from QuickBooks — OPEN · 2 records/);
    expect(world.fake.threadOf(OPS, parents[0]!.ts).map((m) => m.text)).toEqual(['#1 1 new record']);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);

    // Later news goes to the new thread.
    await world.poll([small], at(2));
    await world.poll([small], at(3));
    expect(world.fake.threadOf(OPS, parents[0]!.ts).map((m) => m.text)).toEqual(['#1 1 new record', '#1 1 fixed']);
  });
});
