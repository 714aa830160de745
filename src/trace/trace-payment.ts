// The chain around one payment, found by its reference (a check number) on either side:
// upstream payment → the invoices it pays → their QuickBooks invoices → the QuickBooks payment.
// One chain per invoice paid, so a check split across two invoices reads as two short chains.
import { formatCents } from '../domain/money';
import type { TraceHop } from '../domain/finding';
import type { InvoiceRecord, PaymentRecord } from '../domain/records';
import { appliedInvoice, type Reconciliation } from './reconcile';
import { refOf } from './trace';

export interface PaymentChain {
  label: string;
  hops: TraceHop[];
}

const paymentName = (p: PaymentRecord) => `Payment ${p.reference ?? p.sourceId}`;

/** Chains for a payment of either side; a QuickBooks payment with an upstream twin is traced from that twin. */
export function tracePayment(recon: Reconciliation, payment: PaymentRecord): PaymentChain[] {
  if (payment.side === 'upstream') return traceUpstreamPayment(recon, payment);
  const twin = recon.upstreamByQbPayment.get(payment)?.record;
  return twin ? traceUpstreamPayment(recon, twin) : traceQuickbooksOnly(recon, payment);
}

function traceUpstreamPayment(recon: Reconciliation, p: PaymentRecord): PaymentChain[] {
  const twins = (recon.qbPaymentsByUpstream.get(p) ?? []).map((l) => l.record);
  const start: TraceHop = { hop: 'upstream_payment', status: 'ok', ref: refOf(p) };
  const paid = p.appliedTo
    .map((a) => ({ a, inv: appliedInvoice(recon.upstreamInvoices, recon.upstreamInvoicesByNumber, p.source, a) }))
    .filter((x, i, all) => !x.inv || all.findIndex((y) => y.inv === x.inv) === i);
  if (paid.length === 0) {
    const qbHop: TraceHop = twins[0]
      ? { hop: 'quickbooks_payment', status: 'ok', ref: refOf(twins[0]) }
      : { hop: 'quickbooks_payment', status: 'broken', note: 'not in QuickBooks' };
    return [{ label: paymentName(p), hops: [start, { hop: 'upstream_invoice', status: 'absent', note: 'applied to no invoice' }, qbHop] }];
  }
  return paid.map(({ a, inv }) => {
    const name = inv?.number ?? a.invoiceNumber ?? a.invoiceId ?? '?';
    const part = inv && a.amountCents !== inv.totalCents ? { note: `this payment pays ${formatCents(a.amountCents)} of it` } : {};
    const upHop: TraceHop = inv
      ? { hop: 'upstream_invoice', status: 'ok', ref: refOf(inv), ...part }
      : { hop: 'upstream_invoice', status: 'absent', note: `invoice ${name} not in the export` };
    const qbInvoices = inv ? (recon.qbInvoicesByUpstream.get(inv) ?? []).map((l) => l.record) : [];
    const qb = qbInvoices[0];
    const qbHop: TraceHop = qb
      ? {
          hop: 'quickbooks_invoice',
          status: 'ok',
          ref: refOf(qb),
          ...(qbInvoices.length > 1 ? { note: `posted ${qbInvoices.length} times` } : {}),
        }
      : { hop: 'quickbooks_invoice', status: inv ? 'broken' : 'absent', note: 'not in QuickBooks' };
    return { label: `${paymentName(p)} → Invoice ${name}`, hops: [start, upHop, qbHop, quickbooksPaymentHop(recon, twins, qb)] };
  });
}

/** The QuickBooks side of an upstream payment, judged against the QuickBooks invoice it should pay. */
function quickbooksPaymentHop(recon: Reconciliation, twins: readonly PaymentRecord[], qb: InvoiceRecord | undefined): TraceHop {
  const onInvoice = qb ? (recon.qbPaymentsByInvoice.get(qb) ?? []) : [];
  const twin = twins.find((t) => onInvoice.includes(t)) ?? twins[0];
  if (twin && onInvoice.includes(twin)) return { hop: 'quickbooks_payment', status: 'ok', ref: refOf(twin) };
  if (twin) {
    const unapplied = twin.appliedTo.length === 0 || (twin.unappliedCents ?? 0) > 0;
    return {
      hop: 'quickbooks_payment',
      status: qb ? 'broken' : 'ok',
      ref: refOf(twin),
      note: unapplied ? 'not applied to an invoice' : 'applied to another invoice',
    };
  }
  if (onInvoice[0])
    return { hop: 'quickbooks_payment', status: 'ok', ref: refOf(onInvoice[0]), note: 'another QuickBooks payment on this invoice' };
  return { hop: 'quickbooks_payment', status: 'broken', note: 'not in QuickBooks' };
}

/** A QuickBooks payment no upstream payment matches: entered by hand, or its upstream row is gone. */
function traceQuickbooksOnly(recon: Reconciliation, q: PaymentRecord): PaymentChain[] {
  const start: TraceHop = { hop: 'upstream_payment', status: 'absent', note: 'no upstream payment matches it' };
  const end: TraceHop = { hop: 'quickbooks_payment', status: 'ok', ref: refOf(q) };
  const invoices = q.appliedTo.map((a) => recon.qbInvoices.get(q.source, a.invoiceId)).filter((i): i is InvoiceRecord => !!i);
  if (invoices.length === 0) return [{ label: paymentName(q), hops: [start, { ...end, note: 'not applied to an invoice' }] }];
  return [...new Set(invoices)].map((qb) => {
    const up = recon.upstreamByQbInvoice.get(qb)?.record;
    const upHop: TraceHop = up
      ? { hop: 'upstream_invoice', status: 'ok', ref: refOf(up) }
      : { hop: 'upstream_invoice', status: 'absent', note: 'no upstream invoice' };
    return {
      label: `${paymentName(q)} → Invoice ${qb.number ?? qb.sourceId}`,
      hops: [start, upHop, { hop: 'quickbooks_invoice', status: 'ok', ref: refOf(qb) }, end],
    };
  });
}
