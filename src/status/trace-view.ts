// `trace <ref>`: the chain job → upstream invoice → QuickBooks invoice → QuickBooks payment for one
// job number, invoice number, payment reference (check number) or record id, from stored records,
// with each record's amount and the open incidents that name it.
import type { TraceHop } from '../domain/finding';
import { formatCents } from '../domain/money';
import type { CanonicalRecord, InvoiceRecord, PaymentRecord } from '../domain/records';
import { activeFindings, type Incident } from '../incidents/model';
import { recordKey } from '../incidents/money-once';
import type { Reconciliation } from '../trace/reconcile';
import { refOf, traceInvoice } from '../trace/trace';
import { tracePayment } from '../trace/trace-payment';

/** A hop of a looked-up chain: also the numbers of the open incidents that name its record. */
export interface TracedHop extends TraceHop {
  incidents?: number[];
}

export interface TraceResult {
  ref: string;
  chains: Array<{ label: string; hops: TracedHop[] }>;
}

export function traceRef(recon: Reconciliation, ref: string, incidents: readonly Incident[] = []): TraceResult {
  const wanted = ref.trim().replace(/^#/, '');
  // "check 7781", "chk #7781": people name a payment by its kind as often as by its number.
  const bare = wanted.replace(/^(?:check|chk|cheque|ref|reference|payment)\s*#?\s*/i, '');
  const seen = new Set<string>();
  const chains: TraceResult['chains'] = [];
  const push = (label: string, hops: TraceHop[]) => {
    const id = hops.map((h) => (h.ref ? `${h.ref.source}:${h.ref.sourceId}` : h.hop)).join('|');
    if (seen.has(id)) return;
    seen.add(id);
    chains.push({ label, hops });
  };
  const add = (up?: InvoiceRecord, qb?: InvoiceRecord) =>
    push(`Invoice ${(up ?? qb)?.number ?? (up ?? qb)?.sourceId}`, traceInvoice(recon, up, qb));
  const matches = (r: CanonicalRecord) => r.sourceId === wanted || ('number' in r && r.number === wanted);
  for (const inv of recon.sides.upstream.invoices) if (matches(inv) || inv.jobNumber === wanted) add(inv);
  for (const inv of recon.sides.quickbooks.invoices) if (matches(inv)) add(recon.upstreamByQbInvoice.get(inv)?.record, inv);
  const job = recon.jobsByNumber.get(wanted) ?? recon.sides.upstream.jobs.find((j) => j.sourceId === wanted);
  if (job && !recon.upstreamInvoicesByJob.get(job.number)?.length) {
    const ref = { ...refOf(job), label: `Job ${job.number} (${job.status})` };
    push(`Job ${job.number}`, [
      { hop: 'job', status: 'ok', ref },
      { hop: 'upstream_invoice', status: 'broken', note: 'no invoice for this job' },
    ]);
  }
  const byReference = (p: PaymentRecord) => [wanted, bare].some((w) => w !== '' && p.reference?.trim().toLowerCase() === w.toLowerCase());
  const isPayment = (p: PaymentRecord) => p.sourceId === wanted || byReference(p);
  for (const p of [...recon.sides.upstream.payments, ...recon.sides.quickbooks.payments]) {
    if (isPayment(p)) for (const c of tracePayment(recon, p)) push(c.label, c.hops);
  }
  return { ref: wanted, chains: withIncidents(chains, incidents) };
}

/** Marks every hop whose record an open incident names (as subject or related record). */
function withIncidents(chains: TraceResult['chains'], incidents: readonly Incident[]): TraceResult['chains'] {
  const byRecord = new Map<string, Set<number>>();
  for (const incident of incidents) {
    if (incident.status === 'resolved') continue;
    for (const f of activeFindings(incident)) {
      for (const r of [f.finding.subject, ...f.finding.related]) {
        const key = recordKey(r);
        byRecord.set(key, (byRecord.get(key) ?? new Set()).add(incident.number));
      }
    }
  }
  return chains.map((c) => ({
    ...c,
    hops: c.hops.map((h) => {
      const numbers = h.ref ? byRecord.get(recordKey(h.ref)) : undefined;
      return numbers ? { ...h, incidents: [...numbers].sort((a, b) => a - b) } : h;
    }),
  }));
}

/** "Invoice 1043 $385.00": the hop's record with its amount, when it has one. */
export function hopRecordText(h: TraceHop): string | undefined {
  if (!h.ref) return undefined;
  return h.ref.amountCents !== undefined ? `${h.ref.label} ${formatCents(h.ref.amountCents)}` : h.ref.label;
}

/** "incident #4", "incidents #4, #9": the open incidents that name the hop's record. */
export function hopIncidentsText(h: TracedHop): string | undefined {
  if (!h.incidents?.length) return undefined;
  return `${h.incidents.length === 1 ? 'incident' : 'incidents'} ${h.incidents.map((n) => `#${n}`).join(', ')}`;
}

export function renderTrace(t: TraceResult): string {
  if (t.chains.length === 0)
    return `Nothing found for "${t.ref}" — try a job number, an invoice number, a payment reference or a record id.`;
  return t.chains.map((c) => [`${c.label}:`, ...c.hops.map((h) => `  ${hopMark(h.status)} ${hopLine(h)}`)].join('\n')).join('\n\n');
}

/** One hop as plain text: "quickbooks invoice: Invoice 1043 $385.00 (quickbooks 501) · incident #4 — note". */
export function hopLine(h: TracedHop): string {
  const record = hopRecordText(h);
  const incidents = hopIncidentsText(h);
  const where = record ? `: ${record} (${h.ref!.source} ${h.ref!.sourceId})` : '';
  return `${h.hop.replace(/_/g, ' ')}${where}${incidents ? ` · ${incidents}` : ''}${h.note ? ` — ${h.note}` : ''}`;
}

export function hopMark(status: TraceHop['status']): string {
  return status === 'ok' ? '✓' : status === 'broken' ? '✗' : status === 'absent' ? '?' : '·';
}
