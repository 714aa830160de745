import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import type { ConnectorCall } from '../../fakes/teams/bot-connector-fake';
import { OPS } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

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

let world: TeamsWorld;
afterEach(async () => world?.close());

/** The connector calls as one line each: what a person would see change in Teams. */
function story(calls: ConnectorCall[]): string[] {
  return calls.map((c) => {
    const lines = cardLines(
      cardOf((c.method === 'POST' && c.path === 'POST /v3/conversations' ? c.body?.['activity'] : c.body) as Record<string, unknown>),
    );
    switch (c.method) {
      case 'POST':
        if (c.path === 'POST /v3/conversations')
          return `new thread in ${(c.body?.['channelData'] as { channel: { id: string } }).channel.id}: ${lines[0]} — ${lines[1]}`;
        return `reply in ${c.conversationId}: ${lines[0]}`;
      case 'PUT':
        return `update ${c.activityId} in ${c.conversationId}: ${lines[0]} — ${lines[1]} · ${lines[2]}`;
      default:
        return `${c.path}`;
    }
  });
}

describe('an incident told in one Teams thread', () => {
  it('opens, escalates, gains findings, resolves and reopens as one card and its replies', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    const before = world.fake.apiCalls().length;
    await world.poll([small], at(0));
    const root = world.fake.threadsIn(OPS)[0]!;
    const thread = `${OPS};messageid=${root.id}`;
    await world.poll([small, big], at(1));
    await world.poll([small, big, third], at(2));
    await world.poll([], at(3));
    await world.poll([], at(4));
    await world.poll([small], at(5));

    const id = root.id;
    expect(story(world.fake.apiCalls().slice(before))).toEqual([
      `new thread in ${OPS}: [MEDIUM] #1 Invoice missing from QuickBooks — Open`,
      `update ${id} in ${thread}: [CRITICAL] #1 Invoice missing from QuickBooks — Open · 2 records · $5,100.00 at risk`,
      `reply in ${thread}: 1 new record`,
      `reply in ${thread}: Escalated to critical: Stabilization Sprint — occasional · affects billing · cause known: item not mapped · urgent: $5,100.00 at risk → Stabilization Sprint`,
      `update ${id} in ${thread}: [CRITICAL] #1 Invoice missing from QuickBooks — Open · 3 records · $5,300.00 at risk`,
      `reply in ${thread}: 1 new record`,
      `update ${id} in ${thread}: [CRITICAL] #1 Invoice missing from QuickBooks — Open · 0 records · $0.00 at risk`,
      `reply in ${thread}: 3 fixed`,
      `update ${id} in ${thread}: [MEDIUM] #1 Invoice missing from QuickBooks — Resolved after 4 h · 0 records · $0.00 at risk`,
      `reply in ${thread}: Resolved after 4 h`,
      `update ${id} in ${thread}: [MEDIUM] #1 Invoice missing from QuickBooks — Open · 1 record · $100.00 at risk`,
      `reply in ${thread}: Reopened (1st recurrence) — Fix in the normal course`,
      `reply in ${thread}: 1 new record`,
    ]);
    // One thread for the incident's whole life, with its card showing the latest state.
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
    expect(root.edits).toBe(5);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });
});
