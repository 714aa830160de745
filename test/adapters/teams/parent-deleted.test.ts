// Someone deletes an alert's card in Teams. Updating it answers 404 ActivityNotFoundInConversation:
// the incident's current card is posted again as a new thread instead of retrying for ever.
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

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

let world: TeamsWorld;
afterEach(async () => world?.close());

describe('an alert whose card was deleted by hand', () => {
  it('starts a new thread with the current card and replies there, nothing left queued', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.poll([small], at(0));
    const first = world.fake.threadsIn(OPS)[0]!;
    world.fake.messages.splice(world.fake.messages.indexOf(first), 1);

    await world.poll([small, third], at(1));

    const roots = world.fake.threadsIn(OPS);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.id).not.toBe(first.id);
    expect(cardLines(cardOf(roots[0]!.activity)).slice(0, 2).join(' — ')).toMatch(/^\[MEDIUM\] #1 Invoice missing from QuickBooks — Open/);
    const replies = world.fake.messages.filter((m) => m.conversationId === `${OPS};messageid=${roots[0]!.id}` && m.id !== roots[0]!.id);
    expect(replies.map((m) => cardLines(cardOf(m.activity))[0])).toEqual(['1 new record']);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });
});
