// The sample data `init` writes so the first `run --once` shows what the product does before any
// real data or QuickBooks connection exists: four invoices exported upstream in the chosen vendor's
// own column headers, and a QuickBooks company (served by the bundled sandbox) in which one of them
// never arrived and one carries a different total.
import { DateTime } from 'luxon';
import type { InitAnswers, Upstream } from './answers';

export const SAMPLE_FOLDER = 'exports';
export const QUICKBOOKS_SAMPLE_FOLDER = 'quickbooks-sample';

interface SampleInvoice {
  number: string;
  job: string;
  customer: string;
  daysAgo: number;
  cents: number;
  /** What QuickBooks holds: the same total, another one, or nothing (never synced). */
  inQuickbooks: 'same' | number | 'missing';
}

const CUSTOMERS = ['Rivera Residence', 'Oakline Dental', 'Hughes Family'] as const;

const INVOICES: SampleInvoice[] = [
  { number: '1001', job: '5001', customer: 'Rivera Residence', daysAgo: 9, cents: 38_500, inQuickbooks: 'same' },
  { number: '1002', job: '5002', customer: 'Oakline Dental', daysAgo: 8, cents: 124_000, inQuickbooks: 'same' },
  { number: '1003', job: '5003', customer: 'Hughes Family', daysAgo: 7, cents: 22_000, inQuickbooks: 20_200 },
  { number: '1004', job: '5004', customer: 'Rivera Residence', daysAgo: 6, cents: 14_500, inQuickbooks: 'missing' },
];

const dollars = (cents: number) => (cents / 100).toFixed(2);

/** Column headers and one row per invoice, as each vendor's invoice report exports them. */
const LAYOUTS: Record<
  'generic' | 'servicetitan' | 'jobber' | 'housecallpro',
  { file: string; headers: string[]; row: (i: SampleInvoice, date: string) => string[] }
> = {
  generic: {
    file: 'invoices.csv',
    headers: ['id', 'number', 'job_number', 'customer_name', 'date', 'total', 'balance', 'status'],
    row: (i, date) => [i.number, i.number, i.job, i.customer, date, dollars(i.cents), dollars(i.cents), 'open'],
  },
  servicetitan: {
    file: 'invoices-servicetitan.csv',
    headers: ['Invoice #', 'Invoice Date', 'Job #', 'Customer Name', 'Business Unit', 'Tax', 'Total', 'Balance', 'Status'],
    row: (i, date) => [i.number, date, i.job, i.customer, 'Residential HVAC', '0.00', dollars(i.cents), dollars(i.cents), 'Exported'],
  },
  jobber: {
    file: 'invoices-jobber.csv',
    headers: ['Invoice #', 'Client name', 'Status', 'Issued date', 'Due date', 'Tax ($)', 'Total ($)', 'Balance ($)', 'Job #(s)'],
    row: (i, date) => [i.number, i.customer, 'Awaiting payment', date, date, '0.00', dollars(i.cents), dollars(i.cents), i.job],
  },
  housecallpro: {
    file: 'invoices-housecallpro.csv',
    headers: ['Invoice Number', 'Created At', 'Date', 'Customer', 'Email', 'Invoice amount'],
    row: (i, date) => [i.number, `${date} 09:00`, date, i.customer, '', dollars(i.cents)],
  },
};

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The sample export for `exports/`: file name and CSV text. */
export function sampleExport(upstream: Upstream, zone: string, now: Date): { file: string; text: string } {
  const layout = LAYOUTS[upstream === 'files' || upstream === 'http' ? 'generic' : upstream];
  const day = (n: number) => DateTime.fromJSDate(now, { zone }).minus({ days: n }).toISODate()!;
  const rows = INVOICES.map((i) => layout.row(i, day(i.daysAgo)).map(csvCell).join(','));
  return { file: layout.file, text: `${[layout.headers.join(','), ...rows].join('\n')}\n` };
}

/** The QuickBooks company for `quickbooks-sample/`: file name → JSON in QuickBooks' own wire shape. */
export function sampleQuickbooks(a: Pick<InitAnswers, 'companyName' | 'timeZone'>, now: Date): Record<string, unknown> {
  const at = (daysAgo: number) => DateTime.fromJSDate(now, { zone: a.timeZone }).minus({ days: daysAgo });
  const meta = (daysAgo: number) => ({ CreateTime: at(daysAgo).toISO(), LastUpdatedTime: at(daysAgo).toISO() });
  const customerId = (name: string) => String(CUSTOMERS.indexOf(name as (typeof CUSTOMERS)[number]) + 1);
  const synced = INVOICES.filter((i) => i.inQuickbooks !== 'missing');
  return {
    'CompanyInfo.json': { CompanyName: `${a.companyName} (sample)`, Country: 'US' },
    'Customer.json': CUSTOMERS.map((name, n) => ({
      Id: String(n + 1),
      SyncToken: '0',
      DisplayName: name,
      Active: true,
      Balance: 0,
      MetaData: meta(30),
    })),
    'Invoice.json': synced.map((i, n) => {
      const cents = i.inQuickbooks === 'same' ? i.cents : (i.inQuickbooks as number);
      return {
        Id: String(101 + n),
        SyncToken: '0',
        DocNumber: i.number,
        TxnDate: at(i.daysAgo).toISODate(),
        CustomerRef: { value: customerId(i.customer), name: i.customer },
        Line: [{ Amount: cents / 100, DetailType: 'SalesItemLineDetail', Description: 'Service call', SalesItemLineDetail: { Qty: 1 } }],
        TotalAmt: cents / 100,
        Balance: cents / 100,
        // Synced soon after it was issued and touched again within the hour: a QuickBooks company
        // whose newest change is days old would (rightly) read as a stalled sync.
        MetaData: {
          CreateTime: at(i.daysAgo - 1).toISO(),
          LastUpdatedTime: at(0)
            .minus({ hours: n + 1 })
            .toISO(),
        },
      };
    }),
  };
}
