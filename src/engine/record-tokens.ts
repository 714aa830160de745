// What ties one record's findings to another's. Two records that carry the same token may be judged
// together (linked, paying one invoice, one duplicate group), so when one changes both are judged
// again. Tokens over-approximate: a spare token costs a few records re-judged, a missing one a wrong
// finding — the property test (test/property) holds the set complete.
import type { MatchingConfig } from '../config/schema';
import type { CanonicalRecord, EntityKind } from '../domain/records';
import { duplicateKeyTexts } from '../evaluate/duplicate';
import type { Rule, RuleOf } from '../rules/schema';
import { compileMatchKeys, type CompiledKey } from '../trace/match-keys';

/** A record's identity in the engine: ids are unique within one source and entity. */
export function recordId(r: { source: string; entity: EntityKind | string; sourceId: string }): string {
  return `${r.source}\u0000${r.entity}\u0000${r.sourceId}`;
}

/** The customer a transaction is for, as `source + id` (the customer record's own ref has the same form). */
export function customerRef(source: string, customerId: string): string {
  return `${source}\u0000${customerId}`;
}

export type Tokenizer = (r: CanonicalRecord) => string[];

export function tokenizer(rules: readonly Rule[], matching: MatchingConfig): Tokenizer {
  const invoiceKeys = compileMatchKeys(matching.invoice);
  const paymentKeys = compileMatchKeys(matching.payment);
  const duplicates = rules.filter(
    (r): r is RuleOf<'duplicate'> => r.enabled && r.kind === 'duplicate' && (r.entity === 'invoice' || r.entity === 'payment'),
  );
  const keyed = (
    out: string[],
    keys: readonly CompiledKey[],
    r: CanonicalRecord & { entity: 'invoice' | 'payment' },
    id: string,
    num: string,
  ) => {
    for (const key of keys) {
      const value = key.extract(r);
      if (value !== undefined) out.push((key.target === 'sourceId' ? id : num) + value);
    }
  };
  return (r) => {
    const out: string[] = [];
    switch (r.entity) {
      case 'invoice':
        if (r.side === 'upstream') out.push(`i:${r.sourceId}`);
        else {
          out.push(`qi:${r.sourceId}`);
          if (r.linkId) out.push(`i:${r.linkId}`);
          keyed(out, invoiceKeys, r, 'i:', 'n:');
        }
        if (r.number) out.push(`n:${r.number}`);
        if (r.jobNumber) out.push(`j:${r.jobNumber}`);
        if (r.reference) out.push(`r:${r.reference}`);
        break;
      case 'payment':
        if (r.side === 'upstream') {
          out.push(`p:${r.sourceId}`);
          if (r.reference) out.push(`pn:${r.reference}`);
          for (const a of r.appliedTo) {
            if (a.invoiceId) out.push(`i:${a.invoiceId}`);
            if (a.invoiceNumber) out.push(`n:${a.invoiceNumber}`);
          }
        } else {
          out.push(`qp:${r.sourceId}`);
          if (r.linkId) out.push(`p:${r.linkId}`);
          keyed(out, paymentKeys, r, 'p:', 'pn:');
          for (const a of r.appliedTo) if (a.invoiceId) out.push(`qi:${a.invoiceId}`);
        }
        if (r.reference) out.push(`r:${r.reference}`);
        break;
      case 'deposit':
        for (const id of r.paymentIds) out.push(`qp:${id}`);
        break;
      case 'job':
        out.push(`j:${r.number}`);
        break;
      default:
        return out;
    }
    if (r.entity === 'invoice' || r.entity === 'payment') {
      for (const [i, rule] of duplicates.entries()) {
        if (rule.entity !== r.entity) continue;
        for (const text of duplicateKeyTexts(rule, r)) out.push(`d${i}:${text}`);
      }
    }
    return out;
  };
}

/** Duration settings of the rules (grace, limit, ages, silence): the offsets a record's dates become due at. */
export function ruleDurations(rules: readonly Rule[]): number[] {
  const found = new Set<number>([0]);
  for (const rule of rules) {
    if (!rule.enabled) continue;
    for (const field of ['grace', 'limit', 'min_age', 'max_age', 'max_silence'] as const) {
      const value = (rule as Partial<Record<typeof field, unknown>>)[field];
      if (typeof value === 'number') found.add(value);
    }
  }
  return [...found].sort((a, b) => a - b);
}

const DATE_FIELDS = ['createdAt', 'updatedAt', 'issuedAt', 'txnDate', 'dueDate', 'receivedAt', 'date', 'completedAt'] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first age above `age` at which humanAge (domain/time.ts) reads differently. */
function nextAgeText(age: number): number {
  const [unit, until] =
    age < HOUR ? [MINUTE, HOUR] : age < 2 * DAY ? [HOUR, 2 * DAY] : age < 14 * DAY ? [DAY, 14 * DAY] : [7 * DAY, Infinity];
  let next = (Math.round(age / unit) + 0.5) * unit;
  if (next <= age) next += unit;
  return Math.min(next, until);
}

/**
 * The first instant after `afterMs` at which a rule may judge the record differently with nothing
 * changed: one of its dates plus one of the rules' durations — or, when `aged` (it has a finding that
 * tells its age), the next instant that age reads differently. Infinity when none is left.
 */
export function nextDue(r: CanonicalRecord, durations: readonly number[], afterMs: number, aged = false): number {
  let best = Infinity;
  const fields = r as unknown as Partial<Record<(typeof DATE_FIELDS)[number], unknown>>;
  for (const field of DATE_FIELDS) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const at = Date.parse(value);
    if (Number.isNaN(at)) continue;
    for (const d of durations) {
      const due = at + d;
      if (due > afterMs && due < best) best = due;
    }
    if (aged && at <= afterMs) best = Math.min(best, at + nextAgeText(afterMs - at));
  }
  return best;
}
