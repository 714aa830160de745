// mismatch: records matched across the two sides disagree on a field (per-field money tolerance),
// and deposits that do not add up to the payments they carry.
import type { FieldEvidence, Finding } from '../domain/finding';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import type { RuleOf } from '../rules/schema';
import { recordKey } from '../trace/index-records';
import { normaliseName } from '../trace/similarity';
import { refOf, traceInvoice } from '../trace/trace';
import { findingFor, lower, type EvalContext } from './context';

type MismatchRule = RuleOf<'mismatch'>;
type FieldSpec = MismatchRule['fields'][number];
interface Diff {
  evidence: FieldEvidence;
  /** Money the difference puts at risk, when the field is money. */
  cents: number;
}

export function evaluateMismatch(rule: MismatchRule, ctx: EvalContext): Finding[] {
  if (rule.entity === 'deposit') return depositGaps(rule, ctx);
  const out: Finding[] = [];
  for (const [up, qb] of pairs(rule, ctx)) {
    if (!settled(ctx, rule, up, qb)) continue;
    const diffs = rule.fields.map((f) => compare(ctx, f, up, qb)).filter((d): d is Diff => d !== undefined);
    if (diffs.length === 0) continue;
    out.push(describe(rule, ctx, up, qb, diffs));
  }
  return out;
}

type Pair = [InvoiceRecord, InvoiceRecord] | [CustomerRecord, CustomerRecord] | [PaymentRecord, PaymentRecord];

function* pairs(rule: MismatchRule, ctx: EvalContext): Generator<Pair> {
  const { recon } = ctx;
  if (rule.entity === 'invoice') {
    for (const up of recon.sides.upstream.invoices) {
      const qb = recon.qbInvoicesByUpstream.get(recordKey(up))?.[0]?.record;
      if (qb) yield [up, qb];
    }
  } else if (rule.entity === 'payment') {
    for (const up of recon.sides.upstream.payments) {
      const qb = recon.qbPaymentsByUpstream.get(recordKey(up))?.[0]?.record;
      if (qb) yield [up, qb];
    }
  } else {
    for (const up of recon.sides.upstream.customers) {
      const qb = recon.qbCustomerByUpstream.get(recordKey(up))?.record;
      if (qb) yield [up, qb];
    }
  }
}

/** Both sides must have been quiet for the grace period, so an edit in flight is not reported. */
function settled(ctx: EvalContext, rule: MismatchRule, a: { updatedAt: string | null }, b: { updatedAt: string | null }): boolean {
  if (rule.grace === 0) return true;
  const latest = Math.max(Date.parse(a.updatedAt ?? '') || 0, Date.parse(b.updatedAt ?? '') || 0);
  return ctx.nowMs - latest >= rule.grace;
}

function compare(ctx: EvalContext, spec: FieldSpec, up: Pair[0], qb: Pair[1]): Diff | undefined {
  const money = (field: string, a: number | undefined, b: number | undefined): Diff | undefined => {
    if (a === undefined || b === undefined || Math.abs(a - b) <= spec.tolerance) return undefined;
    return { evidence: { field, upstream: formatCents(a), quickbooks: formatCents(b), note: `difference ${formatCents(b - a)}` }, cents: Math.abs(b - a) };
  };
  const text = (field: string, a: string | undefined, b: string | undefined, same = (x: string, y: string) => x === y): Diff | undefined => {
    const x = lower(a);
    const y = lower(b);
    if (x === undefined || y === undefined || same(x, y)) return undefined;
    return { evidence: { field, upstream: a ?? null, quickbooks: b ?? null }, cents: 0 };
  };
  if (up.entity === 'invoice' && qb.entity === 'invoice') {
    switch (spec.field) {
      case 'total':
      case 'amount':
        return money('total', up.totalCents, qb.totalCents);
      case 'tax':
        return money('tax', up.taxCents, qb.taxCents);
      case 'balance':
        // A balance gap only means a payment problem when both are live and agree on the total;
        // voids and total differences are reported by their own fields.
        if (statusClass(up) === 'void' || statusClass(qb) === 'void' || Math.abs(up.totalCents - qb.totalCents) > 1) return undefined;
        return money('balance', up.balanceCents, qb.balanceCents);
      case 'class':
        return text('class', up.className, qb.className);
      case 'location':
        return text('location', up.location, qb.location);
      case 'date':
        return text('date', up.txnDate, qb.txnDate);
      case 'customer':
        return customerDiff(ctx, up, qb);
      case 'status': {
        // Void vs active; paid vs open shows as a balance difference, with its amount.
        const a = statusClass(up);
        const b = statusClass(qb);
        if ((a === 'void') === (b === 'void')) return undefined;
        const open = a === 'void' ? (qb.balanceCents ?? qb.totalCents) : (up.balanceCents ?? up.totalCents);
        return { evidence: { field: 'status', upstream: a, quickbooks: b }, cents: Math.abs(open) };
      }
      default:
        return undefined;
    }
  }
  if (up.entity === 'payment' && qb.entity === 'payment') {
    if (spec.field === 'amount' || spec.field === 'total') return money('amount', up.amountCents, qb.amountCents);
    if (spec.field === 'date') return text('date', up.date, qb.date);
    return undefined;
  }
  if (up.entity === 'customer' && qb.entity === 'customer') {
    switch (spec.field) {
      case 'email':
        return text('email', up.email, qb.email);
      case 'phone':
        return text('phone', up.phone, qb.phone);
      case 'name':
        return text('name', up.displayName, qb.displayName, (x, y) => normaliseName(x) === normaliseName(y));
      case 'address':
        return text('address', addressText(up), addressText(qb), (x, y) => x.replace(/[^a-z0-9]/g, '') === y.replace(/[^a-z0-9]/g, ''));
      case 'balance':
        return money('balance', up.balanceCents, qb.balanceCents);
      default:
        return undefined;
    }
  }
  return undefined;
}

function customerDiff(ctx: EvalContext, up: InvoiceRecord, qb: InvoiceRecord): Diff | undefined {
  if (up.customerId === undefined || qb.customerId === undefined) return undefined;
  const upCustomer = ctx.recon.customers.get(`${up.source}\u0000${up.customerId}`);
  const linked = upCustomer ? ctx.recon.qbCustomerByUpstream.get(recordKey(upCustomer))?.record : undefined;
  if (!linked || linked.sourceId === qb.customerId) return undefined;
  return { evidence: { field: 'customer', upstream: up.customerName ?? null, quickbooks: qb.customerName ?? null }, cents: 0 };
}

function statusClass(inv: InvoiceRecord): 'void' | 'paid' | 'open' {
  if (inv.status === 'void') return 'void';
  if (inv.status === 'paid' || (inv.balanceCents === 0 && inv.totalCents > 0)) return 'paid';
  return 'open';
}

function addressText(c: CustomerRecord): string | undefined {
  const a = c.address;
  if (!a) return undefined;
  return [a.line1, a.city, a.region, a.postalCode].filter(Boolean).join(', ') || undefined;
}

function describe(rule: MismatchRule, ctx: EvalContext, up: Pair[0], qb: Pair[1], diffs: Diff[]): Finding {
  const label = up.entity === 'invoice' ? `Invoice ${up.number ?? up.sourceId}` : up.entity === 'payment' ? `Payment ${up.reference ?? up.sourceId}` : `Customer ${up.displayName}`;
  const parts = diffs.map((d) => `${d.evidence.field} ${d.evidence.upstream ?? '—'} upstream vs ${d.evidence.quickbooks ?? '—'} in QuickBooks`);
  const cents = diffs.reduce((n, d) => Math.max(n, d.cents), 0);
  const status = diffs.find((d) => d.evidence.field === 'status');
  const upstreamNewer = (Date.parse(up.updatedAt ?? '') || 0) > (Date.parse(qb.updatedAt ?? '') || 0);
  return findingFor(rule, up, {
    summary: `${label}: ${parts.join('; ')}`,
    related: [refOf(qb)],
    evidence: [...diffs.map((d) => d.evidence), { field: 'last updated', upstream: up.updatedAt, quickbooks: qb.updatedAt }],
    trace: up.entity === 'invoice' ? traceInvoice(ctx.recon, up, qb as InvoiceRecord) : [],
    amountCents: cents,
    likelySide: upstreamNewer ? 'sync' : 'quickbooks',
    since: (upstreamNewer ? up.updatedAt : qb.updatedAt) ?? undefined,
    location: up.entity === 'invoice' ? up.location : undefined,
    // The customer is billed for something void, or chased for something paid.
    customerFacing: status !== undefined && status.cents > 0,
    minor: rule.minor_at_most !== undefined && cents <= rule.minor_at_most,
  });
}

function depositGaps(rule: MismatchRule, ctx: EvalContext): Finding[] {
  const tolerance = rule.fields.find((f) => f.field === 'deposit' || f.field === 'amount')?.tolerance ?? 0;
  const out: Finding[] = [];
  for (const d of ctx.recon.sides.quickbooks.deposits) {
    const payments = d.paymentIds.map((id) => ctx.recon.qbPayments.get(`${d.source}\u0000${id}`)).filter((p): p is PaymentRecord => p !== undefined);
    if (payments.length === 0) continue;
    const sum = payments.reduce((n, p) => n + p.amountCents, 0);
    const gap = sum - d.feeCents - d.totalCents;
    if (Math.abs(gap) <= tolerance) continue;
    out.push(
      findingFor(rule, d, {
        summary: `Deposit ${d.sourceId} on ${d.date ?? '?'} is ${formatCents(d.totalCents)} but its ${payments.length} payments total ${formatCents(sum)}: ${formatCents(gap)} unexplained${d.feeCents === 0 ? ' (no merchant fee booked)' : ''}`,
        related: payments.map(refOf),
        evidence: [
          { field: 'payments total', quickbooks: formatCents(sum) },
          { field: 'fees booked', quickbooks: formatCents(d.feeCents) },
          { field: 'deposit', quickbooks: formatCents(d.totalCents) },
        ],
        amountCents: Math.abs(gap),
        likelySide: 'quickbooks',
        since: d.createdAt ?? d.date,
      }),
    );
  }
  return out;
}
