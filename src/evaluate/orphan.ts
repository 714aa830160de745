// orphan: a QuickBooks record with no upstream counterpart — typed in by hand, or deleted upstream.
import type { Finding } from '../domain/finding';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import type { RuleOf } from '../rules/schema';
import type { compileMatchKeys } from '../trace/match-keys';
import { traceInvoice } from '../trace/trace';
import { ageOf, findingFor, type EvalContext } from './context';
import { twinIsUnknown, unknownRecords } from './unknown';

export function evaluateOrphan(rule: RuleOf<'orphan'>, ctx: EvalContext, linkPatterns: ReturnType<typeof compileMatchKeys>): Finding[] {
  const { recon } = ctx;
  const out: Finding[] = [];
  const records: Array<InvoiceRecord | PaymentRecord | CustomerRecord> =
    rule.entity === 'invoice'
      ? recon.sides.quickbooks.invoices
      : rule.entity === 'payment'
        ? recon.sides.quickbooks.payments
        : recon.sides.quickbooks.customers;
  const isLinked = (r: InvoiceRecord | PaymentRecord | CustomerRecord) =>
    r.entity === 'invoice'
      ? recon.upstreamByQbInvoice.has(r)
      : r.entity === 'payment'
        ? recon.upstreamByQbPayment.has(r)
        : recon.upstreamByQbCustomer.has(r);
  const notBefore = rule.not_before ? Date.parse(rule.not_before) : undefined;
  const unknown = unknownRecords(ctx);
  const pointsAt = (r: InvoiceRecord | PaymentRecord) => linkPatterns.flatMap((k) => (k.target === 'sourceId' ? (k.extract(r) ?? []) : []));

  for (const r of records) {
    if (isLinked(r)) continue;
    // Its upstream twin is there but unreadable: reported once as malformed, not as deleted.
    if (r.entity !== 'customer' && twinIsUnknown(unknown, r, [...(r.linkId ? [r.linkId] : []), ...pointsAt(r)])) continue;
    // A payment that only applies a credit to an invoice moves no money of its own.
    if (r.entity === 'payment' && (r.credit || (r.amountCents === 0 && (r.creditsUsed?.length ?? 0) > 0))) continue;
    if (r.entity === 'invoice' && r.status === 'void') continue;
    if (r.entity === 'customer' && !r.active) continue;
    const created = r.createdAt ?? r.updatedAt;
    const age = ageOf(ctx, created);
    if (age === undefined || age < rule.min_age) continue;
    if (notBefore !== undefined && created && Date.parse(created) < notBefore) continue;
    if (r.createdBy && rule.ignore_created_by?.includes(r.createdBy)) continue;

    // A QuickBooks record that still carries the sync's link was synced once: its upstream twin went away.
    const pointsUpstream = r.entity !== 'customer' && pointsAt(r).length > 0;
    if (rule.origin !== 'any' && (rule.origin === 'deleted_upstream') !== pointsUpstream) continue;
    const origin = pointsUpstream
      ? 'its upstream record was deleted'
      : `created in QuickBooks${r.createdBy ? ` by ${r.createdBy}` : ''}, no upstream record`;
    const amount = r.entity === 'invoice' ? r.totalCents : r.entity === 'payment' ? r.amountCents : (r.balanceCents ?? 0);
    // Deleted upstream yet still owed in QuickBooks: the customer is billed for work that no longer
    // exists (catalogue row 9). A hand-typed invoice billing its customer is ordinary QuickBooks use.
    const stillBilled = r.entity === 'invoice' && pointsUpstream && (r.balanceCents ?? 0) > 0;
    const label =
      r.entity === 'invoice'
        ? `Invoice ${r.number ?? r.sourceId}`
        : r.entity === 'payment'
          ? `Payment ${r.reference ?? r.sourceId}`
          : `Customer ${r.displayName}`;
    out.push(
      findingFor(rule, r, {
        summary: `${label} (${formatCents(amount)}) in QuickBooks only — ${origin} (${humanAge(age)} ago)${stillBilled ? billedText(r) : ''}`,
        evidence: [
          { field: 'created', quickbooks: created ?? null },
          ...(r.createdBy ? [{ field: 'created by', quickbooks: r.createdBy }] : []),
          ...(r.entity === 'invoice'
            ? [
                { field: 'customer', quickbooks: r.customerName ?? null },
                { field: 'private note', quickbooks: r.privateNote ?? null },
                { field: 'open balance', quickbooks: r.balanceCents === undefined ? null : formatCents(r.balanceCents) },
                ...(r.sentToCustomer !== undefined ? [{ field: 'sent to customer', quickbooks: r.sentToCustomer }] : []),
              ]
            : []),
        ],
        trace: r.entity === 'invoice' ? traceInvoice(recon, undefined, r) : [],
        amountCents: Math.abs(amount),
        likelySide: pointsUpstream ? 'upstream' : 'quickbooks',
        since: created ?? undefined,
        location: r.entity === 'invoice' ? r.location : undefined,
        customerFacing: stillBilled,
      }),
    );
  }
  return out;
}

function billedText(inv: InvoiceRecord): string {
  return ` — still billed to the customer (${formatCents(inv.balanceCents ?? 0)} open${inv.sentToCustomer ? ', invoice e-mailed' : ''})`;
}
