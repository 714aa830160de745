// Housecall Pro wire records → canonical fields. Money is already integer cents (a fraction is a
// malformed record, not something to round); the business unit lives in the job's `job_fields`.
import { normaliseEmail, normalisePhone } from '../../src/domain/contact';
import type { InvoiceStatus, JobStatus } from '../../src/domain/records';
import { FieldError, idOf, instant, optText, vendorDate } from '../vendor-http/collect';

type Wire = Record<string, unknown>;
const obj = (v: unknown): Wire | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Wire) : undefined);

export interface HcpMapSettings {
  zone: string;
  defaultCountry: string;
  classFrom: 'business_unit' | 'job_type' | 'none';
  locationFrom: 'company_name' | 'business_unit' | 'none';
}

/** What an invoice needs from its job. */
export interface JobFacts {
  number: string;
  className?: string;
  location?: string;
}

export function centsOf(value: unknown, field: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new FieldError(field, `${JSON.stringify(value)} is not an amount in cents`);
  return value;
}

function requiredCentsOf(value: unknown, field: string): number {
  const c = centsOf(value, field);
  if (c === undefined) throw new FieldError(field, 'is missing');
  return c;
}

export function mapCustomer(w: Wire, s: HcpMapSettings) {
  const given = optText(w['first_name']);
  const family = optText(w['last_name']);
  const company = optText(w['company']);
  const name = [given, family].filter(Boolean).join(' ') || company;
  if (!name) throw new FieldError('first_name', 'and last_name and company are all empty');
  const addresses = Array.isArray(w['addresses']) ? (w['addresses'] as Wire[]) : [];
  const a = addresses.find((x) => x['type'] === 'billing') ?? addresses[0];
  return {
    entity: 'customer' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['updated_at'], 'updated_at') ?? null,
    createdAt: instant(w['created_at'], 'created_at') ?? null,
    displayName: company && !given && !family ? company : name,
    givenName: given,
    familyName: family,
    companyName: company,
    email: normaliseEmail(optText(w['email'])),
    phone: normalisePhone(optText(w['mobile_number']) ?? optText(w['home_number']) ?? optText(w['work_number']), s.defaultCountry),
    address: a
      ? { line1: optText(a['street']), city: optText(a['city']), region: optText(a['state']), postalCode: optText(a['zip']) }
      : undefined,
    active: true,
  };
}

const WORK_STATUS: Record<string, JobStatus> = {
  'needs scheduling': 'scheduled',
  scheduled: 'scheduled',
  'in progress': 'in_progress',
  'complete rated': 'completed',
  'complete unrated': 'completed',
  'user canceled': 'canceled',
  'pro canceled': 'canceled',
};

export function jobFacts(w: Wire, s: HcpMapSettings): JobFacts & { unit?: string } {
  const fields = obj(w['job_fields']);
  const unit = optText(obj(fields?.['business_unit'])?.['name']);
  const type = optText(obj(fields?.['job_type'])?.['name']);
  const className = s.classFrom === 'business_unit' ? unit : s.classFrom === 'job_type' ? type : undefined;
  const location = s.locationFrom === 'company_name' ? optText(w['company_name']) : s.locationFrom === 'business_unit' ? unit : undefined;
  return {
    number: optText(w['invoice_number']) ?? idOf(w['id']),
    ...(className ? { className } : {}),
    ...(location ? { location } : {}),
    ...(unit ? { unit } : {}),
  };
}

export function mapJob(w: Wire, s: HcpMapSettings) {
  const raw = String(w['work_status'] ?? '').toLowerCase();
  // Hand-written specs spell these with underscores; the API uses spaces. Read both.
  const status = WORK_STATUS[raw.replace(/_/g, ' ')];
  if (status === undefined) throw new FieldError('work_status', `${JSON.stringify(w['work_status'])} is not a Housecall Pro work status`);
  const facts = jobFacts(w, s);
  const customer = obj(w['customer']);
  const tech = Array.isArray(w['assigned_employees']) ? obj((w['assigned_employees'] as unknown[])[0]) : undefined;
  const customerName = customer
    ? [optText(customer['first_name']), optText(customer['last_name'])].filter(Boolean).join(' ') || optText(customer['company'])
    : undefined;
  return {
    entity: 'job' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['updated_at'], 'updated_at') ?? null,
    createdAt: instant(w['created_at'], 'created_at') ?? null,
    number: facts.number,
    customerId: optText(customer?.['id']),
    customerName,
    status,
    completedAt: instant(obj(w['work_timestamps'])?.['completed_at'], 'work_timestamps.completed_at') ?? null,
    technician: tech ? [optText(tech['first_name']), optText(tech['last_name'])].filter(Boolean).join(' ') || undefined : undefined,
    location: facts.location,
    businessUnit: facts.unit,
    totalCents: centsOf(w['total_amount'], 'total_amount'),
  };
}

const STATUS: Record<string, InvoiceStatus> = {
  open: 'open',
  pending_payment: 'open',
  paid: 'paid',
  voided: 'void',
  canceled: 'void',
  uncollectible: 'void',
};

export function mapInvoice(w: Wire, s: HcpMapSettings, job: JobFacts | undefined) {
  const status = STATUS[String(w['status'] ?? '')];
  if (status === undefined) throw new FieldError('status', `${JSON.stringify(w['status'])} is not a Housecall Pro invoice status`);
  const taxes = Array.isArray(w['taxes']) ? (w['taxes'] as Wire[]) : [];
  const items = Array.isArray(w['items']) ? (w['items'] as Wire[]) : [];
  const number = optText(w['invoice_number']);
  return {
    entity: 'invoice' as const,
    sourceId: idOf(w['id']),
    // Invoices carry no updated_at in the v1 API.
    updatedAt: instant(w['updated_at'], 'updated_at') ?? null,
    number,
    // Progress invoices are numbered `1234-1`: the job is `1234`.
    jobNumber: job?.number ?? number?.replace(/-\d+$/, ''),
    txnDate: vendorDate(w['invoice_date'], 'invoice_date', s.zone),
    dueDate: vendorDate(w['due_at'], 'due_at', s.zone),
    issuedAt: instant(w['sent_at'], 'sent_at') ?? null,
    totalCents: requiredCentsOf(w['amount'], 'amount'),
    taxCents: taxes.reduce((n, t, i) => n + (centsOf(t['amount'], `taxes[${i}].amount`) ?? 0), 0),
    balanceCents: centsOf(w['due_amount'], 'due_amount'),
    status,
    className: job?.className,
    location: job?.location,
    lines: items.map((it, i) => ({
      item: optText(it['name']),
      description: optText(it['description']),
      amountCents: requiredCentsOf(it['amount'], `items[${i}].amount`),
      ...(typeof it['qty_in_hundredths'] === 'number' ? { qty: it['qty_in_hundredths'] / 100 } : {}),
    })),
  };
}

/** Payments live inside invoices: each becomes a payment applied to that invoice. */
export function mapPayment(p: Wire, invoice: { sourceId: string; number?: string; customerId?: string }, s: HcpMapSettings) {
  const amountCents = requiredCentsOf(p['amount'], 'amount');
  return {
    entity: 'payment' as const,
    sourceId: idOf(p['id']),
    updatedAt: instant(p['paid_at'], 'paid_at') ?? null,
    reference: optText(p['note']),
    customerId: invoice.customerId,
    date: vendorDate(p['paid_at'], 'paid_at', s.zone),
    receivedAt: instant(p['paid_at'], 'paid_at') ?? null,
    amountCents,
    unappliedCents: 0,
    appliedTo: [{ invoiceId: invoice.sourceId, ...(invoice.number ? { invoiceNumber: invoice.number } : {}), amountCents }],
    method: optText(p['payment_method'])?.replace('credit_card', 'card'),
  };
}
