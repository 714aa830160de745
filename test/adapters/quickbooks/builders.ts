// Builders for QuickBooks entities in wire shape (as QBO returns them), with sensible defaults so a
// test states only what it is about: `anInvoice({ TotalAmt: 0, PrivateNote: 'Voided' })`.

type Wire = Record<string, unknown>;

let nextId = 1;
const id = () => String(nextId++);

const meta = (created = '2024-05-01T09:00:00-07:00', updated = '2024-05-02T10:30:00-07:00') => ({
  CreateTime: created,
  LastUpdatedTime: updated,
});

export function aCustomer(overrides: Wire = {}): Wire {
  const Id = id();
  return {
    Id,
    SyncToken: '0',
    domain: 'QBO',
    DisplayName: `Customer ${Id}`,
    Active: true,
    Balance: 0,
    MetaData: meta(),
    ...overrides,
  };
}

export function aSalesLine(amount: number, overrides: Wire = {}, detail: Wire = {}): Wire {
  return {
    Amount: amount,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' }, Qty: 1, UnitPrice: amount, TaxCodeRef: { value: 'TAX' }, ...detail },
    ...overrides,
  };
}

export function aSubTotalLine(amount: number): Wire {
  return { Amount: amount, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} };
}

export function anInvoice(overrides: Wire = {}): Wire {
  const Id = id();
  return {
    Id,
    SyncToken: '0',
    domain: 'QBO',
    DocNumber: `10${Id}`,
    TxnDate: '2024-05-01',
    DueDate: '2024-05-31',
    CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
    Line: [aSalesLine(100), aSubTotalLine(100)],
    TotalAmt: 100,
    Balance: 100,
    MetaData: meta(),
    ...overrides,
  };
}

export function aPayment(overrides: Wire = {}): Wire {
  return {
    Id: id(),
    SyncToken: '0',
    TxnDate: '2024-05-03',
    CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
    TotalAmt: 100,
    UnappliedAmt: 0,
    Line: [],
    MetaData: meta(),
    ...overrides,
  };
}

export function aDeposit(overrides: Wire = {}): Wire {
  return { Id: id(), SyncToken: '0', TxnDate: '2024-05-04', TotalAmt: 0, Line: [], MetaData: meta(), ...overrides };
}

export function aNameListEntry(name: string, overrides: Wire = {}): Wire {
  return { Id: id(), SyncToken: '0', Name: name, FullyQualifiedName: name, Active: true, MetaData: meta(), ...overrides };
}

export function somePreferences(accounting: Wire = {}): Wire {
  return {
    AccountingInfoPrefs: { ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: false, TrackDepartments: false, ...accounting },
  };
}

/** A discount on the invoice: QuickBooks sends the amount taken off as a positive Amount. */
export function aDiscountLine(amount: number, percent?: number): Wire {
  return {
    Amount: amount,
    DetailType: 'DiscountLineDetail',
    DiscountLineDetail: {
      PercentBased: percent !== undefined,
      ...(percent !== undefined ? { DiscountPercent: percent } : {}),
      DiscountAccountRef: { value: '86', name: 'Discounts given' },
    },
  };
}

/** An account from the chart of accounts, e.g. `anAccount('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds')`. */
export function anAccount(name: string, type: string, subType: string, overrides: Wire = {}): Wire {
  return { ...aNameListEntry(name), AccountType: type, AccountSubType: subType, Classification: 'Asset', CurrentBalance: 0, ...overrides };
}

/**
 * A Payment line linking one transaction, as QBO returns it (LineEx echoes the link as name/value
 * pairs). A credit memo applied to an invoice is a Payment with an Invoice line and a CreditMemo line.
 */
export function aLinkedLine(amount: number, TxnType: 'Invoice' | 'CreditMemo', TxnId: string): Wire {
  const pair = (Name: string, Value: string) => ({
    name: '{http://schema.intuit.com/finance/v3}NameValue',
    declaredType: 'com.intuit.schema.finance.v3.NameValue',
    scope: 'javax.xml.bind.JAXBElement$GlobalScope',
    value: { Name, Value },
    nil: false,
    globalScope: true,
    typeSubstituted: false,
  });
  return {
    Amount: amount,
    LinkedTxn: [{ TxnId, TxnType }],
    LineEx: { any: [pair('txnId', TxnId), pair('txnReferenceNumber', `${TxnType[0]}-${TxnId}`)] },
  };
}

export function aCreditMemo(overrides: Wire = {}): Wire {
  const Id = id();
  return {
    Id,
    SyncToken: '0',
    domain: 'QBO',
    DocNumber: `CM-${Id}`,
    TxnDate: '2024-05-05',
    CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
    Line: [aSalesLine(25), aSubTotalLine(25)],
    TotalAmt: 25,
    Balance: 0,
    RemainingCredit: 0,
    MetaData: meta(),
    ...overrides,
  };
}

/** A sale paid on the spot: invoice fields plus the payment taken (method, reference, deposit account). */
export function aSalesReceipt(overrides: Wire = {}): Wire {
  return {
    ...anInvoice({ Balance: 0 }),
    PaymentMethodRef: { value: '2', name: 'Check' },
    PaymentRefNum: '10264',
    DepositToAccountRef: { value: '4', name: 'Undeposited Funds' },
    ...overrides,
  };
}
