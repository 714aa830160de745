// The upstream side as files: FieldPro's four CSV exports (generic columns) and the card
// processor's payment export, written the way such tools write them (local times with offsets,
// amounts as plain decimals, lines as `item=amount|…`).
import { addDays, exportStamp, localDate } from './clock';
import type { Invoice, Payment, World } from './model';

type Cell = string | number | boolean | undefined;

function csv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const cell = (v: Cell) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

const money = (cents: number) => (cents / 100).toFixed(2);
const stamp = (ms: number | undefined) => (ms === undefined ? undefined : exportStamp(ms));

function dueDate(inv: Invoice): string {
  // Households pay on receipt; businesses get net 30.
  return addDays(localDate(inv.issued), inv.className === 'Commercial' ? 30 : 0);
}

function customers(w: World): string {
  const owed = new Map<string, number>();
  for (const inv of w.invoices) if (inv.status !== 'void') owed.set(inv.customer.id, (owed.get(inv.customer.id) ?? 0) + inv.balance);
  return csv(
    [
      'id',
      'name',
      'first_name',
      'last_name',
      'company',
      'email',
      'phone',
      'address',
      'city',
      'state',
      'zip',
      'quickbooks_id',
      'active',
      'balance',
      'created_at',
      'updated_at',
      'sync_status',
      'sync_error',
    ],
    w.customers.map((c) => [
      c.id,
      c.name,
      c.first,
      c.last,
      c.company,
      c.email,
      c.phone,
      c.address.line1,
      c.address.city,
      c.address.state,
      c.address.zip,
      c.qbo?.id,
      c.active,
      money(owed.get(c.id) ?? 0),
      stamp(c.created),
      stamp(c.updated),
      c.qbo ? 'synced' : 'failed',
      c.syncError,
    ]),
  );
}

function jobs(w: World): string {
  return csv(
    [
      'id',
      'number',
      'customer_id',
      'customer_name',
      'status',
      'completed_at',
      'technician',
      'location',
      'business_unit',
      'total',
      'created_at',
      'updated_at',
    ],
    w.jobs.map((j) => [
      j.id,
      j.number,
      j.customer.id,
      j.customer.name,
      j.status,
      stamp(j.completed),
      j.technician,
      j.location,
      j.unit,
      j.total === undefined ? undefined : money(j.total),
      stamp(j.created),
      stamp(j.updated),
    ]),
  );
}

function invoices(w: World): string {
  return csv(
    [
      'id',
      'number',
      'job_number',
      'customer_id',
      'customer_name',
      'date',
      'due_date',
      'issued_at',
      'total',
      'tax',
      'balance',
      'status',
      'class',
      'location',
      'business_unit',
      'lines',
      'email',
      'sync_status',
      'sync_error',
      'created_at',
      'updated_at',
    ],
    w.invoices.map((i) => [
      i.id,
      i.number,
      i.job.number,
      i.customer.id,
      i.customer.name,
      localDate(i.issued),
      dueDate(i),
      stamp(i.issued),
      i.rawTotal ?? money(i.total),
      money(i.tax),
      money(i.balance),
      i.status,
      i.className,
      i.job.location,
      i.job.unit,
      i.lines.map((l) => `${l.item}=${money(l.amount)}`).join('|'),
      i.customer.email,
      i.syncStatus,
      i.syncError,
      stamp(i.created),
      stamp(i.updated),
    ]),
  );
}

function payments(list: readonly Payment[]): string {
  return csv(
    [
      'id',
      'reference',
      'customer_id',
      'customer_name',
      'date',
      'received_at',
      'amount',
      'invoice_id',
      'invoice_number',
      'applied',
      'method',
      'updated_at',
    ],
    list.map((p) => [
      p.id,
      p.reference,
      p.invoice.customer.id,
      p.invoice.customer.name,
      localDate(p.received),
      stamp(p.received),
      money(p.amount),
      p.invoice.id,
      p.invoice.number,
      money(p.amount),
      p.method,
      stamp(p.received),
    ]),
  );
}

/** Path under `upstream/` → file text. */
export function upstreamFiles(w: World): Record<string, string> {
  return {
    'fieldpro/customers.csv': customers(w),
    'fieldpro/jobs.csv': jobs(w),
    'fieldpro/invoices.csv': invoices(w),
    'fieldpro/payments.csv': payments(w.payments.filter((p) => p.source === 'fieldpro')),
    'card-payments/payments.csv': payments(w.payments.filter((p) => p.source === 'card-payments')),
  };
}
