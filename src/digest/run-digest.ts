// The digest job: read stored state, compute this week's snapshot, keep it, build the view and chart,
// and hand them to each leadership channel. The snapshot is a fact of the week and is stored whether or
// not the digest is sent; deliveries are recorded per channel, so a scheduled run never sends twice.
import type { Config } from '../config/schema';
import { asSentinelError } from '../domain/errors';
import type { IncidentEvent } from '../incidents/model';
import type { DigestAttempt, DigestSender } from '../ports/digest-sender';
import type { DigestStorePort } from '../ports/digest-store';
import type { Logger } from '../ports/logger';
import type { StorePort } from '../ports/store';
import type { Rule } from '../rules/schema';
import { reconcile } from '../trace/reconcile';
import { buildDigestView } from './build-view';
import { computeSnapshot, TREND_WEEKS, type DigestSettings } from './compute-snapshot';
import { renderTrendChart, type RenderedChart } from './render-chart';
import type { DigestSnapshot } from './snapshot';
import type { DigestView } from './view';
import { weeksBefore } from './window';

export interface DigestDeps {
  config: Config;
  store: StorePort;
  digestStore: DigestStorePort;
  /** For the fix text shown with the top problems; without rules the problems show no fix. */
  rules?: readonly Rule[];
  now: Date;
}

export interface PreparedDigest {
  snapshot: DigestSnapshot;
  view: DigestView;
  chart: RenderedChart;
}

export function digestSettings(config: Config): DigestSettings {
  return {
    timeZone: config.company.time_zone,
    closeDay: config.company.close_day,
    closeWithinDays: config.classifier.close_within_days,
    minutesPerCorrection: config.digest.minutes_per_correction,
    integrationUsers: config.digest.integration_users,
    trustBelowPercent: config.digest.trust_below_percent,
    cleanupHoursOver: config.digest.cleanup_hours_over,
  };
}

export async function prepareDigest(deps: DigestDeps): Promise<PreparedDigest> {
  const { config, store, digestStore, now } = deps;
  const companyId = config.company.id;
  const zone = config.company.time_zone;
  const [records, incidents, weekly, stored] = await Promise.all([
    store.loadRecords(companyId),
    store.loadIncidents(companyId),
    store.loadWeeklyStats(companyId, weeksBefore(now, zone, TREND_WEEKS)),
    digestStore.loadSnapshots(companyId, weeksBefore(now, zone, 52)),
  ]);
  const events = new Map<string, IncidentEvent[]>();
  for (const incident of incidents) events.set(incident.id, await store.loadIncidentEvents(companyId, incident.id));
  const fixes = new Map((deps.rules ?? []).filter((r) => r.fix).map((r) => [r.id, r.fix!]));

  const snapshot = computeSnapshot({
    companyId,
    now,
    recon: reconcile(records, config.matching),
    incidents,
    events,
    weekly,
    fixes,
    settings: digestSettings(config),
  });
  await digestStore.saveSnapshot(snapshot, now.toISOString());
  const view = viewWithHistory(config.company.name, zone, snapshot, stored, now);
  return { snapshot, view, chart: renderTrendChart(view) };
}

/** The view of `snapshot` against the stored weeks: last week is the latest earlier snapshot. */
export function viewWithHistory(
  companyName: string,
  zone: string,
  snapshot: DigestSnapshot,
  stored: readonly DigestSnapshot[],
  now: Date,
): DigestView {
  const earlier = stored.filter((s) => s.week < snapshot.week);
  return buildDigestView({
    companyName,
    timeZone: zone,
    current: snapshot,
    previous: earlier[earlier.length - 1] ?? null,
    history: stored.filter((s) => s.week >= weeksBefore(now, zone, TREND_WEEKS - 1)),
  });
}

export type SendOutcome =
  | { channel: string; status: 'sent' }
  | { channel: string; status: 'already_sent' }
  | { channel: string; status: 'failed'; retryable: boolean; error: string };

/**
 * Sends to every sender; with `force` false, channels that already received this week's digest are
 * skipped, and a channel whose earlier attempt failed part way continues from what it recorded
 * (its sender also looks in the channel for what a lost answer left there). With `force` a new
 * digest is posted. One channel failing does not stop the others.
 */
export async function sendDigest(
  prepared: PreparedDigest,
  senders: readonly DigestSender[],
  digestStore: DigestStorePort,
  opts: { force: boolean; now: () => Date; log: Logger },
): Promise<SendOutcome[]> {
  const { companyId, week } = prepared.snapshot;
  const sent = new Set(opts.force ? [] : await digestStore.sentChannels(companyId, week));
  const outcomes: SendOutcome[] = [];
  for (const sender of senders) {
    if (sent.has(sender.channel)) {
      outcomes.push({ channel: sender.channel, status: 'already_sent' });
      continue;
    }
    try {
      const channel = sender.channel;
      const attempt: DigestAttempt = {
        fresh: opts.force,
        recorded: opts.force ? null : await digestStore.loadProgress(companyId, week, channel),
        record: (steps) => digestStore.saveProgress(companyId, week, channel, steps, opts.now().toISOString()),
      };
      await sender.send(prepared.view, { png: prepared.chart.png, fileName: prepared.chart.fileName }, attempt);
      await digestStore.markSent(companyId, week, sender.channel, opts.now().toISOString());
      outcomes.push({ channel: sender.channel, status: 'sent' });
    } catch (err) {
      const e = asSentinelError(err, `digest.${sender.channel}`);
      opts.log.warn({ channel: sender.channel, code: e.code, reason: e.reason }, `digest delivery failed: ${e.message}`);
      outcomes.push({ channel: sender.channel, status: 'failed', retryable: e.retryable, error: e.message });
    }
  }
  return outcomes;
}
