// Canonical records → Housecall Pro v1 shapes: snake_case, prefixed string ids, money in integer
// cents, `work_status` with spaces, the business unit in `job_fields`, payments inside invoices.
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';

const iso = (ms: number) => new Date(ms).toISOString();
export const COMPANY_ID = 'd3514589-8266-4fcf-aa56-af658b20f8ab';

export function customerWire(c: CustomerRecord, modifiedMs: number, companyName: string) {
  return {
    id: `cus_${c.sourceId}`,
    first_name: c.givenName ?? (c.companyName ? null : c.displayName.split(' ')[0]),
    last_name: c.familyName ?? (c.companyName ? null : c.displayName.split(' ').slice(1).join(' ')),
    email: c.email ?? null,
    mobile_number: c.phone?.replace(/^\+1/, '') ?? null,
    home_number: null,
    work_number: null,
    company: c.companyName ?? null,
    notifications_enabled: true,
    lead_source: null,
    notes: null,
    tags: [],
    addresses: c.address
      ? [
          {
            id: `adr_${c.sourceId}`,
            type: 'service',
            street: c.address.line1 ?? null,
            street_line_2: null,
            city: c.address.city ?? null,
            state: c.address.region ?? null,
            zip: c.address.postalCode ?? null,
            country: 'US',
          },
        ]
      : [],
    created_at: c.createdAt ?? iso(modifiedMs),
    updated_at: iso(modifiedMs),
    company_name: companyName,
    company_id: COMPANY_ID,
  };
}

const WORK_STATUS: Record<JobRecord['status'], string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  completed: 'complete unrated',
  canceled: 'pro canceled',
  on_hold: 'needs scheduling',
};

export function jobWire(j: JobRecord, modifiedMs: number, customer: CustomerRecord | undefined, invoice: InvoiceRecord | undefined) {
  const [first, ...rest] = (j.technician ?? 'Unassigned').split(' ');
  const className = invoice?.className;
  return {
    id: `job_${j.sourceId}`,
    // In Housecall Pro the job's number is its invoice number.
    invoice_number: invoice?.number ?? j.number,
    description: j.businessUnit ?? 'Service',
    customer: customer ? customerWire(customer, Date.parse(customer.updatedAt ?? '2000-01-01'), j.location ?? 'Sandbox Heating') : null,
    address: customer?.address
      ? {
          id: `adr_${customer.sourceId}`,
          type: 'service',
          street: customer.address.line1 ?? null,
          street_line_2: null,
          city: customer.address.city ?? null,
          state: customer.address.region ?? null,
          zip: customer.address.postalCode ?? null,
          country: 'US',
        }
      : null,
    notes: [],
    work_status: WORK_STATUS[j.status],
    work_timestamps: { on_my_way_at: null, started_at: null, completed_at: j.completedAt ?? null },
    schedule: { scheduled_start: j.createdAt ?? null, scheduled_end: null, arrival_window: 0 },
    total_amount: j.totalCents ?? 0,
    subtotal: j.totalCents ?? 0,
    outstanding_balance: invoice?.balanceCents ?? 0,
    assigned_employees: [{ id: `pro_${first}`, first_name: first, last_name: rest.join(' '), role: 'field tech' }],
    tags: [],
    lead_source: null,
    original_estimate_id: null,
    job_fields: {
      job_type: { id: 'jt_1', name: j.businessUnit ?? 'Service' },
      business_unit: className ? { id: `bu_${className}`, name: className } : null,
    },
    created_at: j.createdAt ?? iso(modifiedMs),
    updated_at: iso(modifiedMs),
    canceled_at: null,
    deleted_at: j.status === 'canceled' ? iso(modifiedMs) : null,
    // A multi-location account: each location is its own company.
    company_name: j.location ?? 'Sandbox Heating',
    company_id: COMPANY_ID,
  };
}

const STATUS: Record<InvoiceRecord['status'], string> = { draft: 'open', open: 'open', paid: 'paid', void: 'canceled' };

export function invoiceWire(i: InvoiceRecord, jobId: string | null, payments: PaymentRecord[]) {
  const tax = i.taxCents ?? 0;
  return {
    id: `invoice_${i.sourceId}`,
    job_id: jobId,
    invoice_number: i.number ?? '',
    status: STATUS[i.status],
    amount: i.totalCents,
    subtotal: i.totalCents - tax,
    due_amount: i.balanceCents ?? (i.status === 'paid' ? 0 : i.totalCents),
    invoice_date: i.txnDate ? `${i.txnDate}T00:00:00Z` : null,
    service_date: i.txnDate ? `${i.txnDate}T00:00:00Z` : null,
    due_at: i.dueDate ? `${i.dueDate}T00:00:00Z` : null,
    due_concept: 'net_30',
    display_due_concept: 'Net 30',
    sent_at: i.issuedAt ?? null,
    paid_at: i.status === 'paid' ? (payments[0]?.receivedAt ?? null) : null,
    items: i.lines.map((l, n) => ({
      id: `ili_${i.sourceId}_${n}`,
      name: l.item ?? 'Item',
      description: l.description ?? '',
      type: 'labor',
      unit_cost: 0,
      unit_price: Math.round(l.amountCents / (l.qty ?? 1)),
      qty_in_hundredths: Math.round((l.qty ?? 1) * 100),
      amount: l.amountCents,
    })),
    taxes: tax ? [{ id: `tax_${i.sourceId}`, name: 'Sales tax', rate: 825, amount: tax }] : [],
    discounts: [],
    payments: payments.map((p) => ({
      id: `pmt_${p.sourceId}`,
      status: 'succeeded',
      payment_method: p.method === 'card' ? 'credit_card' : (p.method ?? 'other'),
      amount: p.appliedTo.find((a) => a.invoiceId === i.sourceId)?.amountCents ?? p.amountCents,
      note: p.reference ?? null,
      paid_at: p.receivedAt ?? null,
      category: 'payment',
    })),
  };
}
