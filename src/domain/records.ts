// Canonical records: what every source is turned into before anything is compared.
// Money is integer cents; instants are ISO-8601 UTC strings; calendar dates are YYYY-MM-DD.

export type Side = 'upstream' | 'quickbooks';

export type EntityKind = 'customer' | 'job' | 'invoice' | 'payment' | 'deposit' | 'class' | 'location' | 'item' | 'account';

/** Where a record was read from, so a finding can name the file and row or the API object. */
export interface Origin {
  file?: string;
  row?: number;
  url?: string;
}

export interface RecordBase {
  side: Side;
  /** The configured source id, e.g. `fieldpro-export` or `quickbooks`. */
  source: string;
  /** The record's id inside its own system. */
  sourceId: string;
  /** Last change in the source system (UTC instant), when the source tells it. */
  updatedAt: string | null;
  createdAt?: string | null;
  /** Who created or last changed it in its system, when known (QuickBooks audit user, upstream employee). */
  createdBy?: string;
  /** sha1 of the canonical fields (not of `updatedAt`), so an unchanged record is recognised cheaply. */
  hash: string;
  origin?: Origin;
}

export interface Address {
  line1?: string;
  city?: string;
  region?: string;
  postalCode?: string;
}

export interface CustomerRecord extends RecordBase {
  entity: 'customer';
  displayName: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  /** Lower-cased and trimmed. */
  email?: string;
  /** E.164 when it parses, else the digits. */
  phone?: string;
  address?: Address;
  /** The other system's id for this customer, when the sync tool recorded it. */
  externalId?: string;
  /** The customer this one is a sub-customer (job, property) of, on the same side. */
  parentId?: string;
  active: boolean;
  balanceCents?: number;
  syncStatus?: string;
  syncError?: string;
}

export type JobStatus = 'scheduled' | 'in_progress' | 'completed' | 'canceled' | 'on_hold';

export interface JobRecord extends RecordBase {
  entity: 'job';
  number: string;
  customerId?: string;
  customerName?: string;
  status: JobStatus;
  completedAt?: string | null;
  technician?: string;
  location?: string;
  businessUnit?: string;
  totalCents?: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';

export interface InvoiceLine {
  /** A discount on the invoice (QuickBooks DiscountLineDetail): a negative amount with no item, never a missing item. */
  discount?: true;
  item?: string;
  description?: string;
  amountCents: number;
  qty?: number;
  className?: string;
  taxable?: boolean;
}

export interface InvoiceRecord extends RecordBase {
  entity: 'invoice';
  /** Invoice number (QuickBooks DocNumber). */
  number?: string;
  jobNumber?: string;
  customerId?: string;
  customerName?: string;
  /** Calendar date of the invoice. */
  txnDate?: string;
  dueDate?: string;
  /** When the invoice was issued (upstream) — the clock for late/missing. */
  issuedAt?: string | null;
  totalCents: number;
  taxCents?: number;
  balanceCents?: number;
  status: InvoiceStatus;
  className?: string;
  location?: string;
  lines: InvoiceLine[];
  /**
   * Upstream: the id the sync tool writes into QuickBooks for this invoice.
   * QuickBooks: that id as found in PrivateNote or a custom field.
   */
  linkId?: string;
  customFields?: Record<string, string>;
  privateNote?: string;
  /** Upstream export state (`exported`, `pending`, `failed` …), when the vendor reports one. */
  syncStatus?: string;
  /** The sync tool's last error for this record, when the vendor reports one ("Duplicate Name Exists"). */
  syncError?: string;
  email?: string;
  /** QuickBooks: whether the invoice was e-mailed to the customer (EmailStatus EmailSent), when QuickBooks says. */
  sentToCustomer?: boolean;
  /** QuickBooks sales receipt: the payment reference (PaymentRefNum) of the money taken on the spot. */
  reference?: string;
}

export interface PaymentApplication {
  /** sourceId of the invoice on the same side, when known. */
  invoiceId?: string;
  invoiceNumber?: string;
  amountCents: number;
}

export interface PaymentRecord extends RecordBase {
  entity: 'payment';
  reference?: string;
  customerId?: string;
  customerName?: string;
  date?: string;
  receivedAt?: string | null;
  amountCents: number;
  unappliedCents?: number;
  appliedTo: PaymentApplication[];
  method?: string;
  /** QuickBooks: the name of the account it was deposited to (e.g. Undeposited Funds), when the reference carries one. */
  depositAccount?: string;
  /** QuickBooks: the id of that account (DepositToAccountRef.value), always present when the ref is. */
  depositAccountId?: string;
  linkId?: string;
  privateNote?: string;
  /** A credit (QuickBooks credit memo, upstream credit or adjustment): money owed back, not cash received. */
  credit?: boolean;
  /** QuickBooks: credits this payment applied to its invoices (a Payment line linking a CreditMemo). */
  creditsUsed?: CreditUse[];
}

export interface CreditUse {
  /** sourceId of the credit record on the same side (`cm-<Id>` in QuickBooks). */
  creditId: string;
  amountCents: number;
}

export interface DepositRecord extends RecordBase {
  entity: 'deposit';
  date?: string;
  totalCents: number;
  /** sourceIds of the payments the deposit carries. */
  paymentIds: string[];
  /** Merchant fees booked on the deposit (positive cents). */
  feeCents: number;
  /**
   * Money the deposit carries besides its payments (positive cents): sales receipts, other income.
   * Absent on records stored before it was read; zero then.
   */
  otherCents?: number;
  /** sourceIds of the sales receipts the deposit carries (`sr-<Id>`). */
  salesReceiptIds?: string[];
}

export interface ReferenceRecord extends RecordBase {
  entity: 'class' | 'location' | 'item' | 'account';
  name: string;
  fullName?: string;
  active: boolean;
  /** Accounts only: QuickBooks AccountType ("Other Current Asset", "Bank" …). */
  accountType?: string;
  /** Accounts only: QuickBooks AccountSubType; `UndepositedFunds` marks Undeposited Funds. */
  accountSubType?: string;
}

export type CanonicalRecord = CustomerRecord | JobRecord | InvoiceRecord | PaymentRecord | DepositRecord | ReferenceRecord;

/** QuickBooks company settings that change what counts as a problem. */
export interface CompanyPreferences {
  classTracking: 'transaction' | 'line' | 'off';
  trackLocations: boolean;
  locationTerm: string;
  timeZone?: string;
  companyName?: string;
}

/** A record a source could not turn into a canonical record (bad amount, missing column …). */
export interface RecordProblem {
  source: string;
  side: Side;
  entity?: EntityKind;
  /** The record's id when it was readable, else the file and row. */
  sourceId?: string;
  /** What else of the row's identity could be read: the record is unknown, not gone (invoice number, its job, payment reference). */
  number?: string;
  jobNumber?: string;
  reference?: string;
  origin?: Origin;
  field?: string;
  message: string;
}

/** QuickBooks sales receipts (money taken on the spot) join the invoices under this id prefix. */
export const SALES_RECEIPT_ID_PREFIX = 'sr-';

export function isSalesReceipt(inv: InvoiceRecord): boolean {
  return inv.side === 'quickbooks' && inv.sourceId.startsWith(SALES_RECEIPT_ID_PREFIX);
}

export function recordLabel(r: CanonicalRecord): string {
  switch (r.entity) {
    case 'invoice':
      return `Invoice ${r.number ?? r.sourceId}`;
    case 'job':
      return `Job ${r.number}`;
    case 'payment':
      return `Payment ${r.reference ?? r.sourceId}`;
    case 'customer':
      return `Customer ${r.displayName}`;
    case 'deposit':
      return `Deposit ${r.sourceId}`;
    default:
      return `${r.entity} ${r.name}`;
  }
}
