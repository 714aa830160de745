// The portfolio digest through the real Slack Web API client to the strict Slack fake: one message in
// the owner's channel, the full ranking and the chart in its thread, once a week, even when the record
// of the last attempt was lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPortfolioSender } from '../../adapters/slack/digest-sender';
import { createWebClient } from '../../adapters/slack/web-client';
import { silentLogger } from '../../src/ports/logger';
import { runPortfolioDigest } from '../../src/portfolio/run-portfolio';
import { SlackApiFake } from '../fakes/slack/slack-api-fake';
import { Deliveries } from './deliveries';
import { manyCompanies, WEEK } from './portfolios';

let fake: SlackApiFake;
beforeEach(async () => {
  fake = await new SlackApiFake().start();
});
afterEach(async () => {
  await fake.stop();
});

const run = (deliveries: Deliveries) =>
  runPortfolioDigest({
    name: 'Northwind Home Services Group',
    week: WEEK,
    companies: manyCompanies(200),
    senders: [
      createSlackPortfolioSender({
        name: 'leadership',
        channelId: 'C0LEAD001',
        client: createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 }),
        now: () => new Date('2026-04-06T13:00:00Z'),
      }),
    ],
    deliveries,
    now: () => new Date('2026-04-06T13:00:00Z'),
    log: silentLogger,
  });

describe('the portfolio digest in Slack', () => {
  it('posts 200 companies as one message with the full ranking and the chart in its thread, once', async () => {
    const deliveries = new Deliveries();
    expect((await run(deliveries)).outcomes).toEqual([{ channel: 'leadership', status: 'sent' }]);
    const top = fake.channelMessages('C0LEAD001');
    expect(top).toHaveLength(1);
    expect(top[0]!.text).toMatch(/^Weekly portfolio digest 2026-W14: /);
    const thread = fake.threadOf('C0LEAD001', top[0]!.ts);
    expect(thread.flatMap((m) => m.files ?? []).map((f) => f.name)).toEqual([`sync-portfolio-${WEEK}.png`]);
    const ranking = JSON.stringify(thread.filter((m) => !m.files).map((m) => m.blocks));
    for (let i = 1; i <= 200; i++) expect(ranking).toContain(`Company ${i} — `);

    expect((await run(deliveries)).outcomes).toEqual([{ channel: 'leadership', status: 'already_sent' }]);
    // The delivery record lost (a restore, a crash before it was written): the channel itself says it landed.
    expect((await run(new Deliveries())).outcomes).toEqual([{ channel: 'leadership', status: 'sent' }]);
    expect(fake.channelMessages('C0LEAD001')).toHaveLength(1);
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(1);
  });
});
