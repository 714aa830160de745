// Canonical records with healthy defaults: anInvoice() and aQbInvoice() are the same invoice on the
// two sides (the QuickBooks one carries the sync's note "FieldPro invoice inv-1043"), so a test only
// states what differs.
import { recordHash } from '../../src/domain/hash';
import type {
  CompanyPreferences,
  CustomerRecord,
  DepositRecord,
  InvoiceRecord,
  JobRecord,
  PaymentRecord,
  RecordProblem,
  ReferenceRecord,
} from '../../src/domain/records';
import { daysAgo } from './clock';

export const UPSTREAM = 'fieldpro';
export const QUICKBOOKS = 'quickbooks';

function hashed<T extends { hash: string }>(record: T): T {
  return { ...record, hash: recordHash(record as unknown as Record<string, unknown>) };
}

/** An upstream (field-service) invoice, issued ten days ago, $385.00 open. */
export function anInvoice(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return hashed({
    entity: 'invoice',
    side: 'upstream',
    source: UPSTREAM,
    sourceId: 'inv-1043',
    number: '1043',
    jobNumber: 'J-6001',
    customerId: 'c-58',
    customerName: 'Jane Doe',
    txnDate: daysAgo(10).slice(0, 10),
    issuedAt: daysAgo(10),
    createdAt: daysAgo(10),
    updatedAt: daysAgo(10),
    totalCents: 38_500,
    taxCents: 0,
    balanceCents: 38_500,
    status: 'open',
    className: 'Residential',
    location: 'North',
    lines: [{ item: 'Furnace Repair', amountCents: 38_500 }],
    syncStatus: 'exported',
    hash: '',
    ...overrides,
  });
}

/** The QuickBooks twin of anInvoice(): same number, money, class and location, and the sync's note. */
export function aQbInvoice(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  // QuickBooks has no job number or export status: those stay upstream-only.
  const { jobNumber: _job, syncStatus: _sync, ...shared } = anInvoice();
  return hashed({
    ...shared,
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: '501',
    customerId: '58',
    privateNote: 'FieldPro invoice inv-1043',
    hash: '',
    ...overrides,
  });
}

/** An upstream customer that the sync linked to QuickBooks customer 58 (externalId). */
export function aCustomer(overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return hashed({
    entity: 'customer',
    side: 'upstream',
    source: UPSTREAM,
    sourceId: 'c-58',
    displayName: 'Jane Doe',
    email: 'jane.doe@example.com',
    phone: '+13125550101',
    externalId: '58',
    active: true,
    createdAt: daysAgo(60),
    updatedAt: daysAgo(60),
    hash: '',
    ...overrides,
  });
}

export function aQbCustomer(overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return hashed({
    entity: 'customer',
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: '58',
    displayName: 'Jane Doe',
    email: 'jane.doe@example.com',
    phone: '+13125550101',
    active: true,
    balanceCents: 0,
    createdAt: daysAgo(60),
    updatedAt: daysAgo(60),
    hash: '',
    ...overrides,
  });
}

/** A job completed ten days ago (anInvoice() bills it). */
export function aJob(overrides: Partial<JobRecord> = {}): JobRecord {
  return hashed({
    entity: 'job',
    side: 'upstream',
    source: UPSTREAM,
    sourceId: 'JB9501',
    number: 'J-6001',
    customerId: 'c-58',
    customerName: 'Jane Doe',
    status: 'completed',
    completedAt: daysAgo(10),
    technician: 'D. Romero',
    location: 'North',
    totalCents: 38_500,
    createdAt: daysAgo(12),
    updatedAt: daysAgo(10),
    hash: '',
    ...overrides,
  });
}

/** An upstream payment that pays anInvoice() in full. */
export function aPayment(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  return hashed({
    entity: 'payment',
    side: 'upstream',
    source: UPSTREAM,
    sourceId: 'pay-1',
    reference: '7781',
    customerId: 'c-58',
    customerName: 'Jane Doe',
    date: daysAgo(8).slice(0, 10),
    receivedAt: daysAgo(8),
    createdAt: daysAgo(8),
    updatedAt: daysAgo(8),
    amountCents: 38_500,
    appliedTo: [{ invoiceId: 'inv-1043', invoiceNumber: '1043', amountCents: 38_500 }],
    method: 'check',
    hash: '',
    ...overrides,
  });
}

/** The QuickBooks twin of aPayment(), applied to aQbInvoice() and deposited to checking. */
export function aQbPayment(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  return hashed({
    entity: 'payment',
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: '801',
    reference: '7781',
    customerId: '58',
    customerName: 'Jane Doe',
    date: daysAgo(8).slice(0, 10),
    receivedAt: daysAgo(8),
    createdAt: daysAgo(8),
    updatedAt: daysAgo(8),
    amountCents: 38_500,
    unappliedCents: 0,
    appliedTo: [{ invoiceId: '501', amountCents: 38_500 }],
    method: 'check',
    depositAccount: 'Checking',
    hash: '',
    ...overrides,
  });
}

export function aDeposit(overrides: Partial<DepositRecord> = {}): DepositRecord {
  return hashed({
    entity: 'deposit',
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: 'D-301',
    date: daysAgo(5).slice(0, 10),
    createdAt: daysAgo(5),
    updatedAt: daysAgo(5),
    totalCents: 38_500,
    paymentIds: ['801'],
    feeCents: 0,
    hash: '',
    ...overrides,
  });
}

/** A QuickBooks item, class or location. */
export function aQbRef(entity: ReferenceRecord['entity'], name: string, overrides: Partial<ReferenceRecord> = {}): ReferenceRecord {
  return hashed({
    entity,
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: `${entity}-${name}`,
    name,
    active: true,
    createdAt: daysAgo(400),
    updatedAt: daysAgo(400),
    hash: '',
    ...overrides,
  });
}

export const anItem = (name: string, overrides: Partial<ReferenceRecord> = {}) => aQbRef('item', name, overrides);

export function somePreferences(overrides: Partial<CompanyPreferences> = {}): CompanyPreferences {
  return { classTracking: 'transaction', trackLocations: true, locationTerm: 'Location', timeZone: 'America/Chicago', ...overrides };
}

export function aRecordProblem(overrides: Partial<RecordProblem> = {}): RecordProblem {
  return {
    source: UPSTREAM,
    side: 'upstream',
    entity: 'invoice',
    origin: { file: 'invoices-2026-03-17.csv', row: 14 },
    field: 'total',
    message: 'total "12,3O.00" is not an amount',
    ...overrides,
  };
}

/** A QuickBooks credit memo (a credit, not cash): $50.00 for Jane Doe, fully used unless a test leaves credit on account. */
export function aQbCreditMemo(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  return hashed({
    entity: 'payment',
    side: 'quickbooks',
    source: QUICKBOOKS,
    sourceId: 'cm-901',
    reference: 'CM-1043',
    customerId: '58',
    customerName: 'Jane Doe',
    date: daysAgo(7).slice(0, 10),
    receivedAt: daysAgo(7),
    createdAt: daysAgo(7),
    updatedAt: daysAgo(7),
    amountCents: 5_000,
    unappliedCents: 0,
    appliedTo: [],
    method: 'Credit memo',
    credit: true,
    hash: '',
    ...overrides,
  });
}

/** A QuickBooks sales receipt (paid on the spot) for anInvoice(), taken by check 7781. */
export function aQbSalesReceipt(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return aQbInvoice({ sourceId: 'sr-601', status: 'paid', balanceCents: 0, reference: '7781', ...overrides });
}
