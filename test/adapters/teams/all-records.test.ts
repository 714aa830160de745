// An incident with 300 records in Teams: the alert card says where the rest are and offers "Show all
// records", which posts the first page in the thread; Next and Previous turn that card's page.
import { afterEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../adapters/teams/cards/card-actions';
import { NOW } from '../../builders/clock';
import { someFindings } from '../../builders/findings';
import { COMPANY } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { cardExecute, cardSubmit, OPS } from './activities';
import { cardActions, cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
let world: TeamsWorld;
afterEach(async () => world?.close());

async function bigIncident(w: TeamsWorld) {
  await w.install();
  await w.poll(someFindings(300), NOW);
  const root = w.fake.threadsIn(OPS)[0]!;
  const incident = (await w.store.loadIncidents(COMPANY))[0]!;
  return { root, thread: `${OPS};messageid=${root.id}`, incidentId: incident.id };
}

describe('an incident with 300 records in Teams', () => {
  it('says on the card where all 300 are, and the thread agrees', async () => {
    world = await teamsWorld([rule]);
    const { root, thread } = await bigIncident(world);
    const parent = cardOf(root.activity);

    expect(cardLines(parent)).toContain('… 295 more: Show all records lists all 300');
    expect(cardActions(parent).map((a) => a['title'])).toContain('Show all records');
    // The thread's conversation holds the root card first, then the replies.
    const replies = world.fake.messages
      .filter((m) => m.conversationId === thread)
      .slice(1)
      .map((m) => cardLines(cardOf(m.activity)));
    expect(replies).toHaveLength(1);
    expect(replies[0]![0]).toBe('All 300 records');
    expect(replies[0]!.at(-1)).toBe('… and 280 more: Show all records on the alert lists them all');
  });

  it('posts page 1 of 12 in the thread, and Next replaces it with page 2', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await bigIncident(world);

    const res = await world.send(cardExecute(world.fake.serviceUrl, thread, VERBS.showRecords, { incident: incidentId, page: 1 }));
    expect((res.body as { value: string }).value).toBe('All records of #1 posted below.');
    const posted = world.fake.messages.filter((m) => m.conversationId === thread).at(-1)!;
    const first = cardLines(cardOf(posted.activity));
    expect(first[0]).toBe('#1 Invoice missing from QuickBooks: records 1–25 of 300');
    expect(first[1]).toMatch(/^1\. Invoice 1001 .* · fieldpro invoice 1001 · \$100\.00$/);
    expect(first.at(-1)).toBe('Page 1 of 12 · biggest amounts first');
    expect(cardActions(cardOf(posted.activity)).map((a) => a['title'])).toEqual(['Next']);

    const next = await world.send(
      cardExecute(world.fake.serviceUrl, thread, VERBS.showRecords, { incident: incidentId, page: 2, inPlace: true }),
    );
    const body = next.body as { type: string; value: object };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardLines(body.value)[0]).toBe('#1 Invoice missing from QuickBooks: records 26–50 of 300');
    expect(cardActions(body.value).map((a) => a['title'])).toEqual(['Previous', 'Next']);

    const last = await world.send(
      cardExecute(world.fake.serviceUrl, thread, VERBS.showRecords, { incident: incidentId, page: 12, inPlace: true }),
    );
    expect(cardLines((last.body as { value: object }).value)[0]).toBe('#1 Invoice missing from QuickBooks: records 276–300 of 300');
  });

  it('posts the next page from the Action.Submit fallback of older clients', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await bigIncident(world);
    await world.send(cardSubmit(world.fake.serviceUrl, thread, { verb: VERBS.showRecords, incident: incidentId, page: 3, inPlace: true }));
    const posted = world.fake.messages.filter((m) => m.conversationId === thread).at(-1)!;
    expect(cardLines(cardOf(posted.activity))[0]).toBe('#1 Invoice missing from QuickBooks: records 51–75 of 300');
  });
});
