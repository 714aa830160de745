// ServiceTitan, Housecall Pro and Jobber records bent in thousands of seeded ways, through each
// connector's mapper as its read does it (ReadCollector.add): a bad record is skipped and reported
// naming the vendor, the entity and its id — never an exception that fails the whole read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapInvoice as hcpInvoice, mapJob as hcpJob } from '../../../adapters/housecallpro/map';
import { mapInvoice as jobberInvoice } from '../../../adapters/jobber/map';
import { mapInvoice as stInvoice, mapPayment as stPayment } from '../../../adapters/servicetitan/map';
import { ReadCollector } from '../../../adapters/vendor-http/collect';
import { corrupted, runs, FUZZ_TIMEOUT_MS } from './arbitraries';

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
  customer: { id: 5550101, name: 'Jane Homeowner' },
  businessUnit: { id: 4001, name: 'HVAC Service' },
  createdOn: '2025-03-13T18:02:11.123Z',
  modifiedOn: '2025-03-15T09:30:00.000Z',
  job: { id: 77001, number: '104233' },
  active: true,
  exportId: 'QBO-1873',
  items: [{ id: 1, description: 'Capacitor', quantity: '1.00', price: '350.00', total: '350.00', skuName: 'CAP', taxable: true }],
};
const ST_PAYMENT = {
  id: 66001,
  active: true,
  referenceNumber: 'PMT-66001',
  date: '2025-03-15T00:00:00Z',
  type: 'Credit Card',
  total: '1000.00',
  customer: { id: 5550101 },
  appliedTo: [{ appliedTo: 81234567, appliedAmount: '1000.00', appliedToReferenceNumber: '104233' }],
  modifiedOn: '2025-03-15T10:00:00Z',
};
const HCP_JOB = {
  id: 'job_5ca1',
  invoice_number: '1042',
  work_status: 'complete unrated',
  customer: { id: 'cus_8', first_name: 'Jane', last_name: 'Homeowner' },
  work_timestamps: { completed_at: '2025-03-13T20:15:00Z' },
  total_amount: 124488,
  job_fields: { business_unit: { id: 'bu_1', name: 'HVAC' } },
  updated_at: '2025-03-13T20:16:00Z',
};
const HCP_INVOICE = {
  id: 'invoice_7d1c',
  job_id: 'job_5ca1',
  invoice_number: '1042',
  status: 'open',
  amount: 124488,
  due_amount: 24488,
  invoice_date: '2025-03-14T00:00:00Z',
  taxes: [{ amount: 9488 }],
  items: [{ name: 'Capacitor', amount: 35000 }],
};
const JOBBER_INVOICE = {
  id: 'Z2lkOi8vSm9iYmVyL0ludm9pY2UvODgwMQ==',
  invoiceNumber: '1042',
  invoiceStatus: 'awaiting_payment',
  issuedDate: '2025-03-14T00:00:00-06:00',
  dueDate: '2025-04-13T00:00:00-06:00',
  createdAt: '2025-03-14T09:00:00-06:00',
  updatedAt: '2025-03-15T10:00:00-06:00',
  amounts: { subtotal: 1150.0, taxAmount: 94.88, total: 1244.88, invoiceBalance: 244.88 },
  client: { id: 'Z2lkOi8vSm9iYmVyL0NsaWVudC8zMDE=', name: 'Jane Homeowner' },
  jobs: { nodes: [{ jobNumber: 501 }] },
};

const units = new Map([[4001, { id: 4001, name: 'HVAC Service', quickbooksClass: 'HVAC', division: { name: 'Denver' } }]]);
const st = { zone: 'America/Denver', locationFrom: 'division' as const, units };
const hcp = { zone: 'America/Denver', defaultCountry: 'US', classFrom: 'business_unit' as const, locationFrom: 'company_name' as const };
const jobber = {
  classField: 'Class',
  defaultClass: 'Residential',
  locationField: 'Location',
  ids: 'encoded' as const,
  defaultCountry: 'US',
};

const CASES = [
  ['ServiceTitan', 'invoice', ST_INVOICE, (w: never) => stInvoice(w, st)],
  ['ServiceTitan', 'payment', ST_PAYMENT, (w: never) => stPayment(w, st)],
  ['Housecall Pro', 'job', HCP_JOB, (w: never) => hcpJob(w, hcp)],
  ['Housecall Pro', 'invoice', HCP_INVOICE, (w: never) => hcpInvoice(w, hcp, { number: '1042' })],
  ['Jobber', 'invoice', JOBBER_INVOICE, (w: never) => jobberInvoice(w, jobber)],
] as const;

describe('fuzzing the vendor mappers', { timeout: FUZZ_TIMEOUT_MS }, () => {
  for (const [vendor, entity, base, map] of CASES) {
    it(`maps or reports every corrupted ${vendor} ${entity}, naming it`, () => {
      fc.assert(
        fc.property(corrupted(base as Record<string, unknown>), (wire) => {
          const collect = new ReadCollector('vendor', vendor);
          const id = String((wire as { id?: unknown }).id ?? '');
          collect.add(entity, id || undefined, 'http://127.0.0.1/x', () => map(wire as never) as never);
          for (const r of collect.records)
            for (const [k, v] of Object.entries(r))
              if (/cents$/i.test(k) && typeof v === 'number') expect(Number.isSafeInteger(v)).toBe(true);
          for (const p of collect.problems) expect(p.message.startsWith(`${vendor} ${entity} `)).toBe(true);
        }),
        runs(2_000),
      );
    });
  }
});
