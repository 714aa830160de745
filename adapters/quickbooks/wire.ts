// The QuickBooks fields sync-sentinel reads, validated where they enter: a row that does not fit
// becomes a RecordProblem naming the field instead of a crash or a silent zero. Unknown keys are dropped.
import { z } from 'zod';
import { parseMoneyToCents } from '../../src/domain/money';

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'is not an ISO-8601 date-time');
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date');
/** Money arrives as JSON numbers; converted to cents once, in the mappers (beyond whole cents' precision is no amount). */
const amount = z.number().refine((n) => parseMoneyToCents(n) !== undefined, 'is not an amount of money (too large to count in cents)');
const ref = z.object({ value: z.string(), name: z.string().optional() });
const address = z.object({
  Line1: z.string().optional(),
  City: z.string().optional(),
  CountrySubDivisionCode: z.string().optional(),
  PostalCode: z.string().optional(),
});
const linkedTxn = z.object({ TxnId: z.string(), TxnType: z.string() });

const base = {
  Id: z.string().min(1),
  MetaData: z.object({ CreateTime: isoInstant.optional(), LastUpdatedTime: isoInstant.optional() }).optional(),
};

export const customerWire = z.object({
  ...base,
  DisplayName: z.string().min(1),
  GivenName: z.string().optional(),
  FamilyName: z.string().optional(),
  CompanyName: z.string().optional(),
  PrimaryEmailAddr: z.object({ Address: z.string().optional() }).optional(),
  PrimaryPhone: z.object({ FreeFormNumber: z.string().optional() }).optional(),
  Mobile: z.object({ FreeFormNumber: z.string().optional() }).optional(),
  BillAddr: address.optional(),
  Active: z.boolean().optional(),
  Balance: amount.optional(),
  // A sub-customer (a job or property, FullyQualifiedName "Parent:Child") points at its parent.
  ParentRef: ref.optional(),
});

/** Lines whose Amount counts toward the total; a subtotal line is computed and repeats them. */
const MONEY_LINES = new Set(['SalesItemLineDetail', 'DiscountLineDetail']);

const lineFields = {
  Amount: amount.optional(),
  Description: z.string().optional(),
  DetailType: z.string().optional(),
  SalesItemLineDetail: z
    .object({ ItemRef: ref.optional(), ClassRef: ref.optional(), Qty: z.number().optional(), TaxCodeRef: ref.optional() })
    .optional(),
};
const hasAmount = (line: { DetailType?: string; Amount?: number }) => !MONEY_LINES.has(line.DetailType ?? '') || line.Amount !== undefined;
const amountMissing = () => ({ error: 'is missing on a sales line', path: ['Amount'] });

/** A bundle (GroupLineDetail) carries its sales lines inside; groups do not nest. */
const salesLine = z
  .object({
    ...lineFields,
    GroupLineDetail: z.object({ Line: z.array(z.object(lineFields).refine(hasAmount, amountMissing())).default([]) }).optional(),
  })
  .refine(hasAmount, amountMissing());

export const invoiceWire = z.object({
  ...base,
  DocNumber: z.string().optional(),
  TxnDate: calendarDate.optional(),
  DueDate: calendarDate.optional(),
  CustomerRef: ref.optional(),
  TotalAmt: amount,
  Balance: amount.optional(),
  TxnTaxDetail: z.object({ TotalTax: amount.optional() }).optional(),
  ClassRef: ref.optional(),
  DepartmentRef: ref.optional(),
  Line: z.array(salesLine).default([]),
  PrivateNote: z.string().optional(),
  CustomField: z.array(z.object({ Name: z.string().optional(), StringValue: z.string().optional() })).default([]),
  BillEmail: z.object({ Address: z.string().optional() }).optional(),
  /** NotSet, NeedToSend or EmailSent. */
  EmailStatus: z.string().optional(),
});

const moneyLine = z.object({ Amount: amount, LinkedTxn: z.array(linkedTxn).default([]) });

export const paymentWire = z.object({
  ...base,
  TxnDate: calendarDate.optional(),
  CustomerRef: ref.optional(),
  TotalAmt: amount,
  UnappliedAmt: amount.optional(),
  PaymentRefNum: z.string().optional(),
  PaymentMethodRef: ref.optional(),
  DepositToAccountRef: ref.optional(),
  Line: z.array(moneyLine).default([]),
  PrivateNote: z.string().optional(),
});

export const depositWire = z.object({
  ...base,
  TxnDate: calendarDate.optional(),
  TotalAmt: amount,
  Line: z.array(moneyLine).default([]),
});

/** Accounts are a name list too, with the type that says what the account is for. */
export const accountWire = z.object({
  ...base,
  Name: z.string().min(1),
  FullyQualifiedName: z.string().optional(),
  Active: z.boolean().optional(),
  AccountType: z.string().optional(),
  AccountSubType: z.string().optional(),
});

/** Class, Department and Item share the name-list fields the bot needs. */
export const nameListWire = z.object({
  ...base,
  Name: z.string().min(1),
  FullyQualifiedName: z.string().optional(),
  Active: z.boolean().optional(),
});

export const preferencesWire = z.object({
  AccountingInfoPrefs: z
    .object({
      ClassTrackingPerTxn: z.boolean().optional(),
      ClassTrackingPerTxnLine: z.boolean().optional(),
      TrackDepartments: z.boolean().optional(),
      DepartmentTerminology: z.string().optional(),
    })
    .optional(),
});

export const companyInfoWire = z.object({ CompanyName: z.string().optional() });

export type CustomerWire = z.output<typeof customerWire>;
export type InvoiceWire = z.output<typeof invoiceWire>;
export type PaymentWire = z.output<typeof paymentWire>;
export type WireMeta = CustomerWire['MetaData'];

export const creditMemoWire = z.object({
  ...base,
  DocNumber: z.string().optional(),
  TxnDate: calendarDate.optional(),
  CustomerRef: ref.optional(),
  TotalAmt: amount,
  Balance: amount.optional(),
  RemainingCredit: amount.optional(),
  PrivateNote: z.string().optional(),
});

/** What a sales receipt adds to an invoice's fields: the reference of the payment taken on the spot. */
export const salesReceiptPaymentWire = z.object({ PaymentRefNum: z.string().optional() });
