// `trace <ref>`: the chain job → upstream invoice → QuickBooks invoice → QuickBooks payment for one
// job number, invoice number or record id, from stored records.
import type { TraceHop } from '../domain/finding';
import type { CanonicalRecord, InvoiceRecord } from '../domain/records';
import type { Reconciliation } from '../trace/reconcile';
import { traceInvoice } from '../trace/trace';

export interface TraceResult {
  ref: string;
  chains: Array<{ label: string; hops: TraceHop[] }>;
}

export function traceRef(recon: Reconciliation, ref: string): TraceResult {
  const wanted = ref.trim().replace(/^#/, '');
  const seen = new Set<string>();
  const chains: TraceResult['chains'] = [];
  const add = (up?: InvoiceRecord, qb?: InvoiceRecord) => {
    const hops = traceInvoice(recon, up, qb);
    const id = hops.map((h) => (h.ref ? `${h.ref.source}:${h.ref.sourceId}` : h.hop)).join('|');
    if (seen.has(id)) return;
    seen.add(id);
    chains.push({ label: `Invoice ${(up ?? qb)?.number ?? (up ?? qb)?.sourceId}`, hops });
  };
  const matches = (r: CanonicalRecord) => r.sourceId === wanted || ('number' in r && r.number === wanted);
  for (const inv of recon.sides.upstream.invoices) if (matches(inv) || inv.jobNumber === wanted) add(inv);
  for (const inv of recon.sides.quickbooks.invoices) if (matches(inv)) add(recon.upstreamByQbInvoice.get(inv)?.record, inv);
  const job = recon.jobsByNumber.get(wanted) ?? recon.sides.upstream.jobs.find((j) => j.sourceId === wanted);
  if (job && !(recon.upstreamInvoicesByJob.get(job.number)?.length)) {
    chains.push({ label: `Job ${job.number}`, hops: [{ hop: 'job', status: 'ok', ref: { side: 'upstream', source: job.source, entity: 'job', sourceId: job.sourceId, label: `Job ${job.number} (${job.status})` } }, { hop: 'upstream_invoice', status: 'broken', note: 'no invoice for this job' }] });
  }
  return { ref: wanted, chains };
}

export function renderTrace(t: TraceResult): string {
  if (t.chains.length === 0) return `Nothing found for "${t.ref}" — try a job number, an invoice number or a record id.`;
  return t.chains
    .map((c) => [`${c.label}:`, ...c.hops.map((h) => `  ${mark(h.status)} ${h.hop.replace(/_/g, ' ')}${h.ref ? `: ${h.ref.label} (${h.ref.source} ${h.ref.sourceId})` : ''}${h.note ? ` — ${h.note}` : ''}`)].join('\n'))
    .join('\n\n');
}

function mark(status: TraceHop['status']): string {
  return status === 'ok' ? '✓' : status === 'broken' ? '✗' : status === 'absent' ? '?' : '·';
}
