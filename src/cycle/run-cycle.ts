// One poll: read every source through its port, reconcile, evaluate, classify, update incidents and
// plan notifications — then write all of it in one transaction. Delivery happens afterwards, from
// the outbox, so a crash here loses nothing and sends nothing twice.
import type { Config } from '../config/schema';
import { asSentinelError, isStorageFault } from '../domain/errors';
import type { Finding } from '../domain/finding';
import type { RecordProblem } from '../domain/records';
import { daysToClose, isoWeek } from '../domain/time';
import { Engine, type SourceChanges } from '../engine/engine';
import { updateIncidents } from '../incidents/update-incidents';
import type { IncidentChange } from '../incidents/model';
import { planNotifications } from '../notify/plan';
import type { Logger } from '../ports/logger';
import type { SourcePort } from '../ports/source';
import type { Lease, PollRun, StorePort, WeeklyRuleStat } from '../ports/store';
import type { Rule } from '../rules/schema';
import { classifierSettings } from './settings';

export interface CycleDeps {
  config: Config;
  rules: readonly Rule[];
  sources: readonly SourcePort[];
  store: StorePort;
  channels: readonly string[];
  now: () => Date;
  log: Logger;
  /** The poll lease this cycle runs under: its commit is refused if another process took the lease over. */
  fence?: Lease;
  /** The reconcile + evaluate engine, keeping state between polls; by default one per store in this process. */
  engine?: Engine;
}

/** One engine per store object: a store opened again (another process, another test) starts without state. */
const engines = new WeakMap<StorePort, Engine>();

function engineFor(store: StorePort): Engine {
  let engine = engines.get(store);
  if (!engine) engines.set(store, (engine = new Engine()));
  return engine;
}

/** An operator command from another process can land between a decision and its commit; decide again then. */
const DECISION_ATTEMPTS = 5;

export interface CycleReport {
  pollRun: PollRun;
  findings: Finding[];
  changes: IncidentChange[];
  planned: number;
  /** Open low-severity incidents not posted to any chat (they wait for the digest unless incidents.notify_low). */
  lowNotPosted: number;
  /** How the engine judged this poll: every record, or only what changed (and why in full). */
  judged: { mode: 'full' | 'incremental'; records: number; reason?: string };
}

export async function runCycle(deps: CycleDeps): Promise<CycleReport> {
  const { config, store } = deps;
  const companyId = config.company.id;
  const startedAt = deps.now();
  const sourceLines: Record<string, string> = {};
  const problems: RecordProblem[] = [];
  let failed = 0;
  // What each apply wrote; undefined as soon as one store answer does not say (the engine then runs in full).
  let changes: SourceChanges[] | undefined = [];

  for (const source of deps.sources) {
    const health = (await store.loadSourceHealth(companyId)).find((h) => h.sourceId === source.id);
    try {
      const read = await source.read({ now: deps.now(), ...(health?.cursor ? { cursor: health.cursor } : {}) });
      const applied = await store.applySourceRead(companyId, source.id, source.side, read, deps.now().toISOString());
      if (applied.changes && changes) changes.push({ source: source.id, ...applied.changes });
      else changes = undefined;
      for (const p of read.problems) problems.push(p);
      // The source gives a notice once (a file's columns changed), so logging each as it comes is "once".
      for (const n of read.notices ?? []) deps.log[n.level]({ source: source.id }, n.message);
      sourceLines[source.id] =
        `ok · ${read.summary ?? `${read.records.length} records`} · +${applied.inserted} ~${applied.updated} -${applied.deleted}${read.problems.length ? ` · ${read.problems.length} unreadable` : ''}`;
    } catch (err) {
      // A full disk or an unwritable data folder is not this source's fault: the poll stops, naming the fix.
      if (isStorageFault(err)) throw err;
      const e = asSentinelError(err, `source.${source.id}`);
      failed++;
      await store.recordSourceFailure(
        companyId,
        source.id,
        source.side,
        { code: e.code, reason: e.reason, message: e.message },
        deps.now().toISOString(),
      );
      sourceLines[source.id] = `failed · ${e.message}`;
      deps.log.warn({ source: source.id, code: e.code, reason: e.reason }, `source read failed: ${e.message}`);
    }
  }

  const now = deps.now();
  const [prefs, health, revision] = await Promise.all([
    store.loadPreferences(companyId),
    store.loadSourceHealth(companyId),
    store.loadRevision(companyId),
  ]);
  const engine = deps.engine ?? engineFor(store);
  const judged = await engine.run({
    companyId,
    rules: deps.rules,
    matching: config.matching,
    historyFrom: config.company.history_from,
    timeZone: config.company.time_zone,
    sourceNames: new Map(deps.sources.map((s) => [s.id, s.displayName])),
    prefs,
    health,
    problems,
    now,
    revision,
    changes,
    loadRecords: () => store.loadRecords(companyId),
  });
  const { findings, ran, recordCount } = judged;
  // A poll that could not read every source cannot confirm that anything was fixed: an incident with
  // no finding this poll keeps its state (and its count of clean polls) until every source answers
  // again. Only the stale-source rule, which is about the failure itself, decides on such a poll.
  const evaluated = new Set(deps.rules.filter((r) => ran.has(r.id) && (failed === 0 || r.kind === 'stale')).map((r) => r.id));

  const week = isoWeek(now, config.company.time_zone);
  const pollRun: PollRun = {
    companyId,
    startedAt: startedAt.toISOString(),
    finishedAt: deps.now().toISOString(),
    ok: failed === 0,
    sources: sourceLines,
    findingCount: findings.length,
    recordCount,
    ...(failed > 0 ? { error: `${failed} of ${deps.sources.length} sources failed` } : {}),
  };
  const stats = weeklyStats(companyId, week, deps.rules, findings, recordCount);
  // For the digest's manual-cleanup figure: which side's change made each resolved finding go away.
  const decided = await decideAndCommit(deps, {
    now,
    findings,
    evaluated,
    pollRun,
    weeklyStats: stats,
    attribute: judged.attribute,
  });
  // Kept only now: a poll that failed before its commit leaves no state behind, and the next one runs in full.
  judged.keep(await store.loadRevision(companyId));
  return {
    pollRun,
    findings,
    changes: decided.changes,
    planned: decided.planned,
    lowNotPosted: decided.lowNotPosted,
    judged: { mode: judged.mode, records: judged.judged, ...(judged.reason ? { reason: judged.reason } : {}) },
  };
}

/** What a poll found, ready for the decision: the evaluation's output and the poll's own record. */
export interface PollFindings {
  now: Date;
  findings: readonly Finding[];
  /** Rules whose verdict counts this poll: an incident of any other rule keeps its state. */
  evaluated: ReadonlySet<string>;
  pollRun: PollRun;
  weeklyStats: WeeklyRuleStat[];
  /** Marks which side's change resolved each finding; without it, none is attributed. */
  attribute?: (changes: IncidentChange[]) => IncidentChange[];
}

/**
 * The second half of a poll: update incidents, classify, plan notifications and commit all of it in
 * one transaction. The decision is made on one consistent read of incidents and notify state and
 * committed only if nothing moved since (the store checks the revision); incident numbers come from
 * that read.
 */
export async function decideAndCommit(
  deps: Omit<CycleDeps, 'sources' | 'now'>,
  poll: PollFindings,
): Promise<{ changes: IncidentChange[]; planned: number; lowNotPosted: number }> {
  const { config, store } = deps;
  const companyId = config.company.id;
  const { now } = poll;
  const weekly = await store.loadWeeklyStats(companyId, isoWeek(new Date(now.getTime() - 12 * 7 * 86_400_000), config.company.time_zone));
  for (let attempt = 1; ; attempt++) {
    const { revision, incidents, notifyState, nextNumber } = await store.loadDecisionState(companyId);
    const lifecycle = updateIncidents({
      companyId,
      now,
      timeZone: config.company.time_zone,
      rules: deps.rules,
      evaluatedRuleIds: poll.evaluated,
      incidents,
      findings: [...poll.findings],
      nextNumber,
      resolveAfterCleanPolls: config.incidents.resolve_after_clean_polls,
      settings: classifierSettings(config),
      daysToClose: daysToClose(now, config.company.time_zone, config.company.close_day),
      weekly,
    });
    const changes = poll.attribute ? poll.attribute(lifecycle) : lifecycle;
    const plan = planNotifications({
      now,
      changes,
      incidents,
      state: notifyState,
      rules: new Map(deps.rules.map((r) => [r.id, r])),
      routes: config.routes,
      channels: deps.channels,
      notifyLow: config.incidents.notify_low,
      timeZone: config.company.time_zone,
      repeatIntervalMs: config.incidents.repeat_interval,
    });
    const commit = {
      pollRun: poll.pollRun,
      changes,
      outbox: plan.outbox,
      notifyState: plan.state,
      weeklyStats: poll.weeklyStats,
      basis: revision,
      ...(deps.fence ? { fence: deps.fence } : {}),
    };
    try {
      await store.commitCycle(companyId, commit);
      return { changes, planned: plan.outbox.length, lowNotPosted: plan.lowNotPosted };
    } catch (err) {
      if (asSentinelError(err, 'store.commit_cycle').code !== 'store.stale_decision' || attempt >= DECISION_ATTEMPTS) throw err;
      deps.log.info({ attempt }, 'incidents changed in another process while this poll decided; deciding again');
    }
  }
}

function weeklyStats(
  companyId: string,
  week: string,
  rules: readonly Rule[],
  findings: readonly Finding[],
  records: number,
): WeeklyRuleStat[] {
  const counts = new Map<string, number>();
  for (const f of findings) if (!f.suppressedBy) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return rules.filter((r) => r.enabled).map((r) => ({ companyId, week, ruleId: r.id, findings: counts.get(r.id) ?? 0, records }));
}
