import type { Finding, RecordRef } from '../domain/finding';
import type { CanonicalRecord, CompanyPreferences, RecordProblem } from '../domain/records';
import type { SourceHealth } from '../ports/store';
import type { Rule } from '../rules/schema';
import type { Reconciliation } from '../trace/reconcile';
import { refOf } from '../trace/trace';
import type { HistoryStart } from './history-start';

/** Everything a rule may look at; evaluators never read the clock or the network. */
export interface EvalContext {
  now: Date;
  nowMs: number;
  recon: Reconciliation;
  prefs: CompanyPreferences | null;
  health: readonly SourceHealth[];
  problems: readonly RecordProblem[];
  /** Human names of sources by id, for alert text. */
  sourceNames: ReadonlyMap<string, string>;
  /** Records before this start are history, not findings (see scope.ts); absent: everything is checked. */
  history?: HistoryStart;
}

type FindingParts = Omit<Finding, 'ruleId' | 'kind' | 'entity' | 'key' | 'groupKey' | 'subject' | 'related' | 'evidence' | 'trace'> &
  Partial<Pick<Finding, 'related' | 'evidence' | 'trace'>>;

/** A finding about one record; its key is stable across polls for the same rule and record. */
export function findingFor(rule: Rule, subject: CanonicalRecord | RecordRef, parts: FindingParts, keySuffix = ''): Finding {
  const ref = 'label' in subject ? subject : refOf(subject);
  return {
    ruleId: rule.id,
    kind: rule.kind,
    entity: rule.entity === 'record' ? (ref.entity as Finding['entity']) : rule.entity,
    key: `${rule.id}|${ref.side}|${ref.source}|${ref.entity}|${ref.sourceId}${keySuffix}`,
    groupKey: 'all',
    subject: ref,
    related: parts.related ?? [],
    evidence: parts.evidence ?? [],
    trace: parts.trace ?? [],
    ...parts,
  };
}

export function ageOf(ctx: EvalContext, iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ctx.nowMs - ms;
}

export function lower(s: string | undefined): string | undefined {
  const t = s?.trim().toLowerCase();
  return t === '' ? undefined : t;
}
