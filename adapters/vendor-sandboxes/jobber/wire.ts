// Canonical records → Jobber GraphQL objects (camelCase, EncodedId ids, money as Float dollars,
// times with the account's offset). Connection fields are functions the executor calls with args.
import { SentinelError } from '../../../src/domain/errors';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { dollars, numericId } from '../common/world';
import { encodedId } from './schema';

export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
  totalCount: number;
}

/** One Relay page of `all`; `wire` turns only the rows on the page into nodes. */
export function connection<T, N = T>(
  all: readonly T[],
  args: { first?: number | null; after?: string | null },
  wire?: (t: T) => N,
): Connection<N> {
  const first = args.first ?? 100;
  if (first > 100) throw new SentinelError('jobber_sandbox.page_size', 'client', 'first: the maximum page size is 100');
  const start = args.after ? Number(Buffer.from(args.after, 'base64').toString('utf8')) : 0;
  const slice = all.slice(start, start + first);
  const nodes = (wire ? slice.map(wire) : slice) as N[];
  const end = start + nodes.length;
  return {
    nodes,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      endCursor: nodes.length ? Buffer.from(String(end)).toString('base64') : null,
      startCursor: nodes.length ? Buffer.from(String(start)).toString('base64') : null,
    },
    totalCount: all.length,
  };
}

export interface Lookup {
  customer(id: string | undefined): CustomerRecord | undefined;
  invoicesOfJob(number: string): InvoiceRecord[];
  job(number: string | undefined): JobRecord | undefined;
  invoice(id: string | undefined): InvoiceRecord | undefined;
  paymentsOf(invoiceId: string): PaymentRecord[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const jobNumber = (n: string) => numericId(n);

export function clientWire(c: CustomerRecord | undefined, fallbackName?: string) {
  const n = c ? numericId(c.sourceId) : 0;
  return {
    id: encodedId('Client', n),
    name: c?.displayName ?? fallbackName ?? 'Unknown client',
    firstName: c?.givenName ?? null,
    lastName: c?.familyName ?? null,
    companyName: c?.companyName ?? null,
    isCompany: Boolean(c?.companyName),
    balance: dollars(c?.balanceCents),
    billingAddress: c?.address
      ? {
          street1: c.address.line1 ?? null,
          street2: '',
          street: c.address.line1 ?? null,
          city: c.address.city ?? null,
          province: c.address.region ?? null,
          postalCode: c.address.postalCode ?? null,
          country: 'United States',
        }
      : null,
    emails: c?.email ? [{ address: c.email, primary: true }] : [],
    phones: c?.phone ? [{ number: c.phone, primary: true }] : [],
    isArchived: c ? !c.active : false,
    isLead: false,
    createdAt: c?.createdAt ?? c?.updatedAt ?? iso(0),
    updatedAt: c?.updatedAt ?? iso(0),
  };
}

function property(c: CustomerRecord | undefined) {
  return {
    id: encodedId('Property', c ? numericId(c.sourceId) : 0),
    address: c?.address
      ? {
          street: c.address.line1 ?? null,
          city: c.address.city ?? null,
          province: c.address.region ?? null,
          postalCode: c.address.postalCode ?? null,
        }
      : null,
  };
}

export function jobWire(j: JobRecord, modifiedMs: number, look: Lookup): Record<string, unknown> {
  const customer = look.customer(j.customerId);
  const invoices = look.invoicesOfJob(j.number);
  const status =
    j.status === 'completed'
      ? invoices.length > 0
        ? 'archived'
        : 'requires_invoicing'
      : j.status === 'canceled'
        ? 'archived'
        : j.status === 'on_hold'
          ? 'on_hold'
          : j.status === 'in_progress'
            ? 'today'
            : 'upcoming';
  return {
    id: encodedId('Job', numericId(j.sourceId)),
    jobNumber: jobNumber(j.number),
    jobStatus: status,
    jobType: 'ONE_OFF',
    title: j.businessUnit ?? 'Service',
    total: dollars(j.totalCents),
    client: () => clientWire(customer, j.customerName),
    property: property(customer),
    completedAt: j.completedAt ?? null,
    startAt: null,
    createdAt: j.createdAt ?? iso(modifiedMs),
    updatedAt: iso(modifiedMs),
    customFields: j.location ? [{ label: 'Location', valueText: j.location }] : [],
    invoices: (args: { first?: number; after?: string }) =>
      connection(
        invoices.map((i) => invoiceWire(i, Date.parse(i.updatedAt ?? i.createdAt ?? '2000-01-01'), look)),
        args,
      ),
  };
}

export function invoiceWire(i: InvoiceRecord, modifiedMs: number, look: Lookup): Record<string, unknown> {
  const customer = look.customer(i.customerId);
  const job = look.job(i.jobNumber);
  const balance = i.balanceCents ?? (i.status === 'paid' ? 0 : i.totalCents);
  const pastDue = i.dueDate !== undefined && Date.parse(`${i.dueDate}T23:59:59Z`) < modifiedMs;
  const status =
    i.status === 'draft'
      ? 'draft'
      : i.status === 'paid'
        ? 'paid'
        : i.status === 'void'
          ? 'bad_debt'
          : pastDue
            ? 'past_due'
            : 'awaiting_payment';
  const custom = [
    ...(i.className ? [{ label: 'Class', valueText: i.className }] : []),
    ...(i.location ? [{ label: 'Location', valueText: i.location }] : []),
  ];
  return {
    id: encodedId('Invoice', numericId(i.sourceId)),
    invoiceNumber: i.number ?? '',
    invoiceStatus: status,
    subject: 'For Services Rendered',
    issuedDate: i.txnDate ? `${i.txnDate}T00:00:00-06:00` : null,
    dueDate: i.dueDate ? `${i.dueDate}T00:00:00-06:00` : null,
    receivedDate: i.status === 'paid' ? iso(modifiedMs) : null,
    createdAt: i.createdAt ?? iso(modifiedMs),
    updatedAt: iso(modifiedMs),
    amounts: {
      depositAmount: 0,
      discountAmount: 0,
      invoiceBalance: dollars(balance),
      nonTaxAmount: 0,
      paymentsTotal: dollars(i.totalCents - balance),
      subtotal: dollars(i.totalCents - (i.taxCents ?? 0)),
      taxAmount: dollars(i.taxCents),
      tipsTotal: 0,
      total: dollars(i.totalCents),
    },
    client: () => clientWire(customer, i.customerName),
    properties: (args: { first?: number }) => connection([property(customer)], args),
    jobs: (args: { first?: number }) =>
      connection(
        job
          ? [{ id: encodedId('Job', numericId(job.sourceId)), jobNumber: jobNumber(job.number) }]
          : i.jobNumber
            ? [{ id: encodedId('Job', 0), jobNumber: jobNumber(i.jobNumber) }]
            : [],
        args,
      ),
    lineItems: (args: { first?: number }) =>
      connection(
        i.lines.map((l, n) => ({
          id: encodedId('LineItem', numericId(i.sourceId) * 100 + n),
          name: l.item ?? l.description ?? 'Item',
          description: l.description ?? '',
          quantity: l.qty ?? 1,
          unitPrice: dollars(Math.round(l.amountCents / (l.qty ?? 1))),
          totalPrice: dollars(l.amountCents),
          taxable: l.taxable ?? true,
        })),
        args,
      ),
    paymentRecords: (args: { first?: number }) =>
      connection(
        look.paymentsOf(i.sourceId).map((p) => ({
          id: encodedId('PaymentRecord', numericId(p.sourceId)),
          amount: dollars(p.amountCents),
          entryDate: p.receivedAt ?? iso(modifiedMs),
        })),
        args,
      ),
    customFields: custom,
  };
}

export function paymentWire(p: PaymentRecord, modifiedMs: number, look: Lookup): Record<string, unknown> {
  const invoice = look.invoice(p.appliedTo[0]?.invoiceId);
  return {
    id: encodedId('PaymentRecord', numericId(p.sourceId)),
    amount: dollars(p.amountCents),
    entryDate: p.receivedAt ?? (p.date ? `${p.date}T12:00:00-06:00` : iso(modifiedMs)),
    paymentType: p.method === 'card' ? 'CREDIT_CARD' : (p.method?.toUpperCase() ?? 'OTHER'),
    paymentOrigin: 'MANUAL',
    details: p.reference ?? null,
    tipAmount: 0,
    client: () => clientWire(look.customer(p.customerId), p.customerName),
    invoice: invoice ? () => invoiceWire(invoice, Date.parse(invoice.updatedAt ?? '2000-01-01'), look) : null,
    createdAt: p.createdAt ?? iso(modifiedMs),
    updatedAt: iso(modifiedMs),
  };
}
