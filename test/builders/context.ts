// The world an evaluator sees: records reconciled with the demo's match keys, both sources healthy
// unless a test says otherwise, and the company's QuickBooks preferences.
import { configSchema, type MatchingConfig } from '../../src/config/schema';
import type { Finding } from '../../src/domain/finding';
import type { CanonicalRecord, CompanyPreferences, RecordProblem, Side } from '../../src/domain/records';
import type { EvalContext } from '../../src/evaluate/context';
import { evaluateRules } from '../../src/evaluate/evaluate';
import { historyStart } from '../../src/evaluate/history-start';
import type { PollRun, SourceHealth } from '../../src/ports/store';
import type { Rule } from '../../src/rules/schema';
import { reconcile } from '../../src/trace/reconcile';
import { hoursAgo, minutesAgo, NOW } from './clock';
import { QUICKBOOKS, somePreferences, UPSTREAM } from './records';
import { shippedRule } from './rules';

/** Matching as a config file would give it (defaults applied); by default the sync's note, then DocNumber. */
export function aMatching(matching: Record<string, unknown> = {}): MatchingConfig {
  return configSchema.parse({
    sources: [{ id: QUICKBOOKS, type: 'quickbooks' }],
    matching: {
      invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
      payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
      ...matching,
    },
  }).matching;
}

export const SOURCE_NAMES = new Map([
  [UPSTREAM, 'FieldPro export'],
  ['card-payments', 'Card processor export'],
  [QUICKBOOKS, 'QuickBooks Online'],
]);

/** A source that answered five minutes ago. */
export function aSourceHealth(sourceId: string, side: Side, overrides: Partial<SourceHealth> = {}): SourceHealth {
  return {
    sourceId,
    side,
    lastOkAt: minutesAgo(5),
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    newestRecordAt: hoursAgo(2),
    recordCount: 120,
    cursor: null,
    ...overrides,
  };
}

/** A poll that finished five minutes ago and read every source. */
export function aPollRun(overrides: Partial<PollRun> = {}): PollRun {
  return {
    companyId: 'acme',
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    ok: true,
    sources: { [UPSTREAM]: 'ok', [QUICKBOOKS]: 'ok' },
    findingCount: 0,
    recordCount: 240,
    ...overrides,
  };
}

/** A source failing since `since` (never answered when `since` is null). */
export function aFailingSource(sourceId: string, side: Side, since: string | null, overrides: Partial<SourceHealth> = {}): SourceHealth {
  return aSourceHealth(sourceId, side, {
    lastOkAt: since,
    lastErrorAt: minutesAgo(5),
    lastError: { code: 'quickbooks.auth', reason: 'auth', message: 'The refresh token was revoked' },
    consecutiveFailures: 4,
    ...overrides,
  });
}

export interface World {
  records?: CanonicalRecord[];
  now?: Date;
  /** null: the preferences were never read. */
  prefs?: CompanyPreferences | null;
  health?: SourceHealth[];
  problems?: RecordProblem[];
  matching?: MatchingConfig;
  /**
   * The history start as a poll decides it: 'infer' reads it from the records, a YYYY-MM-DD date is a
   * configured company.history_from. Absent: no start, everything is checked.
   */
  history?: 'infer' | string;
  /** Company time zone for the history start. */
  zone?: string;
}

export function anEvalContext(world: World = {}): EvalContext {
  const now = world.now ?? NOW;
  const recon = reconcile(world.records ?? [], world.matching ?? aMatching());
  const configured = world.history === 'infer' ? undefined : world.history;
  const history = world.history === undefined ? undefined : historyStart(recon, configured, world.zone ?? 'America/Chicago');
  return {
    now,
    nowMs: now.getTime(),
    recon,
    prefs: world.prefs === undefined ? somePreferences() : world.prefs,
    health: world.health ?? [aSourceHealth(UPSTREAM, 'upstream'), aSourceHealth(QUICKBOOKS, 'quickbooks')],
    problems: world.problems ?? [],
    sourceNames: SOURCE_NAMES,
    ...(history ? { history } : {}),
  };
}

/** Runs rules (shipped ones by id, or given ones) over a world through evaluateRules. */
export function evaluate(rules: string | ReadonlyArray<string | Rule>, world: World = {}): Finding[] {
  const list = (typeof rules === 'string' ? [rules] : rules).map((r) => (typeof r === 'string' ? shippedRule(r) : r));
  return evaluateRules(list, anEvalContext(world), world.matching ?? aMatching());
}
