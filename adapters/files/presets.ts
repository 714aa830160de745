// Column headers of each vendor's own exports, per canonical field. Every header here is marked
// [inferred] in the vendor reference (report layouts differ between accounts and change without
// notice), so each can be overridden under `columns` in the config; a renamed column is refused
// with the header it looked for and the key to map it under.
import type { FileEntity } from './columns';

type Preset = Partial<Record<FileEntity, Record<string, string>>>;

export const VENDOR_PRESETS: Record<'servicetitan' | 'jobber' | 'housecallpro', Preset> = {
  // Reports → Invoice report (Excel/CSV). `Status` is the accounting state Pending/Posted/Exported.
  servicetitan: {
    invoices: {
      id: 'Invoice #',
      number: 'Invoice #',
      date: 'Invoice Date',
      job_number: 'Job #',
      customer_name: 'Customer Name',
      business_unit: 'Business Unit',
      tax: 'Tax',
      total: 'Total',
      balance: 'Balance',
      sync_status: 'Status',
    },
    jobs: {
      id: 'Job #',
      number: 'Job #',
      customer_name: 'Customer Name',
      business_unit: 'Business Unit',
      completed_at: 'Completed On',
      status: 'Job Status',
      total: 'Total',
    },
  },
  // Reports → Invoices → Export CSV.
  jobber: {
    invoices: {
      id: 'Invoice #',
      number: 'Invoice #',
      customer_name: 'Client name',
      status: 'Status',
      date: 'Issued date',
      due_date: 'Due date',
      tax: 'Tax ($)',
      total: 'Total ($)',
      balance: 'Balance ($)',
      job_number: 'Job #(s)',
    },
  },
  // Reporting → Jobs / Invoices → Export. Amounts are dollars in exports (cents in the API).
  housecallpro: {
    invoices: {
      id: 'Invoice Number',
      number: 'Invoice Number',
      job_number: 'Invoice Number',
      created_at: 'Created At',
      date: 'Date',
      customer_name: 'Customer',
      email: 'Email',
      total: 'Invoice amount',
    },
    customers: {
      id: 'Customer',
      name: 'Customer',
      first_name: 'First Name',
      last_name: 'Last Name',
      email: 'Email',
      company: 'Company',
      phone: 'Mobile Phone',
      address: 'Street',
      city: 'City',
      state: 'State',
      zip: 'Zip',
    },
  },
};
