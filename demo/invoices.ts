// Jobs and invoices: a completed job is invoiced in FieldPro within hours, and the sync posts the
// invoice to QuickBooks 10 minutes to 6 hours later with the same customer, lines, tax and totals,
// its class and location, and the FieldPro invoice id in PrivateNote.
import { ITEMS, MENU, TAX_BPS, TECHNICIANS, businessUnit } from './catalogue';
import { DAY, HOUR, MINUTE, localDate, toMinute } from './clock';
import { nextSeq, type Customer, type Gen, type Invoice, type Job, type JobStatus, type Line, type QboInvoice, type Trade } from './model';

/** Invoices issued this recently may still be waiting for the sync: inside the grace, not findings. */
export const SYNC_GRACE = 20 * HOUR;

export function addJob(
  g: Gen,
  customer: Customer,
  opts: { trade: Trade; status: JobStatus; start: number; completed?: number; unit?: string },
): Job {
  // Booked a few days ahead, never before the customer existed, and never in the future.
  const created = toMinute(Math.min(Math.max(opts.start - g.rand.int(1, 12) * DAY, customer.created + HOUR), g.w.now - HOUR));
  const job: Job = {
    seq: nextSeq(g.w),
    id: '',
    number: '',
    customer,
    status: opts.status,
    trade: opts.trade,
    location: customer.location,
    unit: opts.unit ?? businessUnit(opts.trade, customer.location),
    technician: g.rand.pick(TECHNICIANS[opts.trade]),
    created,
    // A job booked for later was last touched when it was booked.
    updated: opts.completed ?? (opts.start > g.w.now ? created : opts.start),
    ...(opts.completed !== undefined ? { completed: opts.completed } : {}),
  };
  g.w.jobs.push(job);
  return job;
}

/** A job's lines: its main item at this job's price, sometimes a service call or filters besides. */
export function priceLines(g: Gen, trade: Trade): Line[] {
  const main = g.rand.pick(MENU[trade]);
  const lines = [line(main, main === 'Service Call' || main === 'Filter Replacement' ? g.rand.int(1, 3) : 1, jobPrice(g, main))];
  if (main !== 'Service Call' && g.rand.chance(0.35)) lines.push(line('Service Call', 1, ITEMS['Service Call']!.price));
  if (trade === 'HVAC' && main !== 'Filter Replacement' && g.rand.chance(0.3))
    lines.push(line('Filter Replacement', g.rand.int(1, 2), ITEMS['Filter Replacement']!.price));
  return lines;
}

function jobPrice(g: Gen, item: string): number {
  const { min, max } = ITEMS[item]!;
  return min + g.rand.int(0, (max - min) / 500) * 500;
}

export function line(item: string, qty: number, unitPrice: number, taxable = true): Line {
  return { item, qty, unitPrice, amount: qty * unitPrice, taxable };
}

/** Tax is 8.25 % of the taxable lines, rounded once for the whole invoice (as FieldPro does). */
export function priced(lines: readonly Line[]): { tax: number; total: number } {
  const subtotal = lines.reduce((n, l) => n + l.amount, 0);
  const tax = Math.round((lines.filter((l) => l.taxable).reduce((n, l) => n + l.amount, 0) * TAX_BPS) / 10_000);
  return { tax, total: subtotal + tax };
}

/** FieldPro's invoice for a completed job; not yet in QuickBooks. */
export function addInvoice(g: Gen, job: Job, issued: number, lines: Line[] = priceLines(g, job.trade)): Invoice {
  const { tax, total } = priced(lines);
  const inv: Invoice = {
    seq: nextSeq(g.w),
    id: '',
    number: '',
    job,
    customer: job.customer,
    created: job.completed ?? issued,
    issued,
    updated: issued,
    lines,
    tax,
    total,
    balance: total,
    status: 'open',
    className: job.customer.className,
    syncStatus: 'pending',
  };
  job.total = total;
  g.w.invoices.push(inv);
  return inv;
}

/** The QuickBooks twin the sync posts at `created` (by default 10 minutes to 6 hours after issue). */
export function syncInvoice(g: Gen, inv: Invoice, created = inv.issued + g.rand.int(10, 360) * MINUTE): QboInvoice {
  const customer = inv.customer.qbo;
  if (!customer) throw new Error('demo: an invoice cannot sync before its customer');
  const q: QboInvoice = {
    seq: nextSeq(g.w),
    id: '',
    customer,
    upstream: inv,
    txnDate: localDate(inv.issued),
    created: toMinute(created),
    updated: toMinute(created),
    lines: structuredClone(inv.lines),
    tax: inv.tax,
    total: inv.total,
    balance: inv.balance,
    className: inv.className,
    location: inv.job.location,
    email: inv.customer.email,
  };
  inv.qbo = q;
  inv.syncStatus = 'synced';
  g.w.qboInvoices.push(q);
  return q;
}

/** An invoice typed into QuickBooks by hand for a known customer: no FieldPro record, no link. */
export function addHandInvoice(
  g: Gen,
  customer: Customer,
  created: number,
  lines: Line[],
  number: Pick<QboInvoice, 'numberOf' | 'ownNumber'>,
): QboInvoice {
  if (!customer.qbo) throw new Error('demo: a hand-made invoice needs a QuickBooks customer');
  const { tax, total } = priced(lines);
  const q: QboInvoice = {
    seq: nextSeq(g.w),
    id: '',
    customer: customer.qbo,
    ...number,
    txnDate: localDate(created),
    created,
    updated: created,
    lines,
    tax,
    total,
    balance: total,
    className: customer.className,
    location: customer.location,
    email: customer.email,
  };
  g.w.qboInvoices.push(q);
  return q;
}

/**
 * A completed job for a customer, invoiced `issuedAgo` before now, and synced unless told not to.
 * HVAC by default: its invoices stay under a thousand dollars, so an injected failure is not made
 * urgent by a panel upgrade's price (the decision tree weighs money at risk).
 */
export function invoicedJob(
  g: Gen,
  customer: Customer,
  issuedAgo: number,
  opts: { trade?: Trade; unit?: string; lines?: Line[]; sync?: boolean } = {},
): Invoice {
  const trade = opts.trade ?? 'HVAC';
  const issued = toMinute(g.w.now - issuedAgo);
  const completed = issued - g.rand.int(5, 180) * MINUTE;
  const job = addJob(g, customer, {
    trade,
    status: 'completed',
    start: completed - g.rand.int(60, 180) * MINUTE,
    completed,
    ...(opts.unit ? { unit: opts.unit } : {}),
  });
  const inv = addInvoice(g, job, issued, opts.lines ?? priceLines(g, trade));
  if (opts.sync ?? true) syncInvoice(g, inv);
  return inv;
}
