// The owner's portfolio digest in the app: its channels opened through the chat platforms as a
// company's are, every company's digest snapshots gathered, and the CLI's preview and send-now.
// The weekly schedule in `serve` is portfolio-schedule.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { PortfolioConfig } from '../config/deployment-schema';
import { prepareDigest, type SendOutcome } from '../digest/run-digest';
import { weeksBefore } from '../digest/window';
import { ConfigError } from '../domain/errors';
import { isoWeek } from '../domain/time';
import type { PortfolioCompanyInput } from '../portfolio/build-portfolio';
import { renderPortfolioText } from '../portfolio/render-text';
import { runPortfolioDigest, type PortfolioSender } from '../portfolio/run-portfolio';
import { CHAT_PLATFORMS } from './chat-platforms';
import type { Deployment } from './deployment';
import { digestChartDir } from './digest';
import type { Env } from './env';
import { unknownChannelType, type OpenChat } from './wire-channels';

/** Weeks of each company's snapshots read: the week's and the latest earlier one are all the view needs. */
const SNAPSHOT_WEEKS = 8;

export interface PortfolioSenders {
  senders: PortfolioSender[];
  close(): Promise<void>;
}

/** The deployment's portfolio, or a ConfigError saying how to add one. */
export function portfolioOf(deployment: Deployment): PortfolioConfig {
  if (!deployment.portfolio)
    throw new ConfigError(
      'This config has no portfolio: add "portfolio: { name: …, channels: [ … ] }" beside companies: in the deployment file.',
      { setting: 'portfolio' },
    );
  return deployment.portfolio;
}

/** Opens each chat platform the portfolio's channels use, as boot opens a company's, and a sender per channel. */
export async function openPortfolioSenders(
  deployment: Deployment,
  env: Env,
  opts: { out?: Writable; stdout?: NodeJS.WritableStream; now?: () => Date } = {},
): Promise<PortfolioSenders> {
  const portfolio = portfolioOf(deployment);
  const entries = portfolio.channels;
  entries.forEach((c, i) => {
    if (!CHAT_PLATFORMS.some((p) => p.type === c.type)) throw unknownChannelType(c as never, `portfolio.channels[${i}]`);
  });
  // A platform reads its channels from the host's config: the first company's, with the portfolio's channels.
  const first = deployment.companies[0]!;
  const host = {
    config: { ...first.config, channels: entries },
    vars: env.vars ?? {},
    cwd: env.cwd ?? process.cwd(),
    store: deployment.store,
    conversations: deployment.storage.conversations,
    health: deployment.storage.health,
    log: deployment.log,
    now: opts.now ?? (() => new Date()),
    ...(opts.stdout ? { stdout: opts.stdout } : {}),
  };
  const chats: OpenChat[] = [];
  const close = async () => {
    for (const c of chats) await c.runtime.close?.().catch(() => undefined);
  };
  try {
    for (const platform of CHAT_PLATFORMS) {
      const own = entries.filter((c) => c.type === platform.type);
      if (own.length > 0) chats.push({ platform, runtime: await platform.open(host, own) });
    }
    const senders = entries.map((entry) =>
      chats
        .find((c) => c.platform.type === entry.type)!
        .runtime.portfolioSender(entry, { chartDir: digestChartDir(env), ...(opts.out ? { out: opts.out } : {}) }),
    );
    return { senders, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Every company's stored snapshots. A company that was polled but has no snapshot for its current
 * week yet (its own digest runs later) gets one computed now, as its digest would, so the owner sees
 * this week's figures; a company never polled stays "not polled yet", never a made-up healthy week.
 */
export async function portfolioCompanies(deployment: Deployment, now: Date): Promise<PortfolioCompanyInput[]> {
  const out: PortfolioCompanyInput[] = [];
  for (const c of deployment.companies) {
    const zone = c.config.company.time_zone;
    const since = weeksBefore(now, zone, SNAPSHOT_WEEKS);
    let snapshots = await c.digestStore.loadSnapshots(c.id, since);
    if (!snapshots.some((s) => s.week === isoWeek(now, zone)) && (await c.store.lastPollRun(c.id))) {
      const rules = await c.loadRules();
      await prepareDigest({ config: c.config, store: c.store, digestStore: c.digestStore, rules: rules.ok ? rules.rules : [], now });
      snapshots = await c.digestStore.loadSnapshots(c.id, since);
    }
    out.push({ id: c.id, name: c.config.company.name, snapshots });
  }
  return out;
}

/** Builds this week's portfolio digest and hands it to `senders` (none: only the view and chart). */
export async function runPortfolio(
  deployment: Deployment,
  senders: readonly PortfolioSender[],
  opts: { force: boolean; now: () => Date },
): ReturnType<typeof runPortfolioDigest> {
  const portfolio = portfolioOf(deployment);
  const at = opts.now();
  return runPortfolioDigest({
    name: portfolio.name,
    week: isoWeek(at, portfolio.time_zone),
    companies: await portfolioCompanies(deployment, at),
    senders,
    deliveries: deployment.storage.digest,
    force: opts.force,
    now: opts.now,
    log: deployment.log,
  });
}

/** `digest --portfolio --preview`: prints the portfolio digest and writes its chart; sends nothing. */
export async function previewPortfolio(
  deployment: Deployment,
  env: Env,
  opts: { out: Writable; chartPath?: string; now?: () => Date },
): Promise<string> {
  const { view, chart } = await runPortfolio(deployment, [], { force: false, now: opts.now ?? (() => new Date()) });
  const chartPath = path.resolve(opts.chartPath ?? path.join(digestChartDir(env), chart.fileName));
  mkdirSync(path.dirname(chartPath), { recursive: true });
  writeFileSync(chartPath, chart.png);
  opts.out.write(`${renderPortfolioText(view, chartPath)}\n`);
  return chartPath;
}

/** `digest --portfolio`: sends the portfolio digest to its channels now, even those that already had this week's. */
export async function sendPortfolioNow(
  deployment: Deployment,
  env: Env,
  opts: { out: Writable; now?: () => Date },
): Promise<SendOutcome[]> {
  const opened = await openPortfolioSenders(deployment, env, { out: opts.out });
  try {
    if (opened.senders.length === 0)
      throw new ConfigError('No channel receives the portfolio digest: list one under portfolio.channels.', {
        setting: 'portfolio.channels',
      });
    const { outcomes } = await runPortfolio(deployment, opened.senders, { force: true, now: opts.now ?? (() => new Date()) });
    return outcomes;
  } finally {
    await opened.close();
  }
}

/** `sync-sentinel digest --portfolio [--preview]`: the exit code (2 when a channel failed). */
export async function portfolioDigestCommand(env: Env, opts: { preview: boolean; chartPath?: string }, out: Writable): Promise<number> {
  const { bootDeployment } = await import('./boot');
  const deployment = await bootDeployment(env, { now: new Date(), logLevel: 'warn' });
  try {
    if (opts.preview) {
      await previewPortfolio(deployment, env, { out, ...(opts.chartPath ? { chartPath: opts.chartPath } : {}) });
      return 0;
    }
    const outcomes = await sendPortfolioNow(deployment, env, { out });
    for (const o of outcomes) out.write(`portfolio digest → ${o.channel}: ${o.status === 'failed' ? `failed: ${o.error}` : o.status}\n`);
    return outcomes.some((o) => o.status === 'failed') ? 2 : 0;
  } finally {
    await deployment.close();
  }
}
