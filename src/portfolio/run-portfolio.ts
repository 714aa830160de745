// The portfolio digest job: every company's stored snapshots in, one view and one chart out, handed to
// each of the portfolio's channels. Deliveries are recorded like a company's digest (under the
// portfolio's own key), so a scheduled run never sends twice and a failed one continues where it
// stopped: each sender gets the attempt, as the company digest's senders do (send-resumable.ts).
import type { SendOutcome } from '../digest/run-digest';
import type { RenderedChart } from '../digest/render-chart';
import { asSentinelError } from '../domain/errors';
import type { DigestAttempt, DigestChart } from '../ports/digest-sender';
import type { DigestStorePort } from '../ports/digest-store';
import type { Logger } from '../ports/logger';
import { buildPortfolioView, type PortfolioCompanyInput } from './build-portfolio';
import { renderPortfolioChart } from './portfolio-chart';
import type { PortfolioView } from './portfolio-view';

/** Delivers the portfolio digest to one channel; throws a SentinelError whose `retryable` says whether a retry may work. */
export interface PortfolioSender {
  readonly channel: string;
  send(view: PortfolioView, chart: DigestChart, attempt: DigestAttempt): Promise<void>;
}

/** Where the portfolio digest's deliveries and progress are kept: the digest store's delivery half. */
export type PortfolioDeliveries = Pick<DigestStorePort, 'sentChannels' | 'markSent' | 'loadProgress' | 'saveProgress'>;

export interface PortfolioRun {
  /** The portfolio's name, as the config's `portfolio.name` says it. */
  name: string;
  /** The ISO week of the digest, in the portfolio's zone. */
  week: string;
  companies: readonly PortfolioCompanyInput[];
  senders: readonly PortfolioSender[];
  /** Where deliveries and progress are kept: the digest store, keyed by `key` in place of a company id. */
  deliveries: PortfolioDeliveries;
  /** The delivery key; `portfolio` unless a deployment keeps several portfolios. */
  key?: string;
  /** Post again even where this week's portfolio digest was already sent (`--send-now`). */
  force?: boolean;
  now: () => Date;
  log: Logger;
}

export const PORTFOLIO_KEY = 'portfolio';

export async function runPortfolioDigest(
  run: PortfolioRun,
): Promise<{ view: PortfolioView; chart: RenderedChart; outcomes: SendOutcome[] }> {
  const key = run.key ?? PORTFOLIO_KEY;
  const force = run.force ?? false;
  const view = buildPortfolioView({ name: run.name, week: run.week, companies: run.companies });
  const chart = renderPortfolioChart(view);
  const sent = new Set(force ? [] : await run.deliveries.sentChannels(key, run.week));
  const outcomes: SendOutcome[] = [];
  for (const sender of run.senders) {
    const channel = sender.channel;
    if (sent.has(channel)) {
      outcomes.push({ channel, status: 'already_sent' });
      continue;
    }
    try {
      const attempt: DigestAttempt = {
        fresh: force,
        recorded: force ? null : await run.deliveries.loadProgress(key, run.week, channel),
        record: (steps) => run.deliveries.saveProgress(key, run.week, channel, steps, run.now().toISOString()),
      };
      await sender.send(view, { png: chart.png, fileName: chart.fileName }, attempt);
      await run.deliveries.markSent(key, run.week, channel, run.now().toISOString());
      outcomes.push({ channel, status: 'sent' });
    } catch (err) {
      const e = asSentinelError(err, `portfolio.${channel}`);
      run.log.warn({ channel, code: e.code, reason: e.reason }, `portfolio digest delivery failed: ${e.message}`);
      outcomes.push({ channel, status: 'failed', retryable: e.retryable, error: e.message });
    }
  }
  return { view, chart, outcomes };
}
