// One row of an export → one canonical record.
import { normaliseEmail, normalisePhone } from '../../src/domain/contact';
import { recordHash } from '../../src/domain/hash';
import { parseMoneyToCents } from '../../src/domain/money';
import type { CanonicalRecord, InvoiceLine, InvoiceStatus, JobStatus, Origin } from '../../src/domain/records';
import { RowError, type Cells } from './cells';
import type { FileEntity } from './columns';

export interface RowContext {
  source: string;
  origin: Origin;
  defaultCountry: string;
}

const JOB_STATUSES: readonly JobStatus[] = ['scheduled', 'in_progress', 'completed', 'canceled', 'on_hold'];
const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'paid', 'void'];

export function mapRow(entity: FileEntity, c: Cells, ctx: RowContext): CanonicalRecord {
  const base = { side: 'upstream' as const, source: ctx.source, sourceId: c.required('id'), updatedAt: c.instant('updated_at') ?? null, createdAt: c.instant('created_at') ?? null, origin: ctx.origin };
  // Each branch builds one entity; the hash is added once at the end.
  let record: Record<string, unknown>;
  switch (entity) {
    case 'customers': {
      const line1 = c.text('address');
      record = {
        ...base,
        entity: 'customer',
        displayName: c.required('name'),
        givenName: c.text('first_name'),
        familyName: c.text('last_name'),
        companyName: c.text('company'),
        email: normaliseEmail(c.text('email')),
        phone: normalisePhone(c.text('phone'), ctx.defaultCountry),
        address: line1 || c.text('city') ? { line1, city: c.text('city'), region: c.text('state'), postalCode: c.text('zip') } : undefined,
        externalId: c.text('quickbooks_id'),
        active: c.bool('active', true),
        balanceCents: c.money('balance'),
        syncStatus: c.text('sync_status'),
        syncError: c.text('sync_error'),
      };
      break;
    }
    case 'jobs':
      record = {
        ...base,
        entity: 'job',
        number: c.required('number'),
        customerId: c.text('customer_id'),
        customerName: c.text('customer_name'),
        status: c.oneOf('status', JOB_STATUSES, { done: 'completed', complete: 'completed', cancelled: 'canceled', hold: 'on_hold' }) ?? fail('status', 'status is empty'),
        completedAt: c.instant('completed_at') ?? null,
        technician: c.text('technician'),
        location: c.text('location'),
        businessUnit: c.text('business_unit'),
        totalCents: c.money('total'),
      };
      break;
    case 'invoices': {
      const unit = c.text('business_unit');
      record = {
        ...base,
        entity: 'invoice',
        number: c.text('number'),
        jobNumber: c.text('job_number'),
        customerId: c.text('customer_id'),
        customerName: c.text('customer_name'),
        txnDate: c.date('date'),
        dueDate: c.date('due_date'),
        issuedAt: c.instant('issued_at') ?? null,
        totalCents: c.money('total') ?? fail('total', 'total is empty'),
        taxCents: c.money('tax'),
        balanceCents: c.money('balance'),
        status: c.oneOf('status', INVOICE_STATUSES, { voided: 'void', unpaid: 'open', sent: 'open', due: 'open' }) ?? 'open',
        className: c.text('class'),
        location: c.text('location'),
        lines: parseLines(c.text('lines')),
        email: normaliseEmail(c.text('email')),
        syncStatus: c.text('sync_status'),
        syncError: c.text('sync_error'),
        ...(unit ? { customFields: { business_unit: unit } } : {}),
      };
      break;
    }
    case 'payments': {
      const amount = c.money('amount') ?? fail('amount', 'amount is empty');
      const invoiceId = c.text('invoice_id');
      const invoiceNumber = c.text('invoice_number');
      record = {
        ...base,
        entity: 'payment',
        reference: c.text('reference'),
        customerId: c.text('customer_id'),
        customerName: c.text('customer_name'),
        date: c.date('date'),
        receivedAt: c.instant('received_at') ?? null,
        amountCents: amount,
        appliedTo: invoiceId || invoiceNumber ? [{ invoiceId, invoiceNumber, amountCents: c.money('applied') ?? amount }] : [],
        method: c.text('method'),
      };
      break;
    }
  }
  return { ...record, hash: recordHash(record) } as unknown as CanonicalRecord;
}

/** `AC Tune-Up=89.00|Filter Replacement=20.00`: item names may hold spaces; the last `=` splits. */
function parseLines(text: string | undefined): InvoiceLine[] {
  if (!text) return [];
  return text.split('|').map((part) => {
    const at = part.lastIndexOf('=');
    const item = (at < 0 ? part : part.slice(0, at)).trim();
    const amount = at < 0 ? '0' : part.slice(at + 1).trim();
    const cents = parseMoneyToCents(amount);
    if (cents === undefined || item === '') throw new RowError('lines', `lines entry "${part}" is not "item=amount"`);
    return { item, amountCents: cents };
  });
}

function fail(field: string, message: string): never {
  throw new RowError(field, message);
}
