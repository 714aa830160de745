// The engine a poll calls after reading its sources: reconcile and evaluate the company, either in
// full (every stored record) or — when it kept state from its own last poll — only what the changes
// since then, and the deadlines that passed, can affect. Both give the same findings; the full path
// also runs on a schedule and whenever the kept state cannot be trusted (see fullReason).
import type { MatchingConfig } from '../config/schema';
import type { Finding } from '../domain/finding';
import type { CanonicalRecord, CompanyPreferences, EntityKind, RecordProblem } from '../domain/records';
import { attributeResolutions } from '../digest/attribute-resolution';
import type { EvalContext } from '../evaluate/context';
import { entityProviders, evaluateUnsuppressed, suppressStale } from '../evaluate/evaluate';
import { historyStart } from '../evaluate/history-start';
import type { IncidentChange } from '../incidents/model';
import type { SourceHealth } from '../ports/store';
import type { Rule } from '../rules/schema';
import { reconcile, type Reconciliation } from '../trace/reconcile';
import { CompanyState } from './company-state';
import { incrementalPoll } from './incremental';
import { recordId, ruleDurations, tokenizer } from './record-tokens';

/** What one source's apply wrote; absent when the store cannot say (the engine then runs in full). */
export interface SourceChanges {
  source: string;
  upserted: readonly CanonicalRecord[];
  deleted: ReadonlyArray<{ entity: EntityKind; sourceId: string }>;
}

export interface EngineInput {
  companyId: string;
  rules: readonly Rule[];
  matching: MatchingConfig;
  /** company.history_from: the incremental path needs a configured start (an inferred one moves with the data). */
  historyFrom: string | undefined;
  timeZone: string;
  sourceNames: ReadonlyMap<string, string>;
  prefs: CompanyPreferences | null;
  health: readonly SourceHealth[];
  problems: readonly RecordProblem[];
  now: Date;
  /** The store's revision of the company before this poll commits: another writer moved it when it differs. */
  revision: number;
  changes: readonly SourceChanges[] | undefined;
  loadRecords: () => Promise<CanonicalRecord[]>;
}

export interface EngineResult {
  findings: Finding[];
  ran: Set<string>;
  recordCount: number;
  /** How many records were reconciled and evaluated this poll (all of them on the full path). */
  judged: number;
  mode: 'full' | 'incremental';
  /** Why the full path ran (absent when incremental). */
  reason?: string;
  /** Marks which side's change resolved each finding (digest/attribute-resolution.ts), over the records they name. */
  attribute(changes: IncidentChange[]): IncidentChange[];
  /** Call once the poll's decision is committed, with the revision it left: the state is then kept for the next poll. */
  keep(revisionAfter: number): void;
}

export interface EngineOptions {
  /** A full re-check every this many polls (counting the full one). */
  fullEveryPolls: number;
  /** … and at least this often. */
  fullEveryMs: number;
  /** Above this share of the records, judging a subset costs more than the full path. */
  maxSubsetShare: number;
  /**
   * Records kept between polls across every company of the process. A process watching many companies
   * keeps the most recently polled ones within it; the others poll on the full path, as after a restart.
   */
  maxKeptRecords?: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  fullEveryPolls: 12,
  fullEveryMs: 60 * 60 * 1000,
  maxSubsetShare: 0.25,
  maxKeptRecords: 1_000_000,
};

/** Kinds whose findings are about sources and unreadable rows, not stored records: judged whole each poll. */
export const GLOBAL_KINDS = new Set<Finding['kind']>(['stale', 'malformed', 'backlog']);

export function isCustomerOnly(f: Finding): boolean {
  return f.kind === 'duplicate' && f.entity === 'customer';
}

export class Engine {
  /** Per company. Taken out for the length of a poll, so a poll that fails leaves none behind. */
  private readonly states = new Map<string, CompanyState>();

  constructor(private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS) {}

  /** Forgets a company (it moved to another instance, or its config changed). */
  forget(companyId: string): void {
    this.states.delete(companyId);
  }

  async run(input: EngineInput): Promise<EngineResult> {
    const state = this.states.get(input.companyId);
    this.states.delete(input.companyId);
    const fingerprint = fingerprintOf(input);
    const reason = fullReason(state, input, fingerprint, this.options);
    if (state && reason === undefined) {
      const done = incrementalPoll(state, input, this.options);
      if (done.ok) return { ...done.result, keep: (rev) => this.keepState(input.companyId, state, rev) };
      return this.full(input, fingerprint, done.reason);
    }
    return this.full(input, fingerprint, reason ?? 'no state');
  }

  private keepState(companyId: string, state: CompanyState, revision: number): void {
    state.revision = revision;
    this.states.delete(companyId);
    this.states.set(companyId, state);
    // A Map iterates in insertion order: the first entries are the companies polled longest ago.
    const budget = this.options.maxKeptRecords ?? Infinity;
    let kept = 0;
    for (const s of this.states.values()) kept += s.records.size;
    for (const [id, s] of this.states) {
      if (kept <= budget || id === companyId) break;
      this.states.delete(id);
      kept -= s.records.size;
    }
  }

  /** The companies whose state is kept, oldest poll first. */
  keptCompanies(): string[] {
    return [...this.states.keys()];
  }

  private async full(input: EngineInput, fingerprint: string, reason: string): Promise<EngineResult> {
    const records = await input.loadRecords();
    const recon = reconcile(records, input.matching);
    const ctx = contextOf(input, recon);
    const { findings, ran } = evaluateUnsuppressed(input.rules, ctx, input.matching);
    const state = input.historyFrom === undefined ? undefined : buildState(input, fingerprint, records, recon, findings);
    return {
      findings: finish(input.rules, suppressStale(input.rules, findings, entityProviders(recon))),
      ran,
      recordCount: records.length,
      judged: records.length,
      mode: 'full',
      reason,
      attribute: (changes) => attributeResolutions(changes, records, recon),
      keep: (rev) => {
        if (state) this.keepState(input.companyId, state, rev);
      },
    };
  }
}

function buildState(
  input: EngineInput,
  fingerprint: string,
  records: readonly CanonicalRecord[],
  recon: Reconciliation,
  findings: readonly Finding[],
): CompanyState | undefined {
  const customerOnly = findings.filter(isCustomerOnly);
  const links = { forward: recon.qbCustomerByUpstream, backward: recon.upstreamByQbCustomer };
  const state = new CompanyState(
    fingerprint,
    tokenizer(input.rules, input.matching),
    ruleDurations(input.rules),
    links,
    customerOnly,
    environmentOf(input),
    input.now.getTime(),
  );
  for (const r of records) state.add(r);
  const byRecord = new Map<string, Finding[]>();
  for (const f of findings) {
    if (GLOBAL_KINDS.has(f.kind) || isCustomerOnly(f)) continue;
    const id = recordId(f.subject);
    // A record rule speaking about something that is not a stored record: nothing to re-judge it by.
    if (!state.records.has(id)) return undefined;
    const list = byRecord.get(id);
    if (list) list.push(f);
    else byRecord.set(id, [f]);
  }
  for (const [id, list] of byRecord) state.setFindings(id, list);
  state.fullAtMs = input.now.getTime();
  return state;
}

export function contextOf(input: EngineInput, recon: Reconciliation): EvalContext {
  const history = historyStart(recon, input.historyFrom, input.timeZone);
  return {
    now: input.now,
    nowMs: input.now.getTime(),
    recon,
    prefs: input.prefs,
    health: input.health,
    problems: input.problems,
    sourceNames: input.sourceNames,
    ...(history ? { history } : {}),
  };
}

/** Findings in one order for both paths: by rule as configured, then by key. */
export function finish(rules: readonly Rule[], findings: Finding[]): Finding[] {
  const order = new Map(rules.map((r, i) => [r.id, i]));
  return findings.sort((a, b) => order.get(a.ruleId)! - order.get(b.ruleId)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function fingerprintOf(input: EngineInput): string {
  return JSON.stringify([input.rules, input.matching, input.historyFrom, input.timeZone, [...input.sourceNames]]);
}

/** What the findings of unchanged records also depend on: when it moves, every record is judged again. */
export function environmentOf(input: EngineInput): string {
  const unread = (['upstream', 'quickbooks'] as const).filter((side) => {
    const of = input.health.filter((h) => h.side === side);
    return of.length > 0 && of.every((h) => h.lastOkAt === null);
  });
  return JSON.stringify([input.prefs, input.problems, unread]);
}

function fullReason(state: CompanyState | undefined, input: EngineInput, fingerprint: string, o: EngineOptions): string | undefined {
  if (!state) return 'no state';
  if (state.fingerprint !== fingerprint) return 'rules or config changed';
  if (state.revision !== input.revision) return 'another writer moved the company';
  if (input.changes === undefined) return 'the store did not report its changes';
  if (state.pollsSinceFull + 1 >= o.fullEveryPolls) return 'scheduled re-check';
  if (input.now.getTime() - state.fullAtMs >= o.fullEveryMs) return 'scheduled re-check';
  if (input.now.getTime() < state.nowMs) return 'the clock went back';
  if (environmentOf(input) !== state.environment) return 'preferences, unreadable rows or unread sides changed';
  const fuzzy = input.rules.some((r) => r.enabled && r.kind === 'duplicate' && r.entity !== 'customer' && r.fuzzy);
  if (fuzzy) return 'a fuzzy duplicate rule compares neighbours across the whole company';
  return undefined;
}
