// A synthetic company for the sandboxes when no export folder is given (tests, the bench): `jobs`
// completed jobs, each with a customer, an invoice and (for most) a payment, changed over the
// `days` before `now`, in a deterministic order.
import { recordHash } from '../../../src/domain/hash';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { World } from './world';

const UNITS = ['HVAC', 'Plumbing', 'Electrical'];
const LOCATIONS = ['North', 'South', 'East'];
const CLASSES = ['Residential', 'Commercial'];

function stamp<T extends Record<string, unknown>>(r: T): T & { hash: string } {
  return { ...r, hash: recordHash(r) };
}

export function generateWorld(opts: { jobs: number; now?: Date; days?: number }): World {
  const now = (opts.now ?? new Date('2026-11-20T18:00:00Z')).getTime();
  const span = (opts.days ?? 60) * 86_400_000;
  const customers: CustomerRecord[] = [];
  const jobs: JobRecord[] = [];
  const invoices: InvoiceRecord[] = [];
  const payments: PaymentRecord[] = [];
  const customerCount = Math.max(1, Math.ceil(opts.jobs / 3));
  for (let c = 0; c < customerCount; c++) {
    const at = new Date(now - span + Math.floor((c / customerCount) * span * 0.5)).toISOString();
    customers.push(
      stamp({
        side: 'upstream',
        source: 'sandbox',
        entity: 'customer',
        sourceId: `C${1001 + c}`,
        updatedAt: at,
        createdAt: at,
        displayName: `Customer ${1001 + c}`,
        email: `customer${1001 + c}@example.com`,
        phone: '+13125550100',
        address: { line1: `${100 + (c % 900)} Elm St`, city: 'Chicago', region: 'IL', postalCode: '60601' },
        active: true,
        balanceCents: 0,
      }) as CustomerRecord,
    );
  }
  for (let j = 0; j < opts.jobs; j++) {
    const completed = now - span + Math.floor(((j + 1) / (opts.jobs + 1)) * span);
    const at = new Date(completed).toISOString();
    const customer = customers[j % customerCount]!;
    const unit = `${UNITS[j % 3]} - ${LOCATIONS[Math.floor(j / 3) % 3]}`;
    const className = CLASSES[j % 2]!;
    const location = LOCATIONS[Math.floor(j / 3) % 3]!;
    const total = 10_000 + ((j * 7919) % 90_000);
    const tax = Math.round(total * 0.08);
    const number = `J-${5001 + j}`;
    jobs.push(
      stamp({
        side: 'upstream',
        source: 'sandbox',
        entity: 'job',
        sourceId: `JB${20001 + j}`,
        updatedAt: at,
        createdAt: at,
        number,
        customerId: customer.sourceId,
        customerName: customer.displayName,
        status: 'completed',
        completedAt: at,
        technician: 'S. Tech',
        location,
        businessUnit: unit,
        totalCents: total + tax,
      }) as JobRecord,
    );
    const paid = j % 4 !== 0;
    invoices.push(
      stamp({
        side: 'upstream',
        source: 'sandbox',
        entity: 'invoice',
        sourceId: String(80001 + j),
        updatedAt: at,
        createdAt: at,
        number: String(10001 + j),
        jobNumber: number,
        customerId: customer.sourceId,
        customerName: customer.displayName,
        txnDate: at.slice(0, 10),
        dueDate: at.slice(0, 10),
        issuedAt: at,
        totalCents: total + tax,
        taxCents: tax,
        balanceCents: paid ? 0 : total + tax,
        status: paid ? 'paid' : 'open',
        className,
        location,
        lines: [{ item: 'Service Call', amountCents: total, qty: 1, taxable: true }],
        customFields: { business_unit: unit },
        syncStatus: 'synced',
      }) as InvoiceRecord,
    );
    if (paid) {
      payments.push(
        stamp({
          side: 'upstream',
          source: 'sandbox',
          entity: 'payment',
          sourceId: `P${70001 + j}`,
          updatedAt: at,
          createdAt: at,
          reference: `CC-${100000 + j}`,
          customerId: customer.sourceId,
          customerName: customer.displayName,
          date: at.slice(0, 10),
          receivedAt: at,
          amountCents: total + tax,
          unappliedCents: 0,
          appliedTo: [{ invoiceId: String(80001 + j), invoiceNumber: String(10001 + j), amountCents: total + tax }],
          method: 'card',
        }) as PaymentRecord,
      );
    }
  }
  return new World({ customers, jobs, invoices, payments });
}
