// One export row → one canonical record. Every normalisation here (cents, UTC, e-mail, E.164
// phone) is the one the QuickBooks side applies too, or the same customer would look like two.
import { normaliseEmail, normalisePhone } from '../../src/domain/contact';
import { recordHash } from '../../src/domain/hash';
import type { CanonicalRecord, InvoiceStatus, JobStatus, Origin, RecordProblem } from '../../src/domain/records';
import type { FileEntity } from './columns';
import { parseInvoiceLines } from './invoice-lines';
import type { RowReader } from './row-reader';

export interface MapContext {
  source: string;
  origin: Origin;
  /** Country for phone numbers written without a country code. */
  defaultCountry: string;
}

const JOB_STATUSES: readonly JobStatus[] = ['scheduled', 'in_progress', 'completed', 'canceled', 'on_hold'];
const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'paid', 'void'];

type Fields = Record<string, unknown>;

/** Throws RowError for a value that is present but wrong; the caller reports and skips the row. */
export function mapRecord(entity: FileEntity, r: RowReader, ctx: MapContext): CanonicalRecord {
  const base: Fields = {
    side: 'upstream',
    source: ctx.source,
    sourceId: r.required('id'),
    updatedAt: r.instant('updated_at') ?? null,
    createdAt: r.instant('created_at') ?? null,
    origin: ctx.origin,
  };
  const fields = entity === 'customers' ? customer(r, ctx) : entity === 'jobs' ? job(r) : entity === 'invoices' ? invoice(r) : payment(r);
  const record = withoutUndefined({ ...base, ...fields });
  return { ...record, hash: recordHash(record) } as unknown as CanonicalRecord;
}

/**
 * What can still be read of a row that could not be mapped: its id, number, job and reference. The
 * engine then treats the record as unknown instead of deleted (no orphan twin, no uninvoiced job).
 */
export function readableIdentity(entity: FileEntity, r: RowReader): Pick<RecordProblem, 'sourceId' | 'number' | 'jobNumber' | 'reference'> {
  const identity = {
    sourceId: r.text('id'),
    number: entity === 'invoices' || entity === 'jobs' ? r.text('number') : undefined,
    jobNumber: entity === 'invoices' ? r.text('job_number') : entity === 'jobs' ? r.text('number') : undefined,
    reference: entity === 'payments' ? r.text('reference') : undefined,
  };
  return withoutUndefined(identity);
}

function customer(r: RowReader, ctx: MapContext): Fields {
  const givenName = r.text('first_name');
  const familyName = r.text('last_name');
  const companyName = r.text('company');
  // Some tools leave the display name empty and export its parts.
  const displayName = r.text('name') ?? ([givenName, familyName].filter(Boolean).join(' ') || companyName);
  if (displayName === undefined) throw r.error('name', 'is empty');
  const address = withoutUndefined({ line1: r.text('address'), city: r.text('city'), region: r.text('state'), postalCode: r.text('zip') });
  return {
    entity: 'customer',
    displayName,
    givenName,
    familyName,
    companyName,
    email: normaliseEmail(r.text('email')),
    phone: normalisePhone(r.text('phone'), ctx.defaultCountry),
    address: Object.keys(address).length > 0 ? address : undefined,
    externalId: r.text('quickbooks_id'),
    active: r.flag('active', true),
    balanceCents: r.money('balance'),
    syncStatus: r.text('sync_status'),
    syncError: r.text('sync_error'),
  };
}

function job(r: RowReader): Fields {
  // Vendors' own words too: ServiceTitan (Dispatched, Working), Jobber (requires invoicing), Housecall Pro (complete unrated, pro canceled).
  const status = r.choice('status', JOB_STATUSES, {
    cancelled: 'canceled',
    complete: 'completed',
    done: 'completed',
    hold: 'on_hold',
    dispatched: 'scheduled',
    working: 'in_progress',
    inprogress: 'in_progress',
    requires_invoicing: 'completed',
    needs_scheduling: 'scheduled',
    complete_rated: 'completed',
    complete_unrated: 'completed',
    user_canceled: 'canceled',
    pro_canceled: 'canceled',
  });
  if (status === undefined) throw r.error('status', 'is empty');
  return {
    entity: 'job',
    number: r.required('number'),
    customerId: r.text('customer_id'),
    customerName: r.text('customer_name'),
    status,
    completedAt: r.instant('completed_at') ?? null,
    technician: r.text('technician'),
    location: r.text('location'),
    businessUnit: r.text('business_unit'),
    totalCents: r.money('total'),
  };
}

function invoice(r: RowReader): Fields {
  const totalCents = r.requiredMoney('total');
  const balanceCents = r.money('balance');
  // Without a status column, a fully paid invoice is one with money on it and nothing left to pay.
  const status =
    r.choice('status', INVOICE_STATUSES, {
      voided: 'void',
      awaiting_payment: 'open',
      past_due: 'open',
      pending_payment: 'open',
      sent: 'open',
      bad_debt: 'void',
      canceled: 'void',
      uncollectible: 'void',
    }) ?? (balanceCents === 0 && totalCents > 0 ? 'paid' : 'open');
  const lines = parseInvoiceLines(r.raw('lines'));
  if ('bad' in lines) throw r.error('lines', `entry ${JSON.stringify(lines.bad)} is not "item=amount"`);
  const unit = r.text('business_unit');
  return {
    entity: 'invoice',
    number: r.text('number'),
    jobNumber: r.text('job_number'),
    customerId: r.text('customer_id'),
    customerName: r.text('customer_name'),
    txnDate: r.date('date'),
    dueDate: r.date('due_date'),
    issuedAt: r.instant('issued_at') ?? null,
    totalCents,
    taxCents: r.money('tax'),
    balanceCents,
    status,
    // The class column is the class; the business unit is kept apart so a missing class can be
    // traced to the unit that is not mapped.
    className: r.text('class'),
    location: r.text('location'),
    lines: lines.lines,
    customFields: unit !== undefined ? { business_unit: unit } : undefined,
    email: normaliseEmail(r.text('email')),
    syncStatus: r.text('sync_status'),
    syncError: r.text('sync_error'),
  };
}

function payment(r: RowReader): Fields {
  const amountCents = r.requiredMoney('amount');
  const invoiceId = r.text('invoice_id');
  const invoiceNumber = r.text('invoice_number');
  const applied = invoiceId !== undefined || invoiceNumber !== undefined ? (r.money('applied') ?? amountCents) : 0;
  return {
    entity: 'payment',
    reference: r.text('reference'),
    customerId: r.text('customer_id'),
    customerName: r.text('customer_name'),
    date: r.date('date'),
    receivedAt: r.instant('received_at') ?? null,
    amountCents,
    unappliedCents: amountCents - applied,
    appliedTo: applied !== 0 ? [withoutUndefined({ invoiceId, invoiceNumber, amountCents: applied })] : [],
    method: r.text('method'),
  };
}

/** Absent is absent: no `undefined`-valued keys in stored records. */
function withoutUndefined<T extends Fields>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
