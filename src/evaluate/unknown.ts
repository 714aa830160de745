// Records a source could not read are unknown, not gone: what could be read of their identity keeps
// their consequences quiet (their QuickBooks twin is no orphan, their job is not "never invoiced",
// payments applied to them are not late). The unreadable row itself is reported once, as malformed.
import type { InvoiceRecord, PaymentRecord, RecordProblem } from '../domain/records';
import type { EvalContext } from './context';

export interface UnknownRecords {
  /** Ids of unreadable upstream invoices and payments (the id the sync writes into QuickBooks). */
  invoiceIds: Set<string>;
  paymentIds: Set<string>;
  invoiceNumbers: Set<string>;
  jobNumbers: Set<string>;
  paymentReferences: Set<string>;
}

const cache = new WeakMap<readonly RecordProblem[], UnknownRecords>();

export function unknownRecords(ctx: Pick<EvalContext, 'problems'>): UnknownRecords {
  const hit = cache.get(ctx.problems);
  if (hit) return hit;
  const out: UnknownRecords = {
    invoiceIds: new Set(),
    paymentIds: new Set(),
    invoiceNumbers: new Set(),
    jobNumbers: new Set(),
    paymentReferences: new Set(),
  };
  for (const p of ctx.problems) {
    if (p.side !== 'upstream') continue;
    if (p.sourceId !== undefined && p.entity === 'invoice') out.invoiceIds.add(p.sourceId);
    if (p.sourceId !== undefined && p.entity === 'payment') out.paymentIds.add(p.sourceId);
    if (p.entity === 'invoice' && p.number !== undefined) out.invoiceNumbers.add(p.number);
    if ((p.entity === 'invoice' || p.entity === 'job') && p.jobNumber !== undefined) out.jobNumbers.add(p.jobNumber);
    if (p.entity === 'payment' && p.reference !== undefined) out.paymentReferences.add(p.reference);
  }
  cache.set(ctx.problems, out);
  return out;
}

/** A QuickBooks invoice or payment whose upstream twin could not be read (by the sync's link or its number/reference). */
export function twinIsUnknown(unknown: UnknownRecords, r: InvoiceRecord | PaymentRecord, linkedTo: readonly string[]): boolean {
  const ids = r.entity === 'invoice' ? unknown.invoiceIds : unknown.paymentIds;
  if (linkedTo.some((id) => ids.has(id))) return true;
  if (r.entity === 'invoice') return r.number !== undefined && unknown.invoiceNumbers.has(r.number);
  return r.reference !== undefined && unknown.paymentReferences.has(r.reference);
}

/** An upstream payment applied to an invoice that could not be read: whether it should be in QuickBooks is unknown too. */
export function paysUnknownInvoice(unknown: UnknownRecords, p: PaymentRecord): boolean {
  if (unknown.invoiceIds.size === 0 && unknown.invoiceNumbers.size === 0) return false;
  return p.appliedTo.some(
    (a) =>
      (a.invoiceId !== undefined && unknown.invoiceIds.has(a.invoiceId)) ||
      (a.invoiceNumber !== undefined && unknown.invoiceNumbers.has(a.invoiceNumber)),
  );
}
