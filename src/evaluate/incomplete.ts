// incomplete: required fields left empty (class, location, e-mail, job link, tax, item …), and the
// blank $0 invoice that reached QuickBooks before its lines were filled.
import type { Finding } from '../domain/finding';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import type { RuleOf } from '../rules/schema';
import { traceInvoice } from '../trace/trace';
import { findingFor, type EvalContext } from './context';
import { trackingUnusedFinding, unusedTracking } from './tracking-unused';

type Field = RuleOf<'incomplete'>['required'][number];
type Subject = InvoiceRecord | CustomerRecord | PaymentRecord | JobRecord;

export function evaluateIncomplete(rule: RuleOf<'incomplete'>, ctx: EvalContext): Finding[] {
  const s = ctx.recon.sides[rule.side];
  const records: Subject[] =
    rule.entity === 'invoice' ? s.invoices : rule.entity === 'customer' ? s.customers : rule.entity === 'payment' ? s.payments : s.jobs;
  const notBefore = rule.not_before ? Date.parse(rule.not_before) : undefined;
  const inScope = records.filter(
    (r) =>
      !(r.entity === 'invoice' && r.status === 'void') &&
      !(rule.states && !rule.states.includes(statusOf(r))) &&
      !(notBefore !== undefined && Date.parse(r.createdAt ?? r.updatedAt ?? '') < notBefore),
  );
  const out: Finding[] = [];
  let required = rule.required.filter((f) => applies(ctx, rule, f));
  if (rule.side === 'quickbooks' && rule.entity === 'invoice') {
    // Tracking that no invoice uses is told once for the company, not on every invoice; with the
    // settings unread, a dimension nobody uses is most likely not tracked at all, and says nothing.
    const invoices = inScope as InvoiceRecord[];
    const unused = unusedTracking(required, invoices);
    if (ctx.prefs) out.push(...unused.map((d) => trackingUnusedFinding(rule, ctx, d, invoices)));
    required = required.filter((f) => !(unused as string[]).includes(f));
  }
  for (const r of inScope) {
    let empty: Field[] | undefined;
    for (const f of required) if (isEmpty(ctx, r, f)) (empty ??= []).push(f);
    if (empty === undefined) continue;
    // The twin is looked up for the few records that make a finding, not for every record.
    out.push(describe(rule, ctx, r, empty, r.entity === 'invoice' ? otherSideInvoice(ctx, r) : undefined));
  }
  return out;
}

function describe(
  rule: RuleOf<'incomplete'>,
  ctx: EvalContext,
  r: Subject,
  empty: Field[],
  counterpart: InvoiceRecord | undefined,
): Finding {
  const side = rule.side === 'quickbooks' ? 'QuickBooks' : (ctx.sourceNames.get(r.source) ?? r.source);
  if (r.entity === 'invoice') {
    const up = r.side === 'upstream' ? r : counterpart;
    const unit = up?.customFields?.['business_unit'] ?? up?.location;
    const zero = empty.includes('total');
    return findingFor(rule, r, {
      summary: zero
        ? `Invoice ${r.number ?? r.sourceId} is $0.00 in ${side} but ${formatCents(counterpart?.totalCents ?? 0)} upstream`
        : `Invoice ${r.number ?? r.sourceId} (${formatCents(r.totalCents)}) in ${side} has no ${empty.join(', ')}${unit ? ` (upstream unit ${unit})` : ''}`,
      evidence: empty.map((f) => ({
        field: f,
        [r.side]: null,
        [r.side === 'upstream' ? 'quickbooks' : 'upstream']: counterpart ? valueOf(counterpart, f) : null,
      })),
      trace: r.side === 'upstream' ? traceInvoice(ctx.recon, r) : traceInvoice(ctx.recon, undefined, r),
      amountCents: Math.abs(zero ? (counterpart?.totalCents ?? 0) : r.totalCents),
      likelySide: 'sync',
      since: r.issuedAt ?? r.createdAt ?? undefined,
      location: up?.location ?? r.location,
      rootCauseKey: unit && !zero ? `unit "${unit}" not mapped` : undefined,
    });
  }
  const label =
    r.entity === 'customer'
      ? `Customer ${r.displayName}`
      : r.entity === 'payment'
        ? `Payment ${r.reference ?? r.sourceId}`
        : `Job ${r.number}`;
  return findingFor(rule, r, {
    summary: `${label} in ${side} has no ${empty.join(', ')}`,
    evidence: empty.map((f) => ({ field: f, [r.side]: null })),
    amountCents: r.entity === 'payment' ? r.amountCents : r.entity === 'job' ? (r.totalCents ?? 0) : 0,
    likelySide: r.side,
    since: r.createdAt ?? undefined,
    location: r.entity === 'job' ? r.location : undefined,
  });
}

/** Class and location are only required where the company tracks them in QuickBooks. */
function applies(ctx: EvalContext, rule: RuleOf<'incomplete'>, f: Field): boolean {
  if (rule.side !== 'quickbooks' || !ctx.prefs) return true;
  if (f === 'class') return ctx.prefs.classTracking !== 'off';
  if (f === 'location') return ctx.prefs.trackLocations;
  return true;
}

function isEmpty(ctx: EvalContext, r: Subject, f: Field): boolean {
  if (f === 'total') {
    // Only a blank invoice whose twin has money is a finding; a genuine $0 invoice is not.
    if (r.entity !== 'invoice' || r.totalCents !== 0) return false;
    const counterpart = otherSideInvoice(ctx, r);
    return counterpart !== undefined
      ? counterpart.totalCents !== 0 && counterpart.status !== 'void'
      : r.lines.some((l) => l.amountCents !== 0);
  }
  // A discount line has no item and no class of its own: only sales lines are checked.
  if (f === 'item' && r.entity === 'invoice') return r.lines.some((l) => !l.discount && !l.item);
  // With class tracked per line, every sales line carries the class, not the invoice.
  if (f === 'class' && r.entity === 'invoice' && r.side === 'quickbooks' && ctx.prefs?.classTracking === 'line')
    return r.lines.some((l) => !l.discount && !l.className);
  if (f === 'customer' && r.entity === 'invoice') return !r.customerId && !r.customerName;
  if (f === 'email' && r.entity === 'invoice') {
    const customer = r.customerId ? ctx.recon.customers.get(r.source, r.customerId) : undefined;
    return !r.email && !customer?.email;
  }
  const v = valueOf(r, f);
  return v === undefined || v === null || v === '';
}

function valueOf(r: Subject, f: Field): string | number | null | undefined {
  switch (f) {
    case 'class':
      return r.entity === 'invoice' ? r.className : undefined;
    case 'location':
      return r.entity === 'invoice' || r.entity === 'job' ? r.location : undefined;
    case 'email':
      return r.entity === 'customer' || r.entity === 'invoice' ? r.email : undefined;
    case 'phone':
      return r.entity === 'customer' ? r.phone : undefined;
    case 'job':
      return r.entity === 'invoice' ? r.jobNumber : undefined;
    case 'tax':
      return r.entity === 'invoice' ? r.taxCents : undefined;
    case 'customer':
      return r.entity === 'payment' || r.entity === 'job' ? (r.customerId ?? r.customerName) : undefined;
    case 'number':
      return r.entity === 'invoice' || r.entity === 'job' ? r.number : r.entity === 'payment' ? r.reference : undefined;
    case 'lines':
      return r.entity === 'invoice' ? (r.lines.length > 0 ? r.lines.length : undefined) : undefined;
    case 'item':
    case 'total':
      return undefined;
  }
}

function statusOf(r: Subject): string {
  return r.entity === 'invoice' || r.entity === 'job' ? r.status : r.entity === 'customer' ? (r.active ? 'active' : 'inactive') : 'posted';
}

function otherSideInvoice(ctx: EvalContext, r: InvoiceRecord): InvoiceRecord | undefined {
  return r.side === 'upstream' ? ctx.recon.qbInvoicesByUpstream.get(r)?.[0]?.record : ctx.recon.upstreamByQbInvoice.get(r)?.record;
}
