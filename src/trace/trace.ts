import type { HopName, RecordRef, TraceHop } from '../domain/finding';
import type { CanonicalRecord, InvoiceRecord } from '../domain/records';
import { recordLabel } from '../domain/records';
import type { Reconciliation } from './reconcile';

export function refOf(r: CanonicalRecord): RecordRef {
  const ref: RecordRef = { side: r.side, source: r.source, entity: r.entity, sourceId: r.sourceId, label: recordLabel(r) };
  const number = r.entity === 'invoice' || r.entity === 'job' ? r.number : r.entity === 'payment' ? r.reference : undefined;
  const amountCents =
    r.entity === 'invoice' || r.entity === 'deposit' || r.entity === 'job'
      ? r.totalCents
      : r.entity === 'payment'
        ? r.amountCents
        : undefined;
  if (number !== undefined) ref.number = number;
  if (amountCents !== undefined) ref.amountCents = amountCents;
  return ref;
}

const HOP_LABELS: Record<HopName, string> = {
  job: 'job',
  upstream_invoice: 'upstream invoice',
  quickbooks_invoice: 'QuickBooks invoice',
  quickbooks_payment: 'QuickBooks payment',
  upstream_payment: 'upstream payment',
  customer: 'customer',
  source: 'source',
};

/** "upstream invoice → QuickBooks invoice": the hop where the chain breaks, for the alert line. */
export function brokenHopLabel(trace: readonly TraceHop[]): string | undefined {
  const i = trace.findIndex((h) => h.status === 'broken');
  if (i < 0) return undefined;
  const before = trace
    .slice(0, i)
    .reverse()
    .find((h) => h.status === 'ok');
  const here = HOP_LABELS[trace[i]!.hop];
  return before ? `${HOP_LABELS[before.hop]} → ${here}` : here;
}

/**
 * The chain job → upstream invoice → QuickBooks invoice → QuickBooks payment around one invoice,
 * given from either side.
 */
export function traceInvoice(recon: Reconciliation, upstream?: InvoiceRecord, quickbooks?: InvoiceRecord): TraceHop[] {
  const up = upstream ?? (quickbooks ? recon.upstreamByQbInvoice.get(quickbooks)?.record : undefined);
  const qb = quickbooks ?? (up ? recon.qbInvoicesByUpstream.get(up)?.[0]?.record : undefined);
  const hops: TraceHop[] = [];

  const jobNumber = up?.jobNumber;
  const job = jobNumber !== undefined ? recon.jobsByNumber.get(jobNumber) : undefined;
  if (jobNumber === undefined) hops.push({ hop: 'job', status: 'not_expected' });
  else if (job) hops.push({ hop: 'job', status: 'ok', ref: refOf(job) });
  else hops.push({ hop: 'job', status: 'absent', note: `job ${jobNumber} not in the export` });

  hops.push(
    up
      ? { hop: 'upstream_invoice', status: 'ok', ref: refOf(up) }
      : { hop: 'upstream_invoice', status: 'broken', note: 'no upstream invoice' },
  );
  hops.push(
    qb
      ? { hop: 'quickbooks_invoice', status: 'ok', ref: refOf(qb) }
      : { hop: 'quickbooks_invoice', status: 'broken', note: 'not in QuickBooks' },
  );

  const paidUpstream = up ? (recon.upstreamPaymentsByInvoice.get(up)?.length ?? 0) > 0 || up.status === 'paid' : false;
  const qbPayments = qb ? (recon.qbPaymentsByInvoice.get(qb) ?? []) : [];
  if (qbPayments.length > 0) hops.push({ hop: 'quickbooks_payment', status: 'ok', ref: refOf(qbPayments[0]!) });
  else if (paidUpstream && qb)
    hops.push({ hop: 'quickbooks_payment', status: 'broken', note: 'paid upstream, no payment applied in QuickBooks' });
  else hops.push({ hop: 'quickbooks_payment', status: paidUpstream ? 'absent' : 'not_expected' });
  return hops;
}
