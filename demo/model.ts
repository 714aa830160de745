// The demo company's records on both sides, before they are written as export files and
// QuickBooks wire JSON.

export interface Address {
  line1: string;
  city: string;
  state: string;
  zip: string;
}

export interface UpCustomer {
  id: string;
  name: string;
  first?: string;
  last?: string;
  company?: string;
  email: string;
  phone: string;
  address: Address;
  quickbooksId?: string;
  created: number;
  updated: number;
  syncError?: string;
}

export interface QbCustomer {
  Id: string;
  name: string;
  email: string;
  phone: string;
  address: Address;
  balance: number;
  created: number;
  updated: number;
}

export interface UpJob {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: 'scheduled' | 'in_progress' | 'completed' | 'canceled';
  completedAt?: number;
  technician: string;
  location: string;
  unit: string;
  created: number;
  updated: number;
}

export interface Line {
  item: string;
  amount: number;
}

export interface UpInvoice {
  id: string;
  number: string;
  jobNumber: string;
  customerId: string;
  customerName: string;
  issued: number;
  lines: Line[];
  tax: number;
  total: number;
  /** Written instead of the total when set (a malformed export row). */
  rawTotal?: string;
  balance: number;
  status: 'open' | 'paid' | 'void';
  className: string;
  location: string;
  unit: string;
  email: string;
  syncStatus: string;
  syncError?: string;
  updated: number;
}

export interface QbInvoice {
  Id: string;
  docNumber: string;
  customerId: string;
  customerName: string;
  issued: number;
  lines: Line[];
  tax: number;
  total: number;
  balance: number;
  className?: string;
  location: string;
  privateNote?: string;
  email: string;
  created: number;
  updated: number;
}

export interface UpPayment {
  source: 'fieldpro' | 'card-payments';
  id: string;
  reference: string;
  customerId: string;
  customerName: string;
  received: number;
  amount: number;
  invoiceId: string;
  invoiceNumber: string;
  method: string;
  updated: number;
}

export interface QbPayment {
  Id: string;
  reference: string;
  customerId: string;
  customerName: string;
  received: number;
  amount: number;
  unapplied: number;
  invoiceId?: string;
  privateNote: string;
  method: string;
  created: number;
}

export interface QbDeposit {
  Id: string;
  date: number;
  paymentIds: string[];
  total: number;
  /** Fee booked as a line; 0 when the bookkeeper forgot it. */
  feeBooked: number;
}

export interface World {
  now: number;
  upCustomers: UpCustomer[];
  qbCustomers: QbCustomer[];
  jobs: UpJob[];
  upInvoices: UpInvoice[];
  qbInvoices: QbInvoice[];
  upPayments: UpPayment[];
  qbPayments: QbPayment[];
  deposits: QbDeposit[];
}

export interface ExpectedFinding {
  /** Catalogue row (1–15); 0 for the malformed export row. */
  row: number;
  ruleId: string;
  side: 'upstream' | 'quickbooks' | 'source';
  source: string;
  sourceId: string;
  note: string;
}

export const LOCATIONS = ['North', 'South', 'East'] as const;
export const TRADES = ['HVAC', 'Plumbing', 'Electrical'] as const;
export const ITEMS: Record<(typeof TRADES)[number], Array<[string, number]>> = {
  HVAC: [['AC Tune-Up', 14900], ['Furnace Repair', 38500], ['Filter Replacement', 4500], ['Service Call', 8900]],
  Plumbing: [['Drain Cleaning', 22500], ['Water Heater Install', 165000], ['Service Call', 8900]],
  Electrical: [['Panel Upgrade', 240000], ['Service Call', 8900]],
};
export const ALL_ITEMS = [...new Set(Object.values(ITEMS).flat().map(([name]) => name))];
export const TAX_RATE = 0.0825;
