// Pairs records across the two sides (upstream ↔ QuickBooks) and within each side
// (job → invoice → payment → deposit). Everything downstream reads this index; nothing here judges.
import type { MatchingConfig } from '../config/schema';
import type {
  CanonicalRecord,
  CustomerRecord,
  DepositRecord,
  InvoiceRecord,
  JobRecord,
  PaymentApplication,
  PaymentRecord,
  ReferenceRecord,
  Side,
} from '../domain/records';
import { matchCustomers, type CustomerLink } from './match-customers';
import { byKey, BySource, splitBySide, type SideRecords } from './index-records';
import { compileMatchKeys } from './match-keys';
import { linkSharedReferences, settledOnTheSpot, type Settlement } from './settlements';

export interface TxnLink<T> {
  record: T;
  by: string;
}

export interface Reconciliation {
  sides: Record<Side, SideRecords>;
  /** Upstream invoice key → the QuickBooks invoices that carry it (more than one = posted twice). */
  qbInvoicesByUpstream: Map<InvoiceRecord, Array<TxnLink<InvoiceRecord>>>;
  upstreamByQbInvoice: Map<InvoiceRecord, TxnLink<InvoiceRecord>>;
  qbPaymentsByUpstream: Map<PaymentRecord, Array<TxnLink<PaymentRecord>>>;
  upstreamByQbPayment: Map<PaymentRecord, TxnLink<PaymentRecord>>;
  qbCustomerByUpstream: Map<CustomerRecord, CustomerLink>;
  upstreamByQbCustomer: Map<CustomerRecord, CustomerLink>;
  /** Customers of both sides by source and id. */
  customers: BySource<CustomerRecord>;
  jobsByNumber: Map<string, JobRecord>;
  upstreamInvoicesByJob: Map<string, InvoiceRecord[]>;
  upstreamPaymentsByInvoice: Map<InvoiceRecord, PaymentRecord[]>;
  qbPaymentsByInvoice: Map<InvoiceRecord, PaymentRecord[]>;
  depositByQbPayment: Map<PaymentRecord, DepositRecord>;
  /** Payments of either side that are one settlement with others sharing their reference (one check, two invoices). */
  paymentSettlements: Map<PaymentRecord, Settlement>;
  /** Upstream payments QuickBooks holds in a sales receipt (paid on the spot): no QuickBooks payment is due. */
  salesReceiptByUpstreamPayment: Map<PaymentRecord, InvoiceRecord>;
  /** Upstream invoices by source and id. */
  upstreamInvoices: BySource<InvoiceRecord>;
  /** Upstream invoices by source and number. */
  upstreamInvoicesByNumber: BySource<InvoiceRecord>;
  qbInvoices: BySource<InvoiceRecord>;
  qbPayments: BySource<PaymentRecord>;
  /** QuickBooks reference data by lower-cased name (active ones only). */
  qbItems: Map<string, ReferenceRecord>;
  qbClasses: Map<string, ReferenceRecord>;
  qbLocations: Map<string, ReferenceRecord>;
}

/** Customer links found over every customer of the company, for a reconciliation of only some of its records. */
export interface CustomerLinks {
  forward: Map<CustomerRecord, CustomerLink>;
  backward: Map<CustomerRecord, CustomerLink>;
}

/**
 * `customerLinks`: links matched before over all customers. Customer matching weighs every customer
 * against the others, so a reconciliation of part of the records borrows the whole company's links.
 */
export function reconcile(records: readonly CanonicalRecord[], matching: MatchingConfig, customerLinks?: CustomerLinks): Reconciliation {
  const sides = splitBySide(records);
  const up = sides.upstream;
  const qb = sides.quickbooks;

  // Upstream invoices by id and by number: linking reads them, and so do payments and the rules.
  const upInvoices = byKey(up.invoices);
  const upInvoicesByNumber = new BySource<InvoiceRecord>();
  for (const inv of up.invoices) if (inv.number !== undefined) upInvoicesByNumber.set(inv.source, inv.number, inv);
  const upPayments = byKey(up.payments);
  const upPaymentsByReference = new BySource<PaymentRecord>();
  for (const p of up.payments) if (p.reference !== undefined) upPaymentsByReference.set(p.source, p.reference, p);

  const invoices = linkTransactions(upInvoices, upInvoicesByNumber, qb.invoices, matching.invoice);
  const payments = linkTransactions(upPayments, upPaymentsByReference, qb.payments, matching.payment);
  const paymentSettlements = matching.payment.some((k) => k.by === 'reference')
    ? linkSharedReferences(up.payments, qb.payments, payments.forward, payments.backward)
    : new Map<PaymentRecord, Settlement>();
  const customers = customerLinks ?? matchCustomers(up.customers, qb.customers, matching.customer);

  const qbInvoices = byKey(qb.invoices);
  const qbPayments = byKey(qb.payments);

  const upstreamInvoicesByJob = groupBy(up.invoices, (i) => i.jobNumber);
  const upstreamPaymentsByInvoice = new Map<InvoiceRecord, PaymentRecord[]>();
  for (const p of up.payments) {
    for (const a of p.appliedTo) {
      const inv = appliedInvoice(upInvoices, upInvoicesByNumber, p.source, a);
      if (inv) push(upstreamPaymentsByInvoice, inv, p);
    }
  }
  const qbPaymentsByInvoice = new Map<InvoiceRecord, PaymentRecord[]>();
  for (const p of qb.payments) {
    for (const a of p.appliedTo) {
      const inv = qbInvoices.get(p.source, a.invoiceId);
      if (inv) push(qbPaymentsByInvoice, inv, p);
    }
  }
  const salesReceiptByUpstreamPayment = settledOnTheSpot(up.payments, payments.forward, qb.invoices, (p, i) => {
    const inv = appliedInvoice(upInvoices, upInvoicesByNumber, p.source, p.appliedTo[i]!);
    return inv ? invoices.forward.get(inv)?.[0]?.record : undefined;
  });
  const depositByQbPayment = new Map<PaymentRecord, DepositRecord>();
  for (const d of qb.deposits) {
    for (const id of d.paymentIds) {
      const p = qbPayments.get(d.source, id);
      if (p) depositByQbPayment.set(p, d);
    }
  }

  const customersById = byKey(up.customers);
  for (const c of qb.customers) customersById.set(c.source, c.sourceId, c);

  const jobsByNumber = new Map<string, JobRecord>();
  for (const j of up.jobs) jobsByNumber.set(j.number, j);

  return {
    sides,
    qbInvoicesByUpstream: invoices.forward,
    upstreamByQbInvoice: invoices.backward,
    qbPaymentsByUpstream: payments.forward,
    upstreamByQbPayment: payments.backward,
    qbCustomerByUpstream: customers.forward,
    upstreamByQbCustomer: customers.backward,
    customers: customersById,
    jobsByNumber,
    upstreamInvoicesByJob,
    upstreamPaymentsByInvoice,
    qbPaymentsByInvoice,
    depositByQbPayment,
    paymentSettlements,
    salesReceiptByUpstreamPayment,
    upstreamInvoices: upInvoices,
    upstreamInvoicesByNumber: upInvoicesByNumber,
    qbInvoices,
    qbPayments,
    qbItems: activeByName(qb.refs, 'item'),
    qbClasses: activeByName(qb.refs, 'class'),
    qbLocations: activeByName(qb.refs, 'location'),
  };
}

/**
 * Links QuickBooks transactions to upstream ones, key by key in the configured order: a weaker key
 * (DocNumber) only links what no stronger key (the id the sync wrote) already linked, so a hand-typed
 * invoice that reuses a number is not mistaken for the synced one.
 */
function linkTransactions<T extends InvoiceRecord | PaymentRecord>(
  upstreamById: BySource<T>,
  upstreamByNumber: BySource<T>,
  quickbooks: readonly T[],
  keys: MatchingConfig['invoice'],
) {
  const forward = new Map<T, Array<TxnLink<T>>>();
  const backward = new Map<T, TxnLink<T>>();
  // Ids are unique within one source only: an id two upstream sources share identifies neither,
  // and a number used twice upstream is ambiguous: link by it to neither (`only` gives null).
  const bySourceId = (id: string) => upstreamById.only(id) ?? undefined;
  const byNumber = (n: string) => upstreamByNumber.only(n) ?? undefined;
  let pending: T[] = [];
  for (const q of quickbooks) {
    const target = q.linkId ? bySourceId(q.linkId) : undefined;
    if (target) addLink(forward, backward, target, q, 'link_id');
    else pending.push(q);
  }
  for (const key of compileMatchKeys(keys)) {
    const rest: T[] = [];
    for (const q of pending) {
      const value = key.extract(q);
      const target = value === undefined ? undefined : key.target === 'sourceId' ? bySourceId(value) : byNumber(value);
      const weakAndTaken = key.target === 'number' && target && forward.has(target);
      if (target && !weakAndTaken) addLink(forward, backward, target, q, key.by);
      else rest.push(q);
    }
    pending = rest;
  }
  return { forward, backward };
}

function addLink<T extends InvoiceRecord | PaymentRecord>(
  forward: Map<T, Array<TxnLink<T>>>,
  backward: Map<T, TxnLink<T>>,
  upstream: T,
  quickbooks: T,
  by: string,
): void {
  push(forward, upstream, { record: quickbooks, by });
  backward.set(quickbooks, { record: upstream, by });
}

/** The upstream invoice a payment line pays, by id or else by number, within the payment's source. */
export function appliedInvoice(
  byId: BySource<InvoiceRecord>,
  byNumber: BySource<InvoiceRecord>,
  source: string,
  a: PaymentApplication,
): InvoiceRecord | undefined {
  return byId.get(source, a.invoiceId) ?? byNumber.get(source, a.invoiceNumber);
}

function activeByName(refs: readonly ReferenceRecord[], entity: ReferenceRecord['entity']): Map<string, ReferenceRecord> {
  const map = new Map<string, ReferenceRecord>();
  for (const r of refs) {
    if (r.entity !== entity || !r.active) continue;
    map.set(r.name.trim().toLowerCase(), r);
    if (r.fullName) map.set(r.fullName.trim().toLowerCase(), r);
  }
  return map;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined && k !== '') push(map, k, item);
  }
  return map;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
