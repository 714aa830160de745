// mismatch: records matched across the two sides disagree on a field (per-field money tolerance),
// and deposits that do not add up to the payments they carry.
import type { FieldEvidence, Finding } from '../domain/finding';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import type { RuleOf } from '../rules/schema';
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
  return evaluateMismatches([rule], ctx)[0]!;
}

/**
 * Several mismatch rules on one entity (invoice, payment or customer): one walk over the matched
 * pairs checks every rule, instead of one walk per rule over a million pairs. The findings of each
 * rule, in the order one rule alone gives them.
 */
export function evaluateMismatches(rules: readonly MismatchRule[], ctx: EvalContext): Finding[][] {
  const checks = rules.map((rule) => pairCheck(rule, ctx));
  const { recon } = ctx;
  const entity = rules[0]?.entity;
  if (entity === 'invoice') {
    for (const [up, links] of recon.qbInvoicesByUpstream) for (const check of checks) check.run(up, links[0]!.record);
  } else if (entity === 'payment') {
    // Rows of one shared settlement differ one by one by design; the settlement adds up as a whole.
    for (const [up, links] of recon.qbPaymentsByUpstream)
      if (!recon.paymentSettlements.has(up)) for (const check of checks) check.run(up, links[0]!.record);
  } else if (entity === 'customer') {
    for (const [up, link] of recon.qbCustomerByUpstream) for (const check of checks) check.run(up, link.record);
  }
  return checks.map((c) => c.out);
}

function pairCheck(rule: MismatchRule, ctx: EvalContext): { run: (up: Pair[0], qb: Pair[1]) => void; out: Finding[] } {
  // Instants are ISO-8601 UTC strings, which order as text: one cut-off string, no date parsing.
  const cutoff = rule.grace > 0 ? new Date(ctx.nowMs - rule.grace).toISOString() : undefined;
  const balance = rule.fields.some((f) => f.field === 'balance');
  const settled = (up: Pair[0], qb: Pair[1]) => cutoff === undefined || lastEdit(ctx, up, qb, balance) <= cutoff;
  const out: Finding[] = [];
  const run = (up: Pair[0], qb: Pair[1]) => {
    let diffs: Diff[] | undefined;
    for (const f of rule.fields) {
      const d = compare(ctx, f, up, qb);
      if (d) (diffs ??= []).push(d);
    }
    if (!diffs) return;
    const finding = describe(rule, ctx, up, qb, diffs);
    // Still settling: not yet a new finding, but an open one does not vanish mid-edit.
    if (!settled(up, qb)) finding.holdOnly = true;
    out.push(finding);
  };
  return { run, out };
}

type Pair = [InvoiceRecord, InvoiceRecord] | [CustomerRecord, CustomerRecord] | [PaymentRecord, PaymentRecord];

const editedAt = (r: { updatedAt: string | null; createdAt?: string | null }) => r.updatedAt ?? r.createdAt ?? '';

/**
 * The latest edit on either side. A balance moves when a payment is recorded against the invoice,
 * so for a balance the payments applied to it on both sides count as edits too.
 */
function lastEdit(ctx: EvalContext, up: Pair[0], qb: Pair[1], balance: boolean): string {
  let latest = editedAt(up) > editedAt(qb) ? editedAt(up) : editedAt(qb);
  if (balance && up.entity === 'invoice' && qb.entity === 'invoice') {
    for (const p of [...(ctx.recon.upstreamPaymentsByInvoice.get(up) ?? []), ...(ctx.recon.qbPaymentsByInvoice.get(qb) ?? [])]) {
      if (editedAt(p) > latest) latest = editedAt(p);
    }
  }
  return latest;
}

function moneyDiff(field: string, a: number | undefined, b: number | undefined, tolerance: number): Diff | undefined {
  if (a === undefined || b === undefined || Math.abs(a - b) <= tolerance) return undefined;
  return {
    evidence: { field, upstream: formatCents(a), quickbooks: formatCents(b), note: `difference ${formatCents(b - a)}` },
    cents: Math.abs(b - a),
  };
}

/** Text fields compare case-insensitively; a field empty on either side is not a mismatch. */
function textDiff(field: string, a: string | undefined, b: string | undefined, same?: (x: string, y: string) => boolean): Diff | undefined {
  if (a === b || !a || !b) return undefined;
  const x = lower(a);
  const y = lower(b);
  if (x === undefined || y === undefined || x === y || same?.(x, y)) return undefined;
  return { evidence: { field, upstream: a, quickbooks: b }, cents: 0 };
}

const sameName = (x: string, y: string) => normaliseName(x) === normaliseName(y);
const sameAddress = (x: string, y: string) => x.replace(/[^a-z0-9]/g, '') === y.replace(/[^a-z0-9]/g, '');

function compare(ctx: EvalContext, spec: FieldSpec, up: Pair[0], qb: Pair[1]): Diff | undefined {
  const tol = spec.tolerance;
  if (up.entity === 'invoice' && qb.entity === 'invoice') {
    // Field tools keep the original total on a voided invoice: a pair void on both sides has no money to compare.
    const bothVoid = up.status === 'void' && qb.status === 'void';
    if (bothVoid && (spec.field === 'total' || spec.field === 'amount' || spec.field === 'tax' || spec.field === 'balance'))
      return undefined;
    switch (spec.field) {
      case 'total':
      case 'amount':
        return moneyDiff('total', up.totalCents, qb.totalCents, tol);
      case 'tax':
        return moneyDiff('tax', up.taxCents, qb.taxCents, tol);
      case 'balance':
        // A balance gap only means a payment problem when both are live and agree on the total;
        // voids and total differences are reported by their own fields.
        if (statusClass(up) === 'void' || statusClass(qb) === 'void' || Math.abs(up.totalCents - qb.totalCents) > 1) return undefined;
        return moneyDiff('balance', up.balanceCents, qb.balanceCents, tol);
      case 'class':
        return textDiff('class', up.className, qb.className);
      case 'location':
        return textDiff('location', up.location, qb.location);
      case 'date':
        return textDiff('date', up.txnDate, qb.txnDate);
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
    if (spec.field === 'amount' || spec.field === 'total') return moneyDiff('amount', up.amountCents, qb.amountCents, tol);
    if (spec.field === 'date') return textDiff('date', up.date, qb.date);
    return undefined;
  }
  if (up.entity === 'customer' && qb.entity === 'customer') {
    switch (spec.field) {
      case 'email':
        return textDiff('email', up.email, qb.email);
      case 'phone':
        return textDiff('phone', up.phone, qb.phone);
      case 'name':
        return textDiff('name', up.displayName, qb.displayName, sameName);
      case 'address':
        return textDiff('address', addressText(up), addressText(qb), sameAddress);
      case 'balance':
        return moneyDiff('balance', up.balanceCents, qb.balanceCents, tol);
      default:
        return undefined;
    }
  }
  return undefined;
}

function customerDiff(ctx: EvalContext, up: InvoiceRecord, qb: InvoiceRecord): Diff | undefined {
  if (up.customerId === undefined || qb.customerId === undefined) return undefined;
  const upCustomer = ctx.recon.customers.get(up.source, up.customerId);
  const linked = upCustomer ? ctx.recon.qbCustomerByUpstream.get(upCustomer)?.record : undefined;
  if (!linked || billedTo(ctx, qb.source, qb.customerId, linked.sourceId)) return undefined;
  // Merging in QuickBooks leaves the merged-away customer inactive and moves its invoices to the one kept,
  // which carries the same name: the sync's link is stale, the invoice is billed to the right person.
  const billed = ctx.recon.customers.get(qb.source, qb.customerId);
  if (
    !linked.active &&
    billed?.entity === 'customer' &&
    billed.active &&
    normaliseName(billed.displayName) === normaliseName(upCustomer!.displayName)
  )
    return undefined;
  return { evidence: { field: 'customer', upstream: up.customerName ?? null, quickbooks: qb.customerName ?? null }, cents: 0 };
}

/** The invoice's customer is the linked one, or one of its sub-customers (a job or property billed under it). */
function billedTo(ctx: EvalContext, source: string, customerId: string, linkedId: string): boolean {
  let id: string | undefined = customerId;
  // Sub-customers nest at most five levels in QuickBooks; the bound also guards against a loop.
  for (let depth = 0; id !== undefined && depth <= 5; depth++) {
    if (id === linkedId) return true;
    const c = ctx.recon.customers.get(source, id);
    id = c?.entity === 'customer' ? c.parentId : undefined;
  }
  return false;
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
  const label =
    up.entity === 'invoice'
      ? `Invoice ${up.number ?? up.sourceId}`
      : up.entity === 'payment'
        ? `Payment ${up.reference ?? up.sourceId}`
        : `Customer ${up.displayName}`;
  const parts = diffs.map(
    (d) => `${d.evidence.field} ${d.evidence.upstream ?? '—'} upstream vs ${d.evidence.quickbooks ?? '—'} in QuickBooks`,
  );
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
  const cutoff = new Date(ctx.nowMs - rule.grace).toISOString();
  for (const d of ctx.recon.sides.quickbooks.deposits) {
    const payments = d.paymentIds.map((id) => ctx.recon.qbPayments.get(d.source, id)).filter((p): p is PaymentRecord => p !== undefined);
    // A linked payment that was not read leaves its money unknown: no gap can be told from it.
    if (payments.length === 0 || payments.length < d.paymentIds.length) continue;
    const sum = payments.reduce((n, p) => n + p.amountCents, 0);
    // Sales receipts and other income deposited together with the payments are part of the total.
    const other = d.otherCents ?? 0;
    const gap = sum + other - d.feeCents - d.totalCents;
    if (Math.abs(gap) <= tolerance) continue;
    const besides = other !== 0 ? ` and ${formatCents(other)} of other money` : '';
    const finding = findingFor(rule, d, {
      summary: `Deposit ${d.sourceId} on ${d.date ?? '?'} is ${formatCents(d.totalCents)} but its ${payments.length} payments total ${formatCents(sum)}${besides}: ${formatCents(gap)} unexplained${d.feeCents === 0 ? ' (no merchant fee booked)' : ''}`,
      related: payments.map(refOf),
      evidence: [
        { field: 'payments total', quickbooks: formatCents(sum) },
        ...(other !== 0 ? [{ field: 'other money deposited', quickbooks: formatCents(other) }] : []),
        { field: 'fees booked', quickbooks: formatCents(d.feeCents) },
        { field: 'deposit', quickbooks: formatCents(d.totalCents) },
      ],
      amountCents: Math.abs(gap),
      likelySide: 'quickbooks',
      since: d.createdAt ?? d.date,
    });
    // A deposit being entered (fee line not yet added) is not a gap yet; an open one stays open.
    if (rule.grace > 0 && [d, ...payments].some((r) => editedAt(r) > cutoff)) finding.holdOnly = true;
    out.push(finding);
  }
  return out;
}
