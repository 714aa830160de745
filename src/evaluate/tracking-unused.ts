// Class or location tracking switched on in QuickBooks but used by no invoice: the company turned the
// setting on and never used it (or the sync never fills it). That is one fact about the company, told
// once, not a finding on every invoice; tracking that some invoices use stays an invoice-level check.
import type { Finding, RecordRef } from '../domain/finding';
import type { InvoiceRecord } from '../domain/records';
import type { RuleOf } from '../rules/schema';
import { findingFor, type EvalContext } from './context';

type Dimension = 'class' | 'location';

const LABEL: Record<Dimension, string> = { class: 'Class tracking', location: 'Location tracking' };

/** The tracked dimensions among `required` that no invoice in scope carries. */
export function unusedTracking(required: readonly string[], invoices: readonly InvoiceRecord[]): Dimension[] {
  if (invoices.length === 0) return [];
  const dims = (['class', 'location'] as const).filter((d) => required.includes(d));
  return dims.filter((d) => !invoices.some((inv) => (d === 'class' ? hasClass(inv) : Boolean(inv.location?.trim()))));
}

export function trackingUnusedFinding(
  rule: RuleOf<'incomplete'>,
  ctx: EvalContext,
  dimension: Dimension,
  invoices: readonly InvoiceRecord[],
): Finding {
  const first = invoices[0]!;
  const subject: RecordRef = {
    side: 'quickbooks',
    source: first.source,
    entity: 'source',
    sourceId: `preferences:${dimension}`,
    label: LABEL[dimension],
  };
  const term = dimension === 'class' ? 'class' : (ctx.prefs?.locationTerm ?? 'Location').toLowerCase();
  const setting = dimension === 'class' ? `on (per ${ctx.prefs?.classTracking === 'line' ? 'line' : 'transaction'})` : 'on';
  const count = invoices.length === 1 ? '1 invoice' : `${invoices.length} invoices`;
  return findingFor(rule, subject, {
    summary: `${LABEL[dimension]} is on in QuickBooks but none of ${count} carries a ${term}: turn it off in QuickBooks settings, or map a ${term} in the sync`,
    evidence: [
      { field: dimension === 'class' ? 'class tracking' : 'location tracking', quickbooks: setting },
      { field: `invoices with a ${term}`, quickbooks: 0 },
      { field: 'invoices checked', quickbooks: invoices.length },
    ],
    amountCents: 0,
    likelySide: 'quickbooks',
    since: oldest(invoices),
    rootCauseKey: `${LABEL[dimension].toLowerCase()} on but unused`,
  });
}

function hasClass(inv: InvoiceRecord): boolean {
  return Boolean(inv.className?.trim()) || inv.lines.some((l) => Boolean(l.className?.trim()));
}

function oldest(invoices: readonly InvoiceRecord[]): string | undefined {
  let min: string | undefined;
  for (const inv of invoices) {
    const at = inv.issuedAt ?? inv.createdAt ?? undefined;
    if (at && (min === undefined || Date.parse(at) < Date.parse(min))) min = at;
  }
  return min;
}
