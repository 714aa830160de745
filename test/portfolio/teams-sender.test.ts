// The portfolio digest through the Bot Connector fake, which refuses what Teams refuses: one new thread
// a week whose first card is the portfolio, the full ranking of 200 companies in follow-up cards.
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsPortfolioSender } from '../../adapters/teams/digest-sender';
import { silentLogger } from '../../src/ports/logger';
import { runPortfolioDigest } from '../../src/portfolio/run-portfolio';
import { COMPANY } from '../builders/incidents';
import { aRule } from '../builders/rules';
import { OPS } from '../adapters/teams/activities';
import { cardLines, cardOf } from '../adapters/teams/card-text';
import { teamsWorld, type TeamsWorld } from '../adapters/teams/harness';
import { Deliveries } from './deliveries';
import { manyCompanies, WEEK } from './portfolios';

let world: TeamsWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('the portfolio digest in Teams', () => {
  it('starts one thread with the portfolio card, the full ranking in its replies, once a week', async () => {
    world = await teamsWorld([aRule('missing', { id: 'missing-invoice' })]);
    await world.install();
    const sender = createTeamsPortfolioSender({
      name: 'leadership',
      channelId: OPS,
      companyId: COMPANY,
      transport: world.transport,
      conversations: world.conversations,
    });
    const deliveries = new Deliveries();
    const run = () =>
      runPortfolioDigest({
        name: 'Northwind Home Services Group',
        week: WEEK,
        companies: manyCompanies(200),
        senders: [sender],
        deliveries,
        now: () => new Date('2026-04-06T13:00:00Z'),
        log: silentLogger,
      });
    expect((await run()).outcomes).toEqual([{ channel: 'leadership', status: 'sent' }]);
    const threads = world.fake.threadsIn(OPS);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.activity['summary']).toBe(`Weekly portfolio digest — ${WEEK}`);
    expect(cardLines(cardOf(threads[0]!.activity)).join('\n')).toContain('Look at first');
    const replies = world.fake.repliesIn(`${OPS};messageid=${threads[0]!.id}`);
    const all = replies.flatMap((r) => cardLines(cardOf(r.activity))).join('\n');
    for (let i = 1; i <= 200; i++) expect(all).toContain(`Company ${i} — `);

    expect((await run()).outcomes).toEqual([{ channel: 'leadership', status: 'already_sent' }]);
    expect(world.fake.threadsIn(OPS)).toHaveLength(1);
  });
});
