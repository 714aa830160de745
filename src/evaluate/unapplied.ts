// unapplied: a QuickBooks payment that pays no invoice, or a different invoice than upstream says.
import type { Finding, TraceHop } from '../domain/finding';
import type { InvoiceRecord, PaymentRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import type { RuleOf } from '../rules/schema';
import { appliedInvoice } from '../trace/reconcile';
import { refOf } from '../trace/trace';
import { ageOf, findingFor, type EvalContext } from './context';

export function evaluateUnapplied(rule: RuleOf<'unapplied'>, ctx: EvalContext): Finding[] {
  const { recon } = ctx;
  const out: Finding[] = [];
  for (const p of recon.sides.quickbooks.payments) {
    // Open credit on account (a credit memo's remaining credit) is the customer's to use, not a payment to apply.
    if (p.credit) continue;
    const age = ageOf(ctx, p.receivedAt ?? p.createdAt ?? p.date);
    if (age === undefined || age < rule.min_age) continue;
    const unapplied = p.unappliedCents ?? (p.appliedTo.length === 0 ? p.amountCents : 0);
    // Nearly every payment is applied where upstream says: nothing below is built for those.
    if (unapplied <= 0 && !rule.misapplied) continue;
    const up = recon.upstreamByQbPayment.get(p)?.record;
    // A deposit taken before the work (or an overpayment) waits for its invoice upstream too: QuickBooks agrees.
    if (unapplied > 0 && up && !recon.paymentSettlements.has(p) && unapplied <= heldUpstream(up)) continue;
    if (unapplied > 0) {
      const shouldPay = up ? invoicesToPay(recon, up) : undefined;
      out.push(
        findingFor(rule, p, {
          summary: `Payment ${p.reference ?? p.sourceId} (${formatCents(p.amountCents)}, ${p.customerName ?? '?'}) has ${formatCents(unapplied)} unapplied for ${humanAge(age)}${shouldPay?.length ? ` — it should close invoice ${shouldPay.map((i) => i.number ?? i.sourceId).join(', ')}` : ''}`,
          related: (shouldPay ?? []).map(refOf),
          evidence: [
            { field: 'amount', quickbooks: formatCents(p.amountCents) },
            { field: 'unapplied', quickbooks: formatCents(unapplied) },
            {
              field: 'applied to',
              upstream: up?.appliedTo.map((a) => a.invoiceNumber ?? a.invoiceId).join(', ') ?? null,
              quickbooks: null,
            },
          ],
          trace: traceOf(up, p, unapplied),
          amountCents: unapplied,
          likelySide: 'sync',
          since: p.receivedAt ?? p.date,
          // The invoice it should close stays open: the customer may be chased for it.
          customerFacing: (shouldPay?.length ?? 0) > 0,
        }),
      );
      continue;
    }
    if (!rule.misapplied || !up) continue;
    // One settlement over several records (one check, two invoices) is judged as a whole, once.
    const settlement = recon.paymentSettlements.get(p);
    if (settlement && settlement.quickbooks[0] !== p) continue;
    const ups = settlement?.upstream ?? [up];
    const qbs = settlement?.quickbooks ?? [p];
    // The invoices upstream says this payment pays that it is not applied to in QuickBooks.
    let wrong: InvoiceRecord[] | undefined;
    for (const inv of ups.flatMap((u) => invoicesToPay(recon, u)))
      if (!qbs.some((q) => appliesTo(q, inv.sourceId)) && !wrong?.includes(inv)) (wrong ??= []).push(inv);
    if (wrong === undefined) continue;
    const appliedNumbers = qbs
      .flatMap((q) => q.appliedTo.map((a) => recon.qbInvoices.get(q.source, a.invoiceId)?.number ?? a.invoiceNumber ?? a.invoiceId))
      .join(', ');
    out.push(
      findingFor(
        rule,
        p,
        {
          summary: `Payment ${p.reference ?? p.sourceId} (${formatCents(p.amountCents)}) is applied to invoice ${appliedNumbers} in QuickBooks but pays invoice ${wrong.map((i) => i.number ?? i.sourceId).join(', ')} upstream`,
          related: wrong.map(refOf),
          evidence: [{ field: 'applied to', upstream: wrong.map((i) => i.number ?? i.sourceId).join(', '), quickbooks: appliedNumbers }],
          trace: traceOf(up, p, unapplied),
          amountCents: p.amountCents,
          likelySide: 'sync',
          since: p.receivedAt ?? p.date,
          customerFacing: true,
        },
        '|misapplied',
      ),
    );
  }
  return out;
}

/** Money an upstream payment holds that pays no invoice yet. */
function heldUpstream(up: PaymentRecord): number {
  return up.unappliedCents ?? up.amountCents - up.appliedTo.reduce((n, a) => n + a.amountCents, 0);
}

/** The QuickBooks invoices an upstream payment's applications point at (their first twins). */
function invoicesToPay(recon: EvalContext['recon'], up: PaymentRecord): InvoiceRecord[] {
  const out: InvoiceRecord[] = [];
  for (const a of up.appliedTo) {
    const inv = appliedInvoice(recon.upstreamInvoices, recon.upstreamInvoicesByNumber, up.source, a);
    const qb = inv ? recon.qbInvoicesByUpstream.get(inv)?.[0]?.record : undefined;
    if (qb !== undefined) out.push(qb);
  }
  return out;
}

function appliesTo(p: PaymentRecord, invoiceId: string): boolean {
  for (const a of p.appliedTo) if (a.invoiceId === invoiceId) return true;
  return false;
}

function traceOf(up: PaymentRecord | undefined, p: PaymentRecord, unapplied: number): TraceHop[] {
  return [
    ...(up ? [{ hop: 'upstream_payment' as const, status: 'ok' as const, ref: refOf(up) }] : []),
    {
      hop: 'quickbooks_payment' as const,
      status: 'broken' as const,
      ref: refOf(p),
      note: unapplied > 0 ? 'not applied to an invoice' : 'applied to another invoice',
    },
  ];
}
