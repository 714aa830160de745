// In `serve`: the owner's portfolio digest each week on `portfolio.digest.schedule`, in the portfolio's
// time zone. Every instance schedules it; the one that takes the store lease sends, and the delivery
// records (storage.digest, under the `portfolio` key) make a later run by any instance skip the channels
// that already had the week's digest, so with several instances on one database it is posted once.
import type { Writable } from 'node:stream';
import type { SendOutcome } from '../digest/run-digest';
import { isoWeek } from '../domain/time';
import type { Logger } from '../ports/logger';
import { PORTFOLIO_KEY } from '../portfolio/run-portfolio';
import type { Deployment } from './deployment';
import { createDigestTask, lastScheduledRun } from './digest';
import type { Env } from './env';
import { openPortfolioSenders, portfolioOf, runPortfolio } from './portfolio';

/** Long enough for a portfolio of hundreds of companies to be built and posted; a dead holder's lease expires after it. */
const LEASE_MS = 10 * 60_000;
const RETRY_MS = 15 * 60_000;
const MAX_RETRIES = 8;

export interface PortfolioSchedule {
  /** Sends this week's portfolio digest if its time has passed and a channel has not had it. Call after the first poll round. */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

type PortfolioRunResult = { ran: true; outcomes: SendOutcome[] } | { ran: false; holder: string };

export async function startPortfolioSchedule(
  deployment: Deployment,
  env: Env,
  opts: { owner: string; log: Logger; now?: () => Date; out?: Writable },
): Promise<PortfolioSchedule> {
  const portfolio = portfolioOf(deployment);
  const now = opts.now ?? (() => new Date());
  const { log } = opts;
  const opened = await openPortfolioSenders(deployment, env, { now, ...(opts.out ? { out: opts.out } : {}) });
  let retry: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();
  let stopped = false;

  const underLease = async (): Promise<PortfolioRunResult> => {
    const taken = await deployment.store.acquireLease(PORTFOLIO_KEY, 'digest', opts.owner, now().toISOString(), LEASE_MS);
    if (!taken.ok) return { ran: false, holder: taken.holder.owner };
    try {
      const { outcomes } = await runPortfolio(deployment, opened.senders, { force: false, now });
      return { ran: true, outcomes };
    } finally {
      await deployment.store.releaseLease(taken.lease).catch(() => undefined);
    }
  };

  const once = async (left: number) => {
    if (stopped) return;
    try {
      const result = await underLease();
      if (!result.ran) {
        log.info({ holder: result.holder }, 'another process is sending the portfolio digest; skipping');
        return;
      }
      log.info({ outcomes: result.outcomes }, 'weekly portfolio digest');
      if (result.outcomes.some((o) => o.status === 'failed' && o.retryable) && left > 0 && !stopped) {
        retry = setTimeout(() => void attempt(left - 1), RETRY_MS);
        retry.unref();
      }
    } catch (err) {
      log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'weekly portfolio digest failed; it runs again next week or with `sync-sentinel digest --portfolio`',
      );
    }
  };
  const attempt = (left: number): Promise<void> => (inflight = inflight.then(() => once(left)));
  const task = createDigestTask(portfolio.digest.schedule, portfolio.time_zone, () => attempt(MAX_RETRIES), 'portfolio.digest.schedule');
  void task.start();
  return {
    async catchUp() {
      const at = now();
      const last = lastScheduledRun(task, at);
      const week = isoWeek(at, portfolio.time_zone);
      if (!last || isoWeek(last, portfolio.time_zone) !== week) return;
      const sent = new Set(await deployment.storage.digest.sentChannels(PORTFOLIO_KEY, week));
      if (opened.senders.some((s) => !sent.has(s.channel))) await attempt(MAX_RETRIES);
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await task.stop();
      await inflight;
      await opened.close();
    },
  };
}
