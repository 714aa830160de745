// The upstream side of the demo as the CSV exports a field-service tool writes.
import type { World } from './model';
import { day } from './world';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const money = (cents: number) => (cents / 100).toFixed(2);

function csv(header: string[], rows: Array<Array<string | number | undefined>>): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

export function toExports(w: World): Record<string, string> {
  const payments = (source: string) =>
    csv(
      ['id', 'reference', 'customer_id', 'customer_name', 'date', 'received_at', 'amount', 'invoice_id', 'invoice_number', 'method', 'updated_at'],
      w.upPayments.filter((p) => p.source === source).map((p) => [p.id, p.reference, p.customerId, p.customerName, day(p.received), iso(p.received), money(p.amount), p.invoiceId, p.invoiceNumber, p.method, iso(p.updated)]),
    );
  return {
    'fieldpro/customers.csv': csv(
      ['id', 'name', 'first_name', 'last_name', 'company', 'email', 'phone', 'address', 'city', 'state', 'zip', 'quickbooks_id', 'created_at', 'updated_at', 'sync_status', 'sync_error'],
      w.upCustomers.map((c) => [c.id, c.name, c.first, c.last, c.company, c.email, c.phone, c.address.line1, c.address.city, c.address.state, c.address.zip, c.quickbooksId, iso(c.created), iso(c.updated), c.quickbooksId ? 'synced' : 'failed', c.syncError]),
    ),
    'fieldpro/jobs.csv': csv(
      ['id', 'number', 'customer_id', 'customer_name', 'status', 'completed_at', 'technician', 'location', 'business_unit', 'created_at', 'updated_at'],
      w.jobs.map((j) => [j.id, j.number, j.customerId, j.customerName, j.status, iso(j.completedAt), j.technician, j.location, j.unit, iso(j.created), iso(j.updated)]),
    ),
    'fieldpro/invoices.csv': csv(
      ['id', 'number', 'job_number', 'customer_id', 'customer_name', 'date', 'issued_at', 'total', 'tax', 'balance', 'status', 'class', 'location', 'business_unit', 'lines', 'email', 'sync_status', 'sync_error', 'updated_at'],
      w.upInvoices.map((i) => [i.id, i.number, i.jobNumber, i.customerId, i.customerName, day(i.issued), iso(i.issued), i.rawTotal ?? money(i.total), money(i.tax), money(i.balance), i.status, i.className, i.location, i.unit, i.lines.map((l) => `${l.item}=${money(l.amount)}`).join('|'), i.email, i.syncStatus, i.syncError, iso(i.updated)]),
    ),
    'fieldpro/payments.csv': payments('fieldpro'),
    'card-payments/payments.csv': payments('card-payments'),
  };
}
