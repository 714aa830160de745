// Which records the record rules may speak about: those on or after the history start. Decided here,
// once, for every rule, so no evaluator carries its own copy of the check.
import type { Finding, RecordRef } from '../domain/finding';
import type { CanonicalRecord, CustomerRecord, PaymentRecord } from '../domain/records';
import { appliedInvoice } from '../trace/reconcile';
import type { EvalContext } from './context';
import { recordDay, type HistoryStart } from './history-start';

interface Scope {
  start: HistoryStart;
  /** Customers (side|source|id) with an invoice or payment on or after the start. */
  busy: Set<string>;
}

const scopes = new WeakMap<EvalContext, Scope>();

function scopeOf(ctx: EvalContext, start: HistoryStart): Scope {
  let scope = scopes.get(ctx);
  if (scope === undefined || scope.start !== start) {
    const busy = new Set<string>();
    for (const side of ['upstream', 'quickbooks'] as const) {
      for (const r of [...ctx.recon.sides[side].invoices, ...ctx.recon.sides[side].payments]) {
        if (r.customerId === undefined || !onOrAfter(r, start) || (r.entity === 'payment' && paysOnlyHistory(ctx, start, r))) continue;
        busy.add(`${side}|${r.source}|${r.customerId}`);
      }
    }
    scope = { start, busy };
    scopes.set(ctx, scope);
  }
  return scope;
}

function onOrAfter(r: CanonicalRecord, start: HistoryStart): boolean {
  const day = recordDay(r, start.zone);
  return day === undefined || day >= start.from;
}

/**
 * True when a record is on or after the history start (or has no date, or no start is set). A customer
 * created before the start stays in scope while it, or its twin on the other side, still does business.
 */
export function inScope(ctx: EvalContext, r: CanonicalRecord): boolean {
  const start = ctx.history;
  if (start === undefined) return true;
  if (onOrAfter(r, start)) return r.entity !== 'payment' || !paysOnlyHistory(ctx, start, r);
  if (r.entity !== 'customer') return false;
  const scope = scopeOf(ctx, start);
  const twin = r.side === 'upstream' ? ctx.recon.qbCustomerByUpstream.get(r)?.record : ctx.recon.upstreamByQbCustomer.get(r)?.record;
  return isBusy(scope, r) || (twin !== undefined && (onOrAfter(twin, start) || isBusy(scope, twin)));
}

/**
 * An upstream payment received after the start for invoices from before it that never reached QuickBooks
 * (net-30 terms keep them coming for weeks): the sync has no invoice to apply it to, so it is part of
 * that history, not a failure of its own.
 */
function paysOnlyHistory(ctx: EvalContext, start: HistoryStart, p: PaymentRecord): boolean {
  if (p.side !== 'upstream' || p.appliedTo.length === 0) return false;
  const { recon } = ctx;
  return p.appliedTo.every((a) => {
    const inv = appliedInvoice(recon.upstreamInvoices, recon.upstreamInvoicesByNumber, p.source, a);
    return inv !== undefined && !onOrAfter(inv, start) && !recon.qbInvoicesByUpstream.has(inv);
  });
}

function isBusy(scope: Scope, c: CustomerRecord): boolean {
  return scope.busy.has(`${c.side}|${c.source}|${c.sourceId}`);
}

/** Kinds that are not about one dated record: a source, an unreadable row, the backlog itself. */
const UNSCOPED_KINDS = new Set<Finding['kind']>(['stale', 'malformed', 'backlog']);

/**
 * Drops findings about records from before the history start. Duplicate customers are people, not
 * history, and stay; a duplicate of anything else stays while one of its records is in scope.
 */
export function withinHistory(ctx: EvalContext, findings: Finding[]): Finding[] {
  if (ctx.history === undefined) return findings;
  const records = indexRecords(ctx, findings);
  const keep = (ref: RecordRef) => {
    const r = records.get(refKey(ref));
    return r === undefined || inScope(ctx, r);
  };
  return findings.filter((f) => {
    if (UNSCOPED_KINDS.has(f.kind) || (f.kind === 'duplicate' && f.entity === 'customer')) return true;
    if (f.kind === 'duplicate') return keep(f.subject) || f.related.some(keep);
    return keep(f.subject);
  });
}

/** The records the findings name, by ref: only those are looked at, not every record of the poll. */
function indexRecords(ctx: EvalContext, findings: readonly Finding[]): Map<string, CanonicalRecord> {
  const named = new Set<string>();
  const ids = new Set<string>();
  for (const f of findings) {
    for (const ref of [f.subject, ...(f.kind === 'duplicate' ? f.related : [])]) {
      named.add(refKey(ref));
      ids.add(ref.sourceId);
    }
  }
  const map = new Map<string, CanonicalRecord>();
  for (const side of ['upstream', 'quickbooks'] as const) {
    const s = ctx.recon.sides[side];
    for (const list of [s.customers, s.jobs, s.invoices, s.payments, s.deposits]) {
      for (const r of list) {
        if (!ids.has(r.sourceId)) continue;
        const key = refKey(r);
        if (named.has(key)) map.set(key, r);
      }
    }
  }
  return map;
}

function refKey(r: { side: string; source: string; entity: string; sourceId: string }): string {
  return `${r.side}\u0000${r.source}\u0000${r.entity}\u0000${r.sourceId}`;
}
