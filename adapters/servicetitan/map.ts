// ServiceTitan wire records → canonical fields. Accounting money arrives as decimal strings and is
// read digit by digit (never through a float); a business unit gives the class (`quickbooksClass`).
import { normaliseEmail } from '../../src/domain/contact';
import type { InvoiceStatus, JobStatus } from '../../src/domain/records';
import { FieldError, cents, idOf, instant, optText, requiredCents, vendorDate } from '../vendor-http/collect';

export interface StBusinessUnit {
  id: number;
  name?: string;
  active?: boolean;
  quickbooksClass?: string | null;
  division?: { name?: string } | null;
  modifiedOn?: string;
}

export interface MapSettings {
  zone: string;
  locationFrom: 'division' | 'business_unit' | 'none';
  units: Map<number, StBusinessUnit>;
}

type Wire = Record<string, unknown>;
const obj = (v: unknown): Wire | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Wire) : undefined);

function unitOf(s: MapSettings, ref: unknown): StBusinessUnit | undefined {
  const id = typeof ref === 'number' ? ref : (obj(ref)?.['id'] as number | undefined);
  return id === undefined ? undefined : s.units.get(id);
}

function locationOf(s: MapSettings, bu: StBusinessUnit | undefined): string | undefined {
  if (!bu || s.locationFrom === 'none') return undefined;
  return optText(s.locationFrom === 'division' ? bu.division?.name : bu.name);
}

export function mapCustomer(w: Wire) {
  const address = obj(w['address']);
  const external = Array.isArray(w['externalData'])
    ? (w['externalData'] as Wire[]).find((e) => /quickbooks/i.test(String(e['key'] ?? '')))
    : undefined;
  const name = optText(w['name']);
  if (name === undefined) throw new FieldError('name', 'is empty');
  return {
    entity: 'customer' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['modifiedOn'], 'modifiedOn') ?? null,
    createdAt: instant(w['createdOn'], 'createdOn') ?? null,
    displayName: name,
    companyName: w['type'] === 'Commercial' ? name : undefined,
    email: normaliseEmail(optText(w['email'])),
    address: address
      ? {
          line1: optText(address['street']),
          city: optText(address['city']),
          region: optText(address['state']),
          postalCode: optText(address['zip']),
        }
      : undefined,
    externalId: optText(external?.['value']),
    active: w['active'] !== false,
    balanceCents: cents(w['balance'], 'balance'),
  };
}

const JOB_STATUS: Record<string, JobStatus> = {
  Scheduled: 'scheduled',
  Dispatched: 'scheduled',
  InProgress: 'in_progress',
  Working: 'in_progress',
  Hold: 'on_hold',
  Completed: 'completed',
  Canceled: 'canceled',
};

export function mapJob(w: Wire, s: MapSettings) {
  const status = JOB_STATUS[String(w['jobStatus'])];
  if (status === undefined) throw new FieldError('jobStatus', `${JSON.stringify(w['jobStatus'])} is not a ServiceTitan job status`);
  const bu = unitOf(s, w['businessUnitId']);
  return {
    entity: 'job' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['modifiedOn'], 'modifiedOn') ?? null,
    createdAt: instant(w['createdOn'], 'createdOn') ?? null,
    number: idOf(w['jobNumber'], 'jobNumber'),
    customerId: optText(w['customerId']),
    status,
    completedAt: instant(w['completedOn'], 'completedOn') ?? null,
    businessUnit: optText(bu?.name),
    location: locationOf(s, bu),
    totalCents: cents(w['total'], 'total'),
  };
}

const DRAFT_REVIEW = new Set(['NeedsReview', 'OnHold', 'PendingApproval']);

export function mapInvoice(w: Wire, s: MapSettings) {
  const totalCents = requiredCents(w['total'], 'total');
  const balanceCents = cents(w['balance'], 'balance');
  const taxCents = cents(w['salesTax'], 'salesTax');
  // Accounting status (Pending/Posted/Exported) is the sync's state, not the invoice's.
  const status: InvoiceStatus =
    w['active'] === false
      ? 'void'
      : DRAFT_REVIEW.has(String(w['reviewStatus']))
        ? 'draft'
        : balanceCents === 0 && totalCents > 0
          ? 'paid'
          : 'open';
  const bu = unitOf(s, w['businessUnit']);
  const customer = obj(w['customer']);
  const job = obj(w['job']);
  const items = Array.isArray(w['items']) ? (w['items'] as Wire[]) : [];
  const exportId = optText(w['exportId']);
  const custom = Array.isArray(w['customFields'])
    ? Object.fromEntries(
        (w['customFields'] as Wire[]).map((f) => [String(f['name'] ?? ''), String(f['value'] ?? '')]).filter(([k]) => k !== ''),
      )
    : {};
  const customFields = { ...custom, ...(bu?.name ? { business_unit: bu.name } : {}), ...(exportId ? { export_id: exportId } : {}) };
  return {
    entity: 'invoice' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['modifiedOn'], 'modifiedOn') ?? null,
    createdAt: instant(w['createdOn'], 'createdOn') ?? null,
    number: optText(w['referenceNumber']),
    jobNumber: optText(job?.['number']),
    customerId: optText(customer?.['id']),
    customerName: optText(customer?.['name']),
    txnDate: vendorDate(w['invoiceDate'], 'invoiceDate', s.zone),
    dueDate: vendorDate(w['dueDate'], 'dueDate', s.zone),
    // ServiceTitan has no issued-at; the invoice date is when it counts as issued.
    issuedAt: w['sentStatus'] === 'NotSent' ? null : (instant(w['invoiceDate'], 'invoiceDate') ?? null),
    totalCents,
    taxCents,
    balanceCents,
    status,
    className: optText(bu?.quickbooksClass),
    location: locationOf(s, bu),
    lines: items.map((it, n) => {
      const qty = Number(it['quantity'] ?? 1);
      return {
        item: optText(it['skuName']) ?? optText(it['description']),
        description: optText(it['description']),
        amountCents: requiredCents(it['total'], `items[${n}].total`),
        ...(Number.isFinite(qty) ? { qty } : {}),
        taxable: it['taxable'] !== false,
      };
    }),
    customFields: Object.keys(customFields).length > 0 ? customFields : undefined,
    syncStatus: optText(w['syncStatus'])?.toLowerCase(),
  };
}

export function mapPayment(w: Wire, s: MapSettings) {
  const amountCents = requiredCents(w['total'], 'total');
  const customer = obj(w['customer']);
  const applied = Array.isArray(w['appliedTo']) ? (w['appliedTo'] as Wire[]) : [];
  return {
    entity: 'payment' as const,
    sourceId: idOf(w['id']),
    updatedAt: instant(w['modifiedOn'], 'modifiedOn') ?? null,
    createdAt: instant(w['createdOn'], 'createdOn') ?? null,
    reference: optText(w['referenceNumber']),
    customerId: optText(customer?.['id']),
    customerName: optText(customer?.['name']),
    date: vendorDate(w['date'], 'date', s.zone),
    receivedAt: instant(w['createdOn'], 'createdOn') ?? null,
    amountCents,
    unappliedCents: cents(w['unappliedAmount'], 'unappliedAmount'),
    appliedTo: applied.map((a, n) => ({
      ...(optText(a['appliedTo']) ? { invoiceId: optText(a['appliedTo']) } : {}),
      ...(optText(a['appliedToReferenceNumber']) ? { invoiceNumber: optText(a['appliedToReferenceNumber']) } : {}),
      amountCents: requiredCents(a['appliedAmount'], `appliedTo[${n}].appliedAmount`),
    })),
    method: optText(w['type'])?.toLowerCase().replace('credit card', 'card'),
  };
}
