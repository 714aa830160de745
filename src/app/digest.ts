// The leadership digest in the app: which channels get it, their senders, the CLI's preview and
// send-now, and the weekly node-cron schedule in the company's time zone.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import { isoWeek } from '../domain/time';
import { runCycle } from '../cycle/run-cycle';
import { renderDigestText } from '../digest/render-text';
import { prepareDigest, sendDigest, type PreparedDigest, type SendOutcome } from '../digest/run-digest';
import type { DigestSender } from '../ports/digest-sender';
import type { Logger } from '../ports/logger';
import type { Booted } from './boot';
import type { Env } from './env';
import { chatOf, type OpenChat } from './wire-channels';

/** The configured channels that receive the digest: `digest.channels`, or the console channels. */
export function digestChannelNames(config: Config): string[] {
  const configured = config.channels.map((c) => c.name);
  const names = config.digest.channels ?? config.channels.filter((c) => c.type === 'console').map((c) => c.name);
  for (const name of names) {
    if (!configured.includes(name)) {
      throw new ConfigError(
        `digest.channels names "${name}", which is not a configured channel. Configured channels: ${configured.join(', ') || 'none'}. Add it under channels: or remove it from digest.channels.`,
        { setting: 'digest.channels' },
      );
    }
  }
  return names;
}

export function buildDigestSenders(config: Config, opts: { chartDir: string; out?: Writable; chats: readonly OpenChat[] }): DigestSender[] {
  return digestChannelNames(config).map((name) => {
    const channel = config.channels.find((c) => c.name === name)!;
    const setting = `channels[${config.channels.indexOf(channel)}]`;
    // boot opened the platform of every configured channel, so its runtime exists here.
    return chatOf(opts.chats, channel, setting).runtime.digestSender(channel, {
      chartDir: opts.chartDir,
      ...(opts.out ? { out: opts.out } : {}),
    });
  });
}

export function digestChartDir(env: Env): string {
  return path.join(env.dataDir, 'digest');
}

/** Prepares the digest; on a company that was never polled (a fresh demo), polls once first. */
export async function prepareDigestFor(booted: Booted, env: Env, now: () => Date, out: Writable): Promise<PreparedDigest> {
  const rules = await booted.loadRules();
  if (!rules.ok) throw new ConfigError(`The rules do not validate:\n${rules.errors.join('\n')}`, { setting: 'rules' });
  if (!(await booted.store.lastPollRun(booted.config.company.id))) {
    out.write('No poll has run yet: polling once so the digest has something to report (alerts stay queued for the next run).\n');
    const { wireBootedSources } = await import('./boot');
    const built = await wireBootedSources(booted, env);
    try {
      await runCycle({
        config: booted.config,
        rules: rules.rules,
        sources: built.sources,
        store: booted.store,
        channels: booted.channels.map((c) => c.name),
        now,
        log: booted.log,
      });
    } finally {
      await built.close();
    }
  }
  return prepareDigest({ config: booted.config, store: booted.store, digestStore: booted.digestStore, rules: rules.rules, now: now() });
}

/** `digest --preview`: prints the digest and writes the chart; sends nothing. */
export async function previewDigest(
  booted: Booted,
  env: Env,
  opts: { chartPath?: string; out: Writable; now?: () => Date },
): Promise<string> {
  const prepared = await prepareDigestFor(booted, env, opts.now ?? (() => new Date()), opts.out);
  const chartPath = path.resolve(opts.chartPath ?? path.join(digestChartDir(env), prepared.chart.fileName));
  mkdirSync(path.dirname(chartPath), { recursive: true });
  writeFileSync(chartPath, prepared.chart.png);
  opts.out.write(`${renderDigestText(prepared.view, chartPath)}\n`);
  return chartPath;
}

/** `digest --send-now`: sends to every digest channel, even those that already had this week's. */
export async function sendDigestNow(booted: Booted, env: Env, opts: { out: Writable; now?: () => Date }): Promise<SendOutcome[]> {
  const now = opts.now ?? (() => new Date());
  const senders = buildDigestSenders(booted.config, {
    chartDir: digestChartDir(env),
    out: opts.out,
    chats: booted.chats,
  });
  if (senders.length === 0)
    throw new ConfigError('No channel receives the digest: name one in digest.channels.', { setting: 'digest.channels' });
  const prepared = await prepareDigestFor(booted, env, now, opts.out);
  return sendDigest(prepared, senders, booted.digestStore, { force: true, now, log: booted.log });
}

export interface DigestSchedule {
  task: ScheduledTask;
  /**
   * Sends this week's digest if its scheduled time has passed and a digest channel has not had it
   * (the service was down at the time). Call once the first poll has finished.
   */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/** The task, created stopped: `start()` arms it. Next runs are computed in the company zone. */
export function createDigestTask(
  expression: string,
  timeZone: string,
  job: () => Promise<void>,
  setting: 'digest.schedule' | 'portfolio.digest.schedule' = 'digest.schedule',
): ScheduledTask {
  if (!cron.validate(expression))
    throw new ConfigError(`${setting} "${expression}" is not a cron expression — e.g. "0 8 * * 1" for Mondays at 08:00`, { setting });
  return cron.createTask(expression, job, {
    timezone: timeZone,
    noOverlap: true,
    name: setting === 'digest.schedule' ? 'digest' : 'portfolio-digest',
  });
}

/** The latest minute in the seven days up to `now` that the schedule matches, or null. */
export function lastScheduledRun(task: ScheduledTask, now: Date): Date | null {
  const minute = now.getTime() - (now.getTime() % 60_000);
  for (let m = 0; m <= 7 * 24 * 60; m++) {
    const at = new Date(minute - m * 60_000);
    if (task.match(at)) return at;
  }
  return null;
}

const RETRY_MS = 15 * 60_000;
const MAX_RETRIES = 8;

/**
 * In `serve`: each week, sends to the digest channels that have not had this week's digest; a
 * channel that failed is retried every 15 minutes (up to two hours), never sent twice: the retry
 * continues the digest an earlier attempt began (see `sendDigest` and the chat senders).
 */
export function startDigestSchedule(
  booted: Booted,
  env: Env,
  log: Logger,
  opts: { now?: () => Date; out?: Writable } = {},
): DigestSchedule {
  const now = opts.now ?? (() => new Date());
  const zone = booted.config.company.time_zone;
  const companyId = booted.config.company.id;
  const senders = buildDigestSenders(booted.config, {
    chartDir: digestChartDir(env),
    chats: booted.chats,
    ...(opts.out ? { out: opts.out } : {}),
  });
  let retry: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();
  let stopped = false;
  const once = async (left: number) => {
    if (stopped) return;
    try {
      const prepared = await prepareDigest({
        config: booted.config,
        store: booted.store,
        digestStore: booted.digestStore,
        rules: await rulesOrNone(booted),
        now: now(),
      });
      const outcomes = await sendDigest(prepared, senders, booted.digestStore, { force: false, now, log });
      log.info({ week: prepared.snapshot.week, outcomes }, 'weekly digest');
      if (outcomes.some((o) => o.status === 'failed' && o.retryable) && left > 0 && !stopped) {
        retry = setTimeout(() => void attempt(left - 1), RETRY_MS);
        retry.unref();
      }
    } catch (err) {
      log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'weekly digest failed; it runs again next week or with `sync-sentinel digest --send-now`',
      );
    }
  };
  const attempt = (left: number): Promise<void> => (inflight = inflight.then(() => once(left)));
  const task = createDigestTask(booted.config.digest.schedule, zone, () => attempt(MAX_RETRIES));
  void task.start();
  return {
    task,
    async catchUp() {
      const at = now();
      const last = lastScheduledRun(task, at);
      if (!last || isoWeek(last, zone) !== isoWeek(at, zone)) return;
      const sent = new Set(await booted.digestStore.sentChannels(companyId, isoWeek(at, zone)));
      if (senders.some((s) => !sent.has(s.channel))) await attempt(MAX_RETRIES);
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await task.stop();
      await inflight;
    },
  };
}

async function rulesOrNone(booted: Booted) {
  const loaded = await booted.loadRules();
  return loaded.ok ? loaded.rules : [];
}
