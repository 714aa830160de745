// The QuickBooks side as the QuickBooks Online API returns it (reference §3): one JSON array per
// entity for the sandbox server, plus the company's info and preferences.
import { CLASSES, COMPANY_NAME, ITEMS, ITEM_NAMES, LOCATIONS } from './catalogue';
import { DAY, addDays, localDate, qboStamp } from './clock';
import type { Line, QboInvoice, World } from './model';

type Wire = Record<string, unknown>;

const dollars = (cents: number) => cents / 100;
const meta = (created: number, updated = created) => ({ CreateTime: qboStamp(created), LastUpdatedTime: qboStamp(updated) });
const USD = { value: 'USD', name: 'United States Dollar' };
/** Class ids are long numeric strings in QuickBooks. */
const CLASS_ID: Record<string, string> = { Residential: '5000000000000012301', Commercial: '5000000000000012302' };
const DEPARTMENT_ID = (name: string) => String(LOCATIONS.indexOf(name as (typeof LOCATIONS)[number]) + 1);
const ITEM_ID = (name: string) => String(ITEM_NAMES.indexOf(name) + 1);

/** The accounts the demo's transactions point at: [Id, Name, AccountType, AccountSubType]. */
const ACCOUNTS: Array<[string, string, string, string]> = [
  ['4', 'Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
  ['35', 'Checking', 'Bank', 'Checking'],
  ['79', 'Services', 'Income', 'ServiceFeeIncome'],
  ['88', 'Merchant Fees', 'Expense', 'BankCharges'],
];

function docNumber(q: QboInvoice): string {
  const n = q.ownNumber ?? (q.upstream ?? q.numberOf)?.number;
  if (n === undefined) throw new Error('demo: a QuickBooks invoice without a number');
  return n;
}

function salesLine(l: Line, i: number): Wire {
  return {
    Id: String(i + 1),
    LineNum: i + 1,
    Amount: dollars(l.amount),
    Description: l.item,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: {
      ItemRef: { value: ITEM_ID(l.item), name: l.item },
      Qty: l.qty,
      UnitPrice: dollars(l.unitPrice),
      TaxCodeRef: { value: l.taxable ? 'TAX' : 'NON' },
    },
  };
}

function invoice(w: World, q: QboInvoice): Wire {
  const payments = w.qboPayments.filter((p) => p.invoice === q);
  const commercial = q.className === 'Commercial' || (!q.className && q.upstream?.className === 'Commercial');
  return {
    Id: q.id,
    SyncToken: String(payments.length),
    domain: 'QBO',
    sparse: false,
    DocNumber: docNumber(q),
    TxnDate: q.txnDate,
    DueDate: addDays(q.txnDate, commercial ? 30 : 0),
    CustomerRef: { value: q.customer.id, name: q.customer.name },
    ...(q.className ? { ClassRef: { value: CLASS_ID[q.className], name: q.className } } : {}),
    DepartmentRef: { value: DEPARTMENT_ID(q.location), name: q.location },
    ...(q.upstream ? { PrivateNote: `FieldPro invoice ${q.upstream.id} · job ${q.upstream.job.number}` } : {}),
    Line: [
      ...q.lines.map(salesLine),
      { Amount: dollars(q.lines.reduce((n, l) => n + l.amount, 0)), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
    ],
    ...(q.tax !== undefined ? { TxnTaxDetail: { TxnTaxCodeRef: { value: '3' }, TotalTax: dollars(q.tax) } } : {}),
    TotalAmt: dollars(q.total),
    Balance: dollars(q.balance),
    Deposit: 0,
    LinkedTxn: payments.map((p) => ({ TxnId: p.id, TxnType: 'Payment' })),
    BillEmail: { Address: q.email },
    EmailStatus: 'EmailSent',
    PrintStatus: 'NotSet',
    ApplyTaxAfterDiscount: false,
    CurrencyRef: USD,
    MetaData: meta(q.created, q.updated),
  };
}

function customers(w: World): Wire[] {
  // What a customer owes: open invoice balances less payments not applied to any of them.
  const owed = new Map<string, number>();
  for (const q of w.qboInvoices) owed.set(q.customer.id, (owed.get(q.customer.id) ?? 0) + q.balance);
  for (const p of w.qboPayments) if (!p.invoice) owed.set(p.customer.id, (owed.get(p.customer.id) ?? 0) - p.amount);
  return w.qboCustomers.map((c) => ({
    Id: c.id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    DisplayName: c.name,
    ...(c.first ? { GivenName: c.first } : {}),
    ...(c.last ? { FamilyName: c.last } : {}),
    ...(c.company ? { CompanyName: c.company } : {}),
    FullyQualifiedName: c.name,
    PrintOnCheckName: c.name,
    PrimaryEmailAddr: { Address: c.email },
    PrimaryPhone: { FreeFormNumber: c.phone },
    BillAddr: { Line1: c.address.line1, City: c.address.city, CountrySubDivisionCode: c.address.state, PostalCode: c.address.zip },
    Job: false,
    BillWithParent: false,
    Active: true,
    Taxable: true,
    Balance: dollars(owed.get(c.id) ?? 0),
    BalanceWithJobs: dollars(owed.get(c.id) ?? 0),
    PreferredDeliveryMethod: 'Email',
    CurrencyRef: USD,
    MetaData: meta(c.created, c.updated),
  }));
}

function payments(w: World): Wire[] {
  return w.qboPayments.map((p) => {
    const up = p.upstream;
    const method = { card: ['3', 'Credit Card'], check: ['2', 'Check'], ach: ['5', 'ACH'], cash: ['1', 'Cash'] }[up.method];
    return {
      Id: p.id,
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      TxnDate: localDate(up.received),
      CustomerRef: { value: p.customer.id, name: p.customer.name },
      TotalAmt: dollars(p.amount),
      UnappliedAmt: p.invoice ? 0 : dollars(p.amount),
      PaymentRefNum: up.reference,
      PaymentMethodRef: { value: method[0], name: method[1] },
      DepositToAccountRef: { value: '4', name: 'Undeposited Funds' },
      ProcessPayment: false,
      PrivateNote: `${up.source === 'fieldpro' ? 'FieldPro' : 'Card'} payment ${up.id}`,
      Line: p.invoice ? [{ Amount: dollars(p.amount), LinkedTxn: [{ TxnId: p.invoice.id, TxnType: 'Invoice' }] }] : [],
      CurrencyRef: USD,
      MetaData: meta(p.created),
    };
  });
}

function deposits(w: World): Wire[] {
  return w.deposits.map((d) => {
    const sum = d.payments.reduce((n, p) => n + p.amount, 0);
    return {
      Id: d.id,
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      TxnDate: localDate(d.date),
      DepositToAccountRef: { value: '35', name: 'Checking' },
      // The bank receives the payments net of the processor's fee, booked or not.
      TotalAmt: dollars(sum - d.fee),
      Line: [
        ...d.payments.map((p) => ({ Amount: dollars(p.amount), LinkedTxn: [{ TxnId: p.id, TxnType: 'Payment', TxnLineId: '0' }] })),
        ...(d.fee > 0 && d.feeBooked
          ? [
              {
                Amount: -dollars(d.fee),
                DetailType: 'DepositLineDetail',
                Description: 'Merchant fees',
                DepositLineDetail: { AccountRef: { value: '88', name: 'Merchant Fees' } },
              },
            ]
          : []),
      ],
      CurrencyRef: USD,
      MetaData: meta(d.date),
    };
  });
}

/** File name under `quickbooks/` → JSON value. */
export function quickbooksFiles(w: World): Record<string, unknown> {
  const setUp = w.now - 900 * DAY;
  const nameList = (name: string, i: number, extra: Wire = {}) => ({
    Id: extra['Id'] ?? String(i + 1),
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    Name: name,
    FullyQualifiedName: name,
    Active: true,
    ...extra,
    MetaData: meta(setUp),
  });
  return {
    'CompanyInfo.json': {
      Id: '1',
      SyncToken: '3',
      domain: 'QBO',
      CompanyName: COMPANY_NAME,
      LegalName: `${COMPANY_NAME} LLC`,
      Country: 'US',
      CompanyAddr: { Line1: '2200 Industrial Dr', City: 'Skokie', CountrySubDivisionCode: 'IL', PostalCode: '60076' },
      Email: { Address: 'books@summitcomfort.example' },
      MetaData: meta(setUp),
    },
    'Preferences.json': {
      Id: '1',
      SyncToken: '5',
      domain: 'QBO',
      AccountingInfoPrefs: {
        ClassTrackingPerTxn: true,
        ClassTrackingPerTxnLine: false,
        TrackDepartments: true,
        DepartmentTerminology: 'Location',
      },
      MetaData: meta(setUp),
    },
    'Class.json': CLASSES.map((name, i) => nameList(name, i, { Id: CLASS_ID[name], SubClass: false })),
    'Department.json': LOCATIONS.map((name, i) => nameList(name, i, { SubDepartment: false })),
    'Item.json': ITEM_NAMES.map((name, i) =>
      nameList(name, i, {
        Type: 'Service',
        Taxable: true,
        UnitPrice: dollars(ITEMS[name]!.price),
        IncomeAccountRef: { value: '79', name: 'Services' },
      }),
    ),
    'Account.json': ACCOUNTS.map(([Id, name, type, subType]) =>
      nameList(name, 0, {
        Id,
        AccountType: type,
        AccountSubType: subType,
        Classification: type === 'Income' ? 'Revenue' : type === 'Expense' ? 'Expense' : 'Asset',
      }),
    ),
    'Customer.json': customers(w),
    'Invoice.json': w.qboInvoices.map((q) => invoice(w, q)),
    'Payment.json': payments(w),
    'Deposit.json': deposits(w),
  };
}
