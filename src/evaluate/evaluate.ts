// Runs every enabled rule over one reconciliation and gives each finding its incident group.
// Findings that lean on a stale source are kept but marked suppressed, never dropped.
import type { MatchingConfig } from '../config/schema';
import type { Finding } from '../domain/finding';
import type { Side } from '../domain/records';
import type { Rule, RuleOf } from '../rules/schema';
import { compileMatchKeys } from '../trace/match-keys';
import type { Reconciliation } from '../trace/reconcile';
import { evaluateBacklog } from './backlog';
import type { EvalContext } from './context';
import { evaluateDuplicate } from './duplicate';
import { evaluateIncomplete } from './incomplete';
import { evaluateLateOrMissing } from './late-missing';
import { evaluateMalformed } from './malformed';
import { evaluateMismatch, evaluateMismatches } from './mismatch';
import { evaluateOrphan } from './orphan';
import { withinHistory } from './scope';
import { evaluateStale } from './stale';
import { evaluateUnapplied } from './unapplied';

/** Kinds that compare the two sides: meaningless until both sides have been read at least once. */
const CROSS_SIDE = new Set<Rule['kind']>(['late', 'missing', 'orphan', 'mismatch', 'unapplied', 'backlog']);

export function evaluateRules(rules: readonly Rule[], ctx: EvalContext, matching: MatchingConfig): Finding[] {
  return evaluateRuleSet(rules, ctx, matching).findings;
}

/** Findings, and the rules that actually ran (a skipped rule says nothing about its incidents). */
export function evaluateRuleSet(
  rules: readonly Rule[],
  ctx: EvalContext,
  matching: MatchingConfig,
): { findings: Finding[]; ran: Set<string> } {
  const { findings, ran } = evaluateUnsuppressed(rules, ctx, matching);
  return { findings: suppressStale(rules, findings, entityProviders(ctx.recon)), ran };
}

/** The rule set's findings before stale sources hold any back: what the incremental engine keeps between polls. */
export function evaluateUnsuppressed(
  rules: readonly Rule[],
  ctx: EvalContext,
  matching: MatchingConfig,
): { findings: Finding[]; ran: Set<string> } {
  const ran = new Set<string>();
  const invoiceKeys = compileMatchKeys(matching.invoice);
  const paymentKeys = compileMatchKeys(matching.payment);
  const runs = rulesThatRun(rules, ctx.health);
  const batched = batchMismatches(runs, ctx);
  const findings: Finding[] = [];
  for (const [i, rule] of runs.entries()) {
    ran.add(rule.id);
    const found = batched[i] ?? runRule(rule, ctx, rule.kind === 'orphan' && rule.entity === 'payment' ? paymentKeys : invoiceKeys);
    for (const f of found) {
      f.groupKey = groupKeyOf(rule, f);
      findings.push(f);
    }
  }
  return { findings: withinHistory(ctx, findings), ran };
}

/** The enabled rules that can say something: a side none of whose sources has ever answered has nothing to compare against. */
export function rulesThatRun(rules: readonly Rule[], health: EvalContext['health']): Rule[] {
  const sides: Side[] = ['upstream', 'quickbooks'];
  const unread = new Set<Side>(
    sides.filter((side) => {
      const of = health.filter((h) => h.side === side);
      return of.length > 0 && of.every((h) => h.lastOkAt === null);
    }),
  );
  return rules.filter(
    (rule) =>
      rule.enabled &&
      !(unread.size > 0 && (CROSS_SIDE.has(rule.kind) || ('side' in rule && rule.side !== 'both' && unread.has(rule.side as Side)))),
  );
}

/** The mismatch rules that compare the same pairs, checked in one walk per entity. */
function batchMismatches(rules: readonly Rule[], ctx: EvalContext): Array<Finding[] | undefined> {
  const batched: Array<Finding[] | undefined> = [];
  for (const entity of ['invoice', 'payment', 'customer'] as const) {
    const at = rules.flatMap((r, i) => (r.kind === 'mismatch' && r.entity === entity ? [i] : []));
    if (at.length < 2) continue;
    evaluateMismatches(
      at.map((i) => rules[i] as RuleOf<'mismatch'>),
      ctx,
    ).forEach((found, k) => (batched[at[k]!] = found));
  }
  return batched;
}

function runRule(rule: Rule, ctx: EvalContext, linkKeys: ReturnType<typeof compileMatchKeys>): Finding[] {
  switch (rule.kind) {
    case 'late':
    case 'missing':
      return evaluateLateOrMissing(rule, ctx);
    case 'orphan':
      return evaluateOrphan(rule, ctx, linkKeys);
    case 'duplicate':
      return evaluateDuplicate(rule, ctx);
    case 'incomplete':
      return evaluateIncomplete(rule, ctx);
    case 'mismatch':
      return evaluateMismatch(rule, ctx);
    case 'stale':
      return evaluateStale(rule, ctx);
    case 'unapplied':
      return evaluateUnapplied(rule, ctx);
    case 'malformed':
      return evaluateMalformed(rule, ctx);
    case 'backlog':
      return evaluateBacklog(rule, ctx);
  }
}

function groupKeyOf(rule: Rule, f: Finding): string {
  switch (rule.group_by) {
    case 'none':
      return 'all';
    case 'location':
      return f.location ?? 'no location';
    case 'customer':
      return f.subject.entity === 'customer'
        ? f.subject.label
        : (f.evidence.find((e) => e.field === 'customer')?.upstream?.toString() ?? 'unknown customer');
    case 'root_cause':
      return f.rootCauseKey ?? 'cause not yet known';
    case 'source':
      return f.subject.source;
  }
}

/** Which sources hold records of each side and entity ("quickbooks:invoice" → {quickbooks}). */
export type EntityProviders = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * A finding depends on the sources of its records and, for "no counterpart" kinds, on the sources
 * that would have held the counterpart. While one of those is stale, the finding is held back (a
 * copy marked suppressed: the finding given is left as it was, so a kept one can be judged again).
 */
export function suppressStale(rules: readonly Rule[], findings: Finding[], providers: EntityProviders): Finding[] {
  const suppressing = new Set(rules.filter((r) => r.kind === 'stale' && r.suppress_records).map((r) => r.id));
  const stale = new Map<string, string>();
  for (const f of findings) if (f.kind === 'stale' && suppressing.has(f.ruleId)) stale.set(f.subject.source, f.subject.label);
  if (stale.size === 0) return findings;
  return findings.map((f) => {
    if (f.kind === 'stale' || f.kind === 'malformed') return f;
    const deps = new Set([f.subject.source, ...f.related.map((r) => r.source)]);
    if (f.kind === 'late' || f.kind === 'missing') for (const s of providers.get(`quickbooks:${f.entity}`) ?? []) deps.add(s);
    if (f.kind === 'orphan') for (const s of providers.get(`upstream:${f.entity}`) ?? []) deps.add(s);
    for (const d of deps) {
      const name = stale.get(d);
      if (name) return { ...f, suppressedBy: name };
    }
    return f;
  });
}

export function entityProviders(recon: Reconciliation): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const side of ['upstream', 'quickbooks'] as const) {
    const s = recon.sides[side];
    for (const list of [s.customers, s.jobs, s.invoices, s.payments, s.deposits]) {
      for (const r of list) {
        const k = `${side}:${r.entity}`;
        const set = map.get(k) ?? new Set<string>();
        set.add(r.source);
        map.set(k, set);
      }
    }
  }
  return map;
}
