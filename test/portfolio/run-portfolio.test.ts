// Running the portfolio digest: one view and one chart from every company's stored snapshots, each of
// the portfolio's channels served once a week, a failed channel retried from where it stopped.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createConsolePortfolioSender } from '../../adapters/console/console-portfolio-sender';
import { SentinelError } from '../../src/domain/errors';
import type { DigestAttempt, DigestChart } from '../../src/ports/digest-sender';
import { silentLogger } from '../../src/ports/logger';
import type { PortfolioView } from '../../src/portfolio/portfolio-view';
import { runPortfolioDigest, type PortfolioSender } from '../../src/portfolio/run-portfolio';
import { Deliveries } from './deliveries';
import { aCompany, manyCompanies, WEEK } from './portfolios';

/** A channel that posts a main message and one reply, and can be told to fail after the main message. */
class ThreadChannel implements PortfolioSender {
  posts: string[] = [];
  failAfterMain = 0;
  constructor(readonly channel: string) {}
  async send(view: PortfolioView, chart: DigestChart, attempt: DigestAttempt): Promise<void> {
    let steps = attempt.recorded;
    if (!steps) {
      this.posts.push(`main ${view.week}`);
      steps = { mainRef: `ts-${this.posts.length}`, done: [] };
      await attempt.record(steps);
    }
    if (this.failAfterMain > 0) {
      this.failAfterMain--;
      throw new SentinelError('chat.rate_limited', 'rate_limited', `${this.channel} is rate limited`, { retryable: true });
    }
    this.posts.push(`chart ${chart.fileName} under ${steps.mainRef}`);
    await attempt.record({ mainRef: steps.mainRef, done: ['chart'] });
  }
}

const runWith = (senders: PortfolioSender[], deliveries: Deliveries, force = false) =>
  runPortfolioDigest({
    name: 'Northwind Home Services Group',
    week: WEEK,
    companies: [...manyCompanies(5), aCompany('late', { score: 41 })],
    senders,
    deliveries,
    force,
    now: () => new Date('2026-04-06T13:00:00Z'),
    log: silentLogger,
  });

describe('running the portfolio digest', () => {
  it('sends every channel the view and a PNG chart once a week, whatever the schedule retries', async () => {
    const deliveries = new Deliveries();
    const leaders = new ThreadChannel('leadership');
    const first = await runWith([leaders], deliveries);
    expect(first.outcomes).toEqual([{ channel: 'leadership', status: 'sent' }]);
    expect(first.view.companies.map((c) => c.id)).toEqual(['late', 'co-5', 'co-3', 'co-1', 'co-4', 'co-2']);
    const png = PNG.sync.read(first.chart.png);
    expect([png.width, png.height]).toEqual([first.chart.width, first.chart.height]);
    expect(first.chart.fileName).toBe(`sync-portfolio-${WEEK}.png`);

    const again = await runWith([leaders], deliveries);
    expect(again.outcomes).toEqual([{ channel: 'leadership', status: 'already_sent' }]);
    expect(leaders.posts).toEqual([`main ${WEEK}`, `chart sync-portfolio-${WEEK}.png under ts-1`]);
  });

  it('retries a failed channel from what it recorded, without posting its main message twice or resending to the others', async () => {
    const deliveries = new Deliveries();
    const leaders = new ThreadChannel('leadership');
    const board = new ThreadChannel('board');
    board.failAfterMain = 1;
    const first = await runWith([leaders, board], deliveries);
    expect(first.outcomes).toEqual([
      { channel: 'leadership', status: 'sent' },
      { channel: 'board', status: 'failed', retryable: true, error: 'board is rate limited' },
    ]);
    const retry = await runWith([leaders, board], deliveries);
    expect(retry.outcomes).toEqual([
      { channel: 'leadership', status: 'already_sent' },
      { channel: 'board', status: 'sent' },
    ]);
    expect(board.posts).toEqual([`main ${WEEK}`, `chart sync-portfolio-${WEEK}.png under ts-1`]);
  });

  it('posts a new digest when asked to send again on purpose', async () => {
    const deliveries = new Deliveries();
    const leaders = new ThreadChannel('leadership');
    await runWith([leaders], deliveries);
    const forced = await runWith([leaders], deliveries, true);
    expect(forced.outcomes).toEqual([{ channel: 'leadership', status: 'sent' }]);
    expect(leaders.posts.filter((p) => p.startsWith('main'))).toHaveLength(2);
  });
});

describe('the portfolio digest on the console', () => {
  it('prints the ranking and writes the chart where it says', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'portfolio-console-'));
    const out = new PassThrough();
    let printed = '';
    out.on('data', (b: Buffer) => (printed += b.toString()));
    const sender = createConsolePortfolioSender({ name: 'console', chartDir: dir, out });
    const { outcomes } = await runWith([sender], new Deliveries());
    expect(outcomes).toEqual([{ channel: 'console', status: 'sent' }]);
    const chartPath = path.join(dir, `sync-portfolio-${WEEK}.png`);
    expect(existsSync(chartPath)).toBe(true);
    expect(printed).toContain(`Chart (money at risk by company): ${chartPath}`);
    expect(printed).toContain('Weekly portfolio digest · Northwind Home Services Group · 2026-W14');
    expect(printed).toMatch(/1\. Company late\n\s+Health 41\/100 Critical/);
  });
});
