// late / missing: an upstream record with no counterpart after the grace period (late) or the hard
// limit (missing). Also QuickBooks payments that never reached a deposit (expect: deposit).
import type { Finding } from '../domain/finding';
import type { CanonicalRecord, InvoiceRecord } from '../domain/records';
import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import type { RuleOf } from '../rules/schema';
import { refOf, traceInvoice } from '../trace/trace';
import { ageOf, findingFor, lower, type EvalContext } from './context';
import { depositAccounts } from './undeposited';
import { needsQuickBooksPayment } from './settled';
import { unknownRecords } from './unknown';
import { customersWithBusiness } from './customer-business';
import { inactiveNameClash } from './name-clash';

type AgeRule = RuleOf<'late'> | RuleOf<'missing'>;

const DEFAULT_STATES: Record<AgeRule['entity'], string[]> = {
  invoice: ['open', 'paid'],
  job: ['completed'],
  payment: [],
  customer: [],
};

export function evaluateLateOrMissing(rule: AgeRule, ctx: EvalContext): Finding[] {
  const from = rule.kind === 'late' ? rule.grace : rule.limit;
  const until = rule.kind === 'late' ? rule.limit : undefined;
  const inWindow = (age: number | undefined) => age !== undefined && age >= from && (until === undefined || age < until);
  const states = rule.states ?? DEFAULT_STATES[rule.entity];
  const counts = (status: string) => states.length === 0 || states.includes(status);
  const { recon } = ctx;
  const out: Finding[] = [];

  if (rule.expect === 'deposit') {
    const accountOf = depositAccounts(recon.sides.quickbooks.refs);
    for (const p of recon.sides.quickbooks.payments) {
      // A voided payment keeps its account but holds no money to deposit.
      if (recon.depositByQbPayment.has(p) || p.amountCents <= 0) continue;
      const account = accountOf(p);
      if (!account.undeposited) continue;
      const age = ageOf(ctx, p.receivedAt ?? p.date);
      if (!inWindow(age)) continue;
      out.push(
        findingFor(rule, p, {
          summary: `Payment ${p.reference ?? p.sourceId} (${formatCents(p.amountCents)}) in Undeposited Funds for ${humanAge(age!)}`,
          evidence: [{ field: 'deposit account', quickbooks: account.name ?? null }],
          amountCents: p.amountCents,
          likelySide: 'quickbooks',
          since: p.receivedAt ?? p.date,
        }),
      );
    }
    return out;
  }

  if (rule.entity === 'job') {
    // A job whose invoice row could not be read is not "never invoiced": its invoice is unknown.
    const unreadable = unknownRecords(ctx).jobNumbers;
    for (const job of recon.sides.upstream.jobs) {
      if (!counts(job.status) || (recon.upstreamInvoicesByJob.get(job.number)?.length ?? 0) > 0 || unreadable.has(job.number)) continue;
      const age = ageOf(ctx, job.completedAt ?? job.updatedAt);
      if (!inWindow(age)) continue;
      out.push(
        findingFor(rule, job, {
          summary: `Job ${job.number} completed ${humanAge(age!)} ago, never invoiced${job.technician ? ` (tech ${job.technician})` : ''}`,
          evidence: [
            { field: 'completed', upstream: job.completedAt ?? null },
            { field: 'technician', upstream: job.technician ?? null },
            { field: 'location', upstream: job.location ?? null },
          ],
          trace: [
            { hop: 'job', status: 'ok', ref: refOf(job) },
            { hop: 'upstream_invoice', status: 'broken', note: 'no invoice for the job' },
          ],
          amountCents: job.totalCents ?? 0,
          likelySide: 'upstream',
          since: job.completedAt ?? undefined,
          location: job.location,
        }),
      );
    }
    return out;
  }

  const candidates: CanonicalRecord[] =
    rule.entity === 'invoice'
      ? recon.sides.upstream.invoices
      : rule.entity === 'payment'
        ? recon.sides.upstream.payments
        : recon.sides.upstream.customers;
  const hasBusiness = rule.entity === 'customer' ? customersWithBusiness(ctx) : undefined;
  for (const r of candidates) {
    if (isLinked(ctx, r) || !countsRecord(r, counts)) continue;
    if (r.entity === 'payment' && !needsQuickBooksPayment(ctx, r)) continue;
    if (r.entity === 'customer' && !hasBusiness!(r)) continue;
    const since = startOf(r);
    const age = ageOf(ctx, since);
    if (!inWindow(age)) continue;
    out.push(describe(rule, ctx, r, age!, since));
  }
  return out;
}

function isLinked(ctx: EvalContext, r: CanonicalRecord): boolean {
  if (r.entity === 'invoice') return ctx.recon.qbInvoicesByUpstream.has(r);
  if (r.entity === 'payment') return ctx.recon.qbPaymentsByUpstream.has(r);
  return r.entity === 'customer' && ctx.recon.qbCustomerByUpstream.has(r);
}

function countsRecord(r: CanonicalRecord, counts: (s: string) => boolean): boolean {
  if (r.entity === 'invoice') return counts(r.status);
  if (r.entity === 'customer') return r.active;
  return true;
}

function startOf(r: CanonicalRecord): string | undefined {
  if (r.entity === 'invoice') return r.issuedAt ?? r.createdAt ?? r.txnDate ?? undefined;
  if (r.entity === 'payment') return r.receivedAt ?? r.date ?? r.createdAt ?? undefined;
  return r.createdAt ?? r.updatedAt ?? undefined;
}

function describe(rule: AgeRule, ctx: EvalContext, r: CanonicalRecord, age: number, since: string | undefined): Finding {
  const syncError = r.entity === 'invoice' || r.entity === 'customer' ? r.syncError : undefined;
  if (r.entity === 'invoice') {
    const rootCauseKey = invoiceRootCause(ctx, r);
    const trace = traceInvoice(ctx.recon, r);
    return findingFor(rule, r, {
      summary: `Invoice ${r.number ?? r.sourceId} (${formatCents(r.totalCents)}, ${r.customerName ?? 'no customer'}) not in QuickBooks after ${humanAge(age)}${causeText(rootCauseKey)}`,
      evidence: [
        { field: 'issued', upstream: r.issuedAt ?? r.txnDate ?? null },
        { field: 'sync status', upstream: r.syncStatus ?? null },
        ...(syncError ? [{ field: 'sync error', upstream: syncError }] : []),
      ],
      trace,
      amountCents: Math.abs(r.totalCents),
      likelySide: syncError || rootCauseKey ? 'sync' : 'unknown',
      since,
      location: r.location,
      rootCauseKey,
    });
  }
  if (r.entity === 'payment') {
    const where = rule.kind === 'missing' ? 'missing from' : 'not in';
    return findingFor(rule, r, {
      summary: `Payment ${r.reference ?? r.sourceId} (${formatCents(r.amountCents)}, ${r.customerName ?? 'no customer'}) ${where} QuickBooks after ${humanAge(age)}`,
      evidence: [
        { field: 'received', upstream: r.receivedAt ?? r.date ?? null },
        { field: 'applied to', upstream: r.appliedTo.map((a) => a.invoiceNumber ?? a.invoiceId).join(', ') || null },
      ],
      trace: [
        { hop: 'upstream_payment', status: 'ok', ref: refOf(r) },
        { hop: 'quickbooks_payment', status: 'broken', note: 'not in QuickBooks' },
      ],
      amountCents: Math.abs(r.amountCents),
      likelySide: 'unknown',
      since,
      customerFacing: true,
    });
  }
  const customer = r as Extract<CanonicalRecord, { entity: 'customer' }>;
  const clash = inactiveNameClash(ctx, customer);
  if (clash) {
    const blocker = `inactive QuickBooks customer "${clash.displayName}" (id ${clash.sourceId})`;
    return findingFor(rule, r, {
      summary: `Customer ${customer.displayName} not in QuickBooks after ${humanAge(age)} — QuickBooks refused the name (6240 Duplicate Name Exists): ${blocker} has it. Rename the new customer, or reactivate that customer if it is the same person`,
      related: [refOf(clash)],
      evidence: [
        { field: 'name', upstream: customer.displayName, quickbooks: `${clash.displayName} (inactive)` },
        { field: 'email', upstream: customer.email ?? null, quickbooks: clash.email ?? null },
        { field: 'sync error', upstream: syncError ?? null },
      ],
      trace: [{ hop: 'customer', status: 'broken', ref: refOf(r), note: `name taken by ${blocker}` }],
      amountCents: 0,
      likelySide: 'sync',
      since,
      rootCauseKey: `name clash with ${blocker}`,
    });
  }
  return findingFor(rule, r, {
    summary: `Customer ${customer.displayName} not in QuickBooks after ${humanAge(age)}${syncError ? ` — sync error: ${syncError}` : ''}`,
    evidence: [
      { field: 'name', upstream: customer.displayName },
      { field: 'email', upstream: customer.email ?? null },
      ...(syncError ? [{ field: 'sync error', upstream: syncError }] : []),
    ],
    trace: [{ hop: 'customer', status: 'broken', ref: refOf(r), note: 'no QuickBooks customer' }],
    amountCents: 0,
    likelySide: syncError ? 'sync' : 'unknown',
    since,
    rootCauseKey: syncError ? `sync error: ${syncError}` : undefined,
  });
}

/** The shared factor that holds an invoice back, when the evidence shows one. */
export function invoiceRootCause(ctx: EvalContext, inv: InvoiceRecord): string | undefined {
  if (inv.customerId !== undefined) {
    const customer = ctx.recon.customers.get(inv.source, inv.customerId);
    if (customer && !ctx.recon.qbCustomerByUpstream.has(customer)) return `customer "${customer.displayName}" not in QuickBooks`;
  }
  for (const line of inv.lines) {
    const item = line.discount ? undefined : lower(line.item);
    if (item && !ctx.recon.qbItems.has(item) && ctx.recon.qbItems.size > 0) return `item "${line.item}" not mapped in QuickBooks`;
  }
  if (inv.syncError) return `sync error: ${inv.syncError}`;
  return undefined;
}

function causeText(rootCause: string | undefined): string {
  return rootCause ? ` — ${rootCause}` : '';
}
