// The demo company's records on both sides, as plain data that points at its counterparts. Ids and
// numbers are assigned once everything exists (see assign-ids.ts), in the order each system would
// have issued them, so the injected failures sit among the healthy records like real ones.
import type { ContactBook } from './contacts';
import type { Random } from './random';

export type Location = 'North' | 'South' | 'East';
export type Trade = 'HVAC' | 'Plumbing' | 'Electrical';
export type ClassName = 'Residential' | 'Commercial';
export type JobStatus = 'scheduled' | 'in_progress' | 'completed' | 'canceled' | 'on_hold';
export type Method = 'card' | 'check' | 'ach' | 'cash';

export interface Address {
  line1: string;
  city: string;
  state: string;
  zip: string;
}

/** Fields every record has: a creation order (ties in time break by it) and its id, set at the end. */
interface Numbered {
  seq: number;
  id: string;
}

export interface Contact {
  name: string;
  first?: string;
  last?: string;
  company?: string;
  email: string;
  phone: string;
  address: Address;
}

/** A FieldPro customer. */
export interface Customer extends Numbered, Contact {
  location: Location;
  className: ClassName;
  created: number;
  updated: number;
  active: boolean;
  syncError?: string;
  qbo?: QboCustomer;
  /** Taken by an injected failure: other injections and the healthy flow leave it alone. */
  reserved: boolean;
}

export interface QboCustomer extends Numbered, Contact {
  created: number;
  updated: number;
}

export interface Job extends Numbered {
  number: string;
  customer: Customer;
  status: JobStatus;
  trade: Trade;
  location: Location;
  /** FieldPro's business unit, e.g. "HVAC - North". */
  unit: string;
  technician: string;
  created: number;
  updated: number;
  completed?: number;
  /** Estimate or final amount, in cents. */
  total?: number;
}

export interface Line {
  item: string;
  qty: number;
  unitPrice: number;
  amount: number;
  taxable: boolean;
}

/** A FieldPro invoice. */
export interface Invoice extends Numbered {
  number: string;
  job: Job;
  customer: Customer;
  created: number;
  issued: number;
  updated: number;
  lines: Line[];
  tax: number;
  total: number;
  balance: number;
  status: 'open' | 'paid' | 'void';
  className: ClassName;
  syncStatus: 'synced' | 'pending' | 'failed';
  syncError?: string;
  /** Written in place of the total: a malformed export row. */
  rawTotal?: string;
  qbo?: QboInvoice;
}

export interface QboInvoice extends Numbered {
  customer: QboCustomer;
  /** The FieldPro invoice the sync wrote into PrivateNote (and took DocNumber from). */
  upstream?: Invoice;
  /** DocNumber copied from another invoice by hand, with no link. */
  numberOf?: Invoice;
  /** DocNumber from QuickBooks' own counter (typed in by hand). */
  ownNumber?: string;
  txnDate: string;
  created: number;
  updated: number;
  lines: Line[];
  /** Undefined: no tax detail at all. */
  tax: number | undefined;
  total: number;
  balance: number;
  className?: ClassName;
  location: Location;
  email: string;
}

export interface Payment extends Numbered {
  /** The export it appears in: FieldPro's, or the card processor's. */
  source: 'fieldpro' | 'card-payments';
  reference: string;
  invoice: Invoice;
  received: number;
  amount: number;
  method: Method;
  qbo?: QboPayment;
}

export interface QboPayment extends Numbered {
  upstream: Payment;
  customer: QboCustomer;
  /** The invoice it is applied to; undefined leaves the whole amount unapplied. */
  invoice?: QboInvoice;
  created: number;
  amount: number;
  /** Kept out of every deposit (stuck in Undeposited Funds). */
  undeposited: boolean;
}

export interface Deposit extends Numbered {
  date: number;
  payments: QboPayment[];
  /** Merchant fees withheld by the card processor, in cents. */
  fee: number;
  /** Whether the fee is booked as a line; when not, the deposit total still is net of it. */
  feeBooked: boolean;
}

export type FindingSide = 'upstream' | 'quickbooks' | 'source';

/** A finding the checker must raise, before ids exist; resolved to an ExpectedFinding at the end. */
export interface PendingFinding {
  row: number;
  ruleId: string;
  side: FindingSide;
  subject: Numbered | { source: string };
  note: string;
}

export interface World {
  now: number;
  customers: Customer[];
  qboCustomers: QboCustomer[];
  jobs: Job[];
  invoices: Invoice[];
  /** Deleted in FieldPro after they synced: numbered, but absent from the export. */
  deletedInvoices: Invoice[];
  qboInvoices: QboInvoice[];
  payments: Payment[];
  qboPayments: QboPayment[];
  deposits: Deposit[];
  expected: PendingFinding[];
  /** Creation counter behind every `seq`. */
  seq: number;
}

export function emptyWorld(now: number): World {
  return {
    now,
    customers: [],
    qboCustomers: [],
    jobs: [],
    invoices: [],
    deletedInvoices: [],
    qboInvoices: [],
    payments: [],
    qboPayments: [],
    deposits: [],
    expected: [],
    seq: 0,
  };
}

export function nextSeq(w: World): number {
  return ++w.seq;
}

/** What every generator step works on: the world, the seeded randomness, names already given out. */
export interface Gen {
  w: World;
  rand: Random;
  book: ContactBook;
  /** Payment references handed out so far (a reference is a fallback match key, so never reused). */
  references: Set<string>;
}
