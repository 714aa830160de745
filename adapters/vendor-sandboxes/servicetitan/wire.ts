// Canonical records → ServiceTitan's v2 wire shapes (camelCase, int64 ids, money as decimal strings
// on accounting objects and numbers on jobs and customers), per the vendor's OpenAPI specs.
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { decimalString, dollars, numericId } from '../common/world';

export interface BusinessUnit {
  id: number;
  name: string;
  quickbooksClass: string | null;
  division: { id: number; name: string } | null;
}

/** Business units as a ServiceTitan tenant would hold them: one per unit × class × location. */
export class BusinessUnits {
  private readonly byKey = new Map<string, BusinessUnit>();
  unitFor(name: string | undefined, className: string | undefined, location: string | undefined): BusinessUnit {
    const key = `${name ?? 'General'}|${className ?? ''}|${location ?? ''}`;
    let bu = this.byKey.get(key);
    if (!bu) {
      const id = 4001 + this.byKey.size;
      bu = {
        id,
        name: className ? `${name ?? 'General'} · ${className}` : (name ?? 'General'),
        quickbooksClass: className ?? null,
        division: location ? { id: 100 + [...this.byKey.values()].length, name: location } : null,
      };
      this.byKey.set(key, bu);
    }
    return bu;
  }
  all(): BusinessUnit[] {
    return [...this.byKey.values()];
  }
}

const JOB_STATUS: Record<JobRecord['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'InProgress',
  completed: 'Completed',
  canceled: 'Canceled',
  on_hold: 'Hold',
};

function address(c: CustomerRecord | undefined) {
  return {
    street: c?.address?.line1 ?? null,
    unit: null,
    city: c?.address?.city ?? null,
    state: c?.address?.region ?? null,
    zip: c?.address?.postalCode ?? null,
    country: 'USA',
  };
}

export function customerWire(c: CustomerRecord, modifiedMs: number, deleted: boolean) {
  return {
    id: numericId(c.sourceId),
    active: c.active && !deleted,
    name: c.displayName,
    type: c.companyName ? 'Commercial' : 'Residential',
    address: address(c),
    customFields: [],
    balance: dollars(c.balanceCents),
    taxExempt: false,
    createdOn: c.createdAt ?? new Date(modifiedMs).toISOString(),
    modifiedOn: new Date(modifiedMs).toISOString(),
    mergedToId: null,
    externalData: c.externalId ? [{ key: 'QuickBooks_ID', value: c.externalId }] : [],
  };
}

export function locationWire(c: CustomerRecord, modifiedMs: number, deleted: boolean) {
  return {
    id: numericId(c.sourceId) + 5_000_000,
    customerId: numericId(c.sourceId),
    active: c.active && !deleted,
    name: `${c.displayName} - ${c.address?.line1 ?? ''}`.trim(),
    address: address(c),
    createdOn: c.createdAt ?? null,
    modifiedOn: new Date(modifiedMs).toISOString(),
    mergedToId: null,
    externalData: [],
  };
}

export function jobWire(j: JobRecord, modifiedMs: number, deleted: boolean, bu: BusinessUnit, invoiceId: number | null) {
  return {
    id: numericId(j.sourceId),
    jobNumber: j.number,
    customerId: j.customerId ? numericId(j.customerId) : null,
    locationId: j.customerId ? numericId(j.customerId) + 5_000_000 : null,
    jobStatus: JOB_STATUS[j.status],
    completedOn: j.completedAt ?? null,
    businessUnitId: bu.id,
    jobTypeId: 210,
    priority: 'Normal',
    createdOn: j.createdAt ?? new Date(modifiedMs).toISOString(),
    modifiedOn: new Date(modifiedMs).toISOString(),
    invoiceId,
    total: j.totalCents === undefined ? null : dollars(j.totalCents),
    active: !deleted,
    summary: j.technician ? `<p>Technician: ${j.technician}</p>` : null,
    customFields: [],
    externalData: [],
  };
}

export function invoiceWire(
  i: InvoiceRecord,
  modifiedMs: number,
  deleted: boolean,
  bu: BusinessUnit,
  customer: CustomerRecord | undefined,
  jobId: number | null,
) {
  const sub = i.totalCents - (i.taxCents ?? 0);
  return {
    id: numericId(i.sourceId),
    syncStatus: i.syncStatus === 'synced' ? 'Exported' : i.syncStatus === 'failed' ? 'Posted' : 'Pending',
    referenceNumber: i.number ?? null,
    invoiceDate: i.txnDate ? `${i.txnDate}T00:00:00Z` : null,
    dueDate: i.dueDate ? `${i.dueDate}T00:00:00Z` : null,
    subTotal: decimalString(sub),
    salesTax: decimalString(i.taxCents),
    total: decimalString(i.totalCents),
    balance: decimalString(i.balanceCents ?? (i.status === 'paid' ? 0 : i.totalCents)),
    discountTotal: '0.00',
    customer: i.customerId ? { id: numericId(i.customerId), name: i.customerName ?? customer?.displayName ?? null } : null,
    customerAddress: address(customer),
    location: i.customerId ? { id: numericId(i.customerId) + 5_000_000, name: customer?.displayName ?? null } : null,
    businessUnit: { id: bu.id, name: bu.name },
    createdOn: i.createdAt ?? new Date(modifiedMs).toISOString(),
    modifiedOn: new Date(modifiedMs).toISOString(),
    adjustmentToId: null,
    job: i.jobNumber ? { id: jobId, number: i.jobNumber, type: null } : null,
    sentStatus: i.issuedAt ? 'Sent' : 'NotSent',
    reviewStatus: i.status === 'draft' ? 'NeedsReview' : 'Invoiced',
    items: i.lines.map((l, n) => ({
      id: n + 1,
      description: l.description ?? l.item ?? '',
      quantity: (l.qty ?? 1).toFixed(2),
      price: decimalString(Math.round(l.amountCents / (l.qty ?? 1))),
      total: decimalString(l.amountCents),
      type: 'Service',
      skuName: l.item ?? null,
      taxable: l.taxable ?? true,
      order: n + 1,
    })),
    customFields: [],
    // An invoice voided or deleted in ServiceTitan stays in the export, inactive.
    active: !deleted && i.status !== 'void',
    exportId: null,
    paidOn: i.status === 'paid' ? new Date(modifiedMs).toISOString() : null,
    invoiceConfiguration: 'JobInvoice',
    ...(i.syncError ? { customFields: [{ name: 'Sync error', value: i.syncError }] } : {}),
  };
}

export function paymentWire(p: PaymentRecord, modifiedMs: number, deleted: boolean) {
  return {
    id: numericId(p.sourceId),
    active: !deleted,
    syncStatus: 'Posted',
    referenceNumber: p.reference ?? null,
    date: p.date ? `${p.date}T00:00:00Z` : null,
    type: p.method === 'card' ? 'Credit Card' : p.method === 'check' ? 'Check' : (p.method ?? null),
    total: decimalString(p.amountCents),
    unappliedAmount: decimalString(p.unappliedCents ?? 0),
    memo: null,
    customer: p.customerId ? { id: numericId(p.customerId), name: p.customerName ?? null } : null,
    appliedTo: p.appliedTo.map((a, n) => ({
      appliedId: n + 1,
      appliedTo: a.invoiceId ? numericId(a.invoiceId) : null,
      appliedAmount: decimalString(a.amountCents),
      appliedOn: p.receivedAt ?? null,
      appliedToReferenceNumber: a.invoiceNumber ?? null,
    })),
    customFields: [],
    createdOn: p.receivedAt ?? new Date(modifiedMs).toISOString(),
    modifiedOn: new Date(modifiedMs).toISOString(),
  };
}

export function businessUnitWire(bu: BusinessUnit) {
  return {
    id: bu.id,
    active: true,
    name: bu.name,
    officialName: bu.name,
    quickbooksClass: bu.quickbooksClass,
    division: bu.division,
    trade: null,
    modifiedOn: '2024-01-01T00:00:00.000Z',
    externalData: [],
  };
}

/** RFC 7807-like `ApiErrorResponse`. */
export function apiError(status: number, title: string) {
  return { type: 'https://tools.ietf.org/html/rfc7231', title, status, traceId: `00-${status}-sandbox-01`, errors: {}, data: {} };
}
