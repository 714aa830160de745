// A company with years of field-tool history and a QuickBooks sync switched on later: every invoice,
// job and payment since the sync started has its QuickBooks twin, nothing before it does — except a
// few old invoices a bookkeeper once typed into QuickBooks by hand, whose numbers match old ones.
import type { CanonicalRecord, CustomerRecord } from '../../src/domain/records';
import { DAY, NOW } from './clock';
import { aCustomer, aJob, anInvoice, aPayment, aQbCustomer, aQbInvoice, aQbPayment } from './records';

export const ZONE = 'America/Chicago';

export interface HistoryOptions {
  /** First day the sync carried (YYYY-MM-DD); invoices from then on reached QuickBooks. */
  syncSince: string;
  /** How far back the field tool's history goes. */
  years?: number;
  /** One invoice (with its job and, mostly, a payment) every this many days. */
  everyDays?: number;
  /** Old invoices typed into QuickBooks by hand with the upstream number. */
  handTyped?: number;
  now?: Date;
}

const FIRST = ['Avery', 'Blake', 'Carmen', 'Dmitri', 'Esther', 'Farid', 'Gloria', 'Hiroshi', 'Ingrid', 'Jamal'];
const LAST = ['Nguyen', 'Okafor', 'Petrov', 'Quintero', 'Rasmussen', 'Sato'];
const CUSTOMERS = 40;

/** Customer n: old ones (n < 20) only bought before the sync; the others still buy and are in QuickBooks. */
function customerName(n: number): string {
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
}

function customersOf(sinceSync: string, firstDay: string): { upstream: CustomerRecord[]; quickbooks: CustomerRecord[] } {
  const created = new Date(Date.parse(`${firstDay}T12:00:00Z`) - 30 * DAY).toISOString();
  const upstream: CustomerRecord[] = [];
  const quickbooks: CustomerRecord[] = [];
  for (let n = 0; n < CUSTOMERS; n++) {
    const shared = {
      displayName: customerName(n),
      email: `customer${n}@example.com`,
      phone: `+1312555${String(1000 + n).padStart(4, '0')}`,
      createdAt: created,
      updatedAt: created,
    };
    upstream.push(aCustomer({ ...shared, sourceId: `c-${n}`, externalId: n >= CUSTOMERS / 2 ? `${100 + n}` : undefined }));
    if (n >= CUSTOMERS / 2) quickbooks.push(aQbCustomer({ ...shared, sourceId: `${100 + n}`, createdAt: sinceSync }));
  }
  return { upstream, quickbooks };
}

/** The records of such a company as the store would hold them after a first read of both sides. */
export function aCompanyWithHistory(opts: HistoryOptions): CanonicalRecord[] {
  const now = opts.now ?? NOW;
  const every = opts.everyDays ?? 2;
  const syncMs = Date.parse(`${opts.syncSince}T06:00:00Z`);
  const oldestMs = now.getTime() - (opts.years ?? 3) * 365 * DAY;
  const records: CanonicalRecord[] = [];
  let handTyped = opts.handTyped ?? 3;
  let k = 0;
  for (let at = now.getTime() - 2 * DAY; at >= oldestMs; at -= every * DAY, k++) {
    const issued = new Date(at).toISOString();
    const synced = at >= syncMs;
    const n = synced ? CUSTOMERS / 2 + (k % (CUSTOMERS / 2)) : k % (CUSTOMERS / 2);
    const paid = k % 5 !== 0;
    const total = 20_000 + (k % 7) * 1_500;
    const job = `J-${k}`;
    const invoice = {
      sourceId: `inv-${k}`,
      number: `${5000 + k}`,
      jobNumber: job,
      customerId: `c-${n}`,
      customerName: customerName(n),
      txnDate: issued.slice(0, 10),
      issuedAt: issued,
      createdAt: issued,
      updatedAt: issued,
      totalCents: total,
      balanceCents: paid ? 0 : total,
      status: paid ? ('paid' as const) : ('open' as const),
      lines: [{ item: 'Furnace Repair', amountCents: total }],
    };
    const jobAt = { customerId: `c-${n}`, customerName: customerName(n), completedAt: issued, createdAt: issued, updatedAt: issued };
    records.push(aJob({ ...jobAt, sourceId: `JB${k}`, number: job, totalCents: total }));
    records.push(anInvoice(invoice));
    // Now and then a job was closed without an invoice (a callback, a quote never billed).
    if (!synced && k % 10 === 3) {
      records.push(aJob({ ...jobAt, sourceId: `JB${k}-x`, number: `${job}-x`, totalCents: 9_500 }));
    }
    const received = new Date(at + DAY).toISOString();
    const payment = {
      sourceId: `pay-${k}`,
      reference: `R${k}`,
      customerId: `c-${n}`,
      customerName: customerName(n),
      date: received.slice(0, 10),
      receivedAt: received,
      createdAt: received,
      updatedAt: received,
      amountCents: total,
      appliedTo: [{ invoiceId: invoice.sourceId, invoiceNumber: invoice.number, amountCents: total }],
    };
    if (paid) records.push(aPayment(payment));
    if (synced) {
      const qbCustomer = `${100 + n}`;
      const { jobNumber: _job, ...shared } = invoice;
      records.push(
        aQbInvoice({ ...shared, sourceId: `qi-${k}`, customerId: qbCustomer, privateNote: `FieldPro invoice ${invoice.sourceId}` }),
      );
      if (paid) {
        const applied = [{ invoiceId: `qi-${k}`, amountCents: total }];
        records.push(
          aQbPayment({
            ...payment,
            sourceId: `qp-${k}`,
            customerId: qbCustomer,
            privateNote: `FieldPro payment ${payment.sourceId}`,
            appliedTo: applied,
          }),
        );
      }
    } else if (handTyped > 0 && k % 37 === 0) {
      // Typed in from a paper copy years ago: same number, a different total, no link to the field tool.
      handTyped--;
      const { jobNumber: _job, ...shared } = invoice;
      const typed = { customerId: undefined, privateNote: undefined, totalCents: total + 1_000, balanceCents: 0, status: 'paid' as const };
      records.push(aQbInvoice({ ...shared, ...typed, sourceId: `hand-${k}` }));
    }
  }
  const oldest = new Date(oldestMs).toISOString().slice(0, 10);
  const customers = customersOf(new Date(syncMs).toISOString(), oldest);
  return [...customers.upstream, ...customers.quickbooks, ...records];
}
