// Trust: the share of invoiced revenue upstream that arrives in QuickBooks intact — one QuickBooks
// invoice, the same total, and a payment applied there when it was paid upstream.
import type { Reconciliation } from '../trace/reconcile';
import { traceInvoice } from '../trace/trace';
import type { TrustFigures } from './snapshot';

export function computeTrust(recon: Reconciliation): TrustFigures {
  let invoices = 0;
  let invoicedCents = 0;
  let matchedInvoices = 0;
  let matchedCents = 0;
  for (const up of recon.sides.upstream.invoices) {
    if (up.status === 'draft' || up.status === 'void') continue;
    invoices++;
    invoicedCents += up.totalCents;
    const links = recon.qbInvoicesByUpstream.get(up) ?? [];
    const qb = links.length === 1 ? links[0]!.record : undefined;
    if (!qb || qb.totalCents !== up.totalCents || qb.status === 'void') continue;
    if (traceInvoice(recon, up, qb).some((hop) => hop.status === 'broken')) continue;
    matchedInvoices++;
    matchedCents += up.totalCents;
  }
  return { invoices, invoicedCents, matchedInvoices, matchedCents, share: invoicedCents > 0 ? matchedCents / invoicedCents : null };
}
