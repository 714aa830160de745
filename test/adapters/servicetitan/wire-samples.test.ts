// The reference's sample payloads (field names from each vendor's spec) through each connector's
// mapper: the connectors read the documented shapes, not only the sandboxes' rendering of them.
import { describe, expect, it } from 'vitest';
import { mapInvoice as mapHcpInvoice, mapJob as mapHcpJob, mapPayment as mapHcpPayment } from '../../../adapters/housecallpro/map';
import { mapInvoice as mapJobberInvoice, jobberId } from '../../../adapters/jobber/map';
import { mapInvoice as mapStInvoice, mapPayment as mapStPayment } from '../../../adapters/servicetitan/map';

const ST_INVOICE = {
  id: 81234567,
  syncStatus: 'Exported',
  referenceNumber: '104233',
  invoiceDate: '2025-03-14T00:00:00Z',
  dueDate: '2025-04-13T00:00:00Z',
  subTotal: '1150.00',
  salesTax: '94.88',
  total: '1244.88',
  balance: '244.88',
  discountTotal: '0.00',
  customer: { id: 5550101, name: 'Jane Homeowner' },
  businessUnit: { id: 4001, name: 'HVAC Service' },
  createdOn: '2025-03-13T18:02:11.123Z',
  modifiedOn: '2025-03-15T09:30:00.000Z',
  job: { id: 77001, number: '104233', type: 'AC Repair' },
  sentStatus: 'Sent',
  reviewStatus: 'Reviewed',
  active: true,
  exportId: 'QBO-1873',
  items: [
    { id: 1, description: 'Capacitor replacement', quantity: '1.00', price: '350.00', total: '350.00', skuName: 'CAP-REPL', taxable: true },
  ],
  customFields: [],
};

const ST_PAYMENT = {
  id: 66001,
  active: true,
  syncStatus: 'Posted',
  referenceNumber: 'PMT-66001',
  date: '2025-03-15T00:00:00Z',
  type: 'Credit Card',
  total: '1000.00',
  unappliedAmount: '0.00',
  customer: { id: 5550101, name: 'Jane Homeowner' },
  appliedTo: [{ appliedId: 1, appliedTo: 81234567, appliedAmount: '1000.00', appliedToReferenceNumber: '104233' }],
  createdOn: '2025-03-15T10:00:00Z',
  modifiedOn: '2025-03-15T10:00:00Z',
};

const HCP_JOB = {
  id: 'job_5ca164cf8f1e4b1ba51a81e367974f8f',
  invoice_number: '1042',
  work_status: 'complete unrated',
  customer: { id: 'cus_816acd9103d2483d8f5afdee8e998aaa', first_name: 'Jane', last_name: 'Homeowner' },
  work_timestamps: { completed_at: '2025-03-13T20:15:00Z' },
  total_amount: 124488,
  outstanding_balance: 24488,
  assigned_employees: [{ id: 'pro_1', first_name: 'Sam', last_name: 'Tech' }],
  job_fields: { job_type: { id: 'jt_1', name: 'Repair' }, business_unit: { id: 'bu_1', name: 'HVAC Service' } },
  created_at: '2025-03-12T15:00:00Z',
  updated_at: '2025-03-13T20:16:00Z',
  company_name: 'Acme Heating',
};

const HCP_INVOICE = {
  id: 'invoice_7d1c',
  job_id: HCP_JOB.id,
  invoice_number: '1042',
  status: 'open',
  amount: 124488,
  subtotal: 115000,
  due_amount: 24488,
  invoice_date: '2025-03-14T00:00:00Z',
  due_at: '2025-04-13T00:00:00Z',
  sent_at: '2025-03-14T15:00:00Z',
  items: [{ id: 'ili_1', name: 'Capacitor replacement', unit_price: 35000, qty_in_hundredths: 100, amount: 35000 }],
  taxes: [{ id: 'tax_1', name: 'Denver', rate: 825, amount: 9488 }],
  payments: [
    {
      id: 'pmt_1',
      status: 'succeeded',
      payment_method: 'credit_card',
      amount: 100000,
      note: 'Visa 4242',
      paid_at: '2025-03-15T16:00:00Z',
      category: 'payment',
    },
  ],
};

const JOBBER_INVOICE = {
  id: 'Z2lkOi8vSm9iYmVyL0ludm9pY2UvODgwMQ==',
  invoiceNumber: '1042',
  invoiceStatus: 'awaiting_payment',
  issuedDate: '2025-03-14T00:00:00-06:00',
  dueDate: '2025-04-13T00:00:00-06:00',
  createdAt: '2025-03-14T09:00:00-06:00',
  updatedAt: '2025-03-15T10:00:00-06:00',
  amounts: {
    subtotal: 1150.0,
    taxAmount: 94.88,
    discountAmount: 0.0,
    total: 1244.88,
    paymentsTotal: 1000.0,
    invoiceBalance: 244.88,
    tipsTotal: 0.0,
  },
  client: { id: 'Z2lkOi8vSm9iYmVyL0NsaWVudC8zMDE=', name: 'Jane Homeowner' },
  jobs: { nodes: [{ id: 'Z2lkOi8vSm9iYmVyL0pvYi81MDE=', jobNumber: 501 }] },
  lineItems: { nodes: [{ id: 'x', name: 'Capacitor replacement', quantity: 1.0, unitPrice: 350.0, totalPrice: 350.0 }] },
};

describe('the connectors read the documented wire samples', () => {
  it('ServiceTitan: decimal-string money to cents, class from the business unit, the export id kept', () => {
    const units = new Map([[4001, { id: 4001, name: 'HVAC Service', quickbooksClass: 'HVAC', division: { name: 'Denver' } }]]);
    const inv = mapStInvoice(ST_INVOICE, { zone: 'America/Denver', locationFrom: 'division', units });
    expect(inv).toMatchObject({
      sourceId: '81234567',
      number: '104233',
      jobNumber: '104233',
      txnDate: '2025-03-14',
      dueDate: '2025-04-13',
      totalCents: 124_488,
      taxCents: 9_488,
      balanceCents: 24_488,
      status: 'open',
      className: 'HVAC',
      location: 'Denver',
      syncStatus: 'exported',
      customFields: { business_unit: 'HVAC Service', export_id: 'QBO-1873' },
    });
    expect(inv.lines).toEqual([{ item: 'CAP-REPL', description: 'Capacitor replacement', amountCents: 35_000, qty: 1, taxable: true }]);
    expect(mapStPayment(ST_PAYMENT, { zone: 'America/Denver', locationFrom: 'none', units })).toMatchObject({
      amountCents: 100_000,
      method: 'card',
      appliedTo: [{ invoiceId: '81234567', invoiceNumber: '104233', amountCents: 100_000 }],
    });
  });

  it('Housecall Pro: cents as they are, work status with spaces, business unit as class, payments from the invoice', () => {
    const settings = {
      zone: 'America/Denver',
      defaultCountry: 'US',
      classFrom: 'business_unit' as const,
      locationFrom: 'company_name' as const,
    };
    expect(mapHcpJob(HCP_JOB, settings)).toMatchObject({
      number: '1042',
      status: 'completed',
      technician: 'Sam Tech',
      businessUnit: 'HVAC Service',
      location: 'Acme Heating',
      totalCents: 124_488,
      customerName: 'Jane Homeowner',
    });
    const inv = mapHcpInvoice(HCP_INVOICE, settings, { number: '1042', className: 'HVAC Service', location: 'Acme Heating' });
    expect(inv).toMatchObject({
      totalCents: 124_488,
      taxCents: 9_488,
      balanceCents: 24_488,
      status: 'open',
      className: 'HVAC Service',
      txnDate: '2025-03-14',
    });
    expect(mapHcpPayment(HCP_INVOICE.payments[0]!, { sourceId: 'invoice_7d1c', number: '1042' }, settings)).toMatchObject({
      amountCents: 100_000,
      reference: 'Visa 4242',
      method: 'card',
      appliedTo: [{ invoiceId: 'invoice_7d1c', amountCents: 100_000 }],
    });
  });

  it('Jobber: float dollars to cents, the date as written in the account offset, awaiting payment as open', () => {
    const inv = mapJobberInvoice(JOBBER_INVOICE, {
      classField: 'Class',
      defaultClass: 'Residential',
      locationField: 'Location',
      ids: 'encoded',
      defaultCountry: 'US',
    });
    expect(inv).toMatchObject({
      sourceId: JOBBER_INVOICE.id,
      number: '1042',
      jobNumber: '501',
      txnDate: '2025-03-14',
      totalCents: 124_488,
      taxCents: 9_488,
      balanceCents: 24_488,
      status: 'open',
      className: 'Residential',
    });
    expect(jobberId(JOBBER_INVOICE.id, { ids: 'gid_number' })).toBe('8801');
  });
});
