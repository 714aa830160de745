// The QuickBooks side of the demo, as the QuickBooks Online API returns it (reference §3).
import { DateTime } from 'luxon';
import type { World } from './model';
import { ALL_ITEMS, LOCATIONS } from './model';
import { day, ZONE } from './world';

const stamp = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
const meta = (created: number, updated = created) => ({ CreateTime: stamp(created), LastUpdatedTime: stamp(updated) });
const dollars = (cents: number) => cents / 100;
const CLASS_IDS: Record<string, string> = { Residential: '5000000000000010001', Commercial: '5000000000000010002' };
const itemId = (name: string) => String(ALL_ITEMS.indexOf(name) + 1);

export function toQuickbooks(w: World): Record<string, unknown> {
  const customerBalance = new Map<string, number>();
  for (const inv of w.qbInvoices) customerBalance.set(inv.customerId, (customerBalance.get(inv.customerId) ?? 0) + inv.balance);
  return {
    'CompanyInfo.json': { Id: '1', CompanyName: 'Summit Comfort Services', Country: 'US', domain: 'QBO', MetaData: meta(w.now - 900 * 86_400_000) },
    'Preferences.json': { AccountingInfoPrefs: { ClassTrackingPerTxn: true, ClassTrackingPerTxnLine: false, TrackDepartments: true, DepartmentTerminology: 'Location' } },
    'Class.json': Object.entries(CLASS_IDS).map(([Name, Id]) => ({ Id, SyncToken: '0', Name, SubClass: false, FullyQualifiedName: Name, Active: true, domain: 'QBO', MetaData: meta(w.now - 800 * 86_400_000) })),
    'Department.json': LOCATIONS.map((Name, i) => ({ Id: String(i + 1), SyncToken: '0', Name, SubDepartment: false, FullyQualifiedName: Name, Active: true, domain: 'QBO', MetaData: meta(w.now - 800 * 86_400_000) })),
    'Item.json': ALL_ITEMS.map((Name) => ({ Id: itemId(Name), SyncToken: '0', Name, FullyQualifiedName: Name, Type: 'Service', Active: true, domain: 'QBO', MetaData: meta(w.now - 800 * 86_400_000) })),
    'Customer.json': w.qbCustomers.map((c) => ({
      Id: c.Id,
      SyncToken: '1',
      domain: 'QBO',
      DisplayName: c.name,
      FullyQualifiedName: c.name,
      PrimaryEmailAddr: { Address: c.email },
      PrimaryPhone: { FreeFormNumber: c.phone },
      BillAddr: { Line1: c.address.line1, City: c.address.city, CountrySubDivisionCode: c.address.state, PostalCode: c.address.zip },
      Active: true,
      Balance: dollars(c.balance || customerBalance.get(c.Id) || 0),
      MetaData: meta(c.created, c.updated),
    })),
    'Invoice.json': w.qbInvoices.map((inv) => {
      const location = LOCATIONS.indexOf(inv.location as (typeof LOCATIONS)[number]);
      return {
        Id: inv.Id,
        SyncToken: '0',
        domain: 'QBO',
        DocNumber: inv.docNumber,
        TxnDate: day(inv.issued),
        DueDate: day(inv.issued + 30 * 86_400_000),
        CustomerRef: { value: inv.customerId, name: inv.customerName },
        ...(location >= 0 ? { DepartmentRef: { value: String(location + 1), name: inv.location } } : {}),
        ...(inv.className ? { ClassRef: { value: CLASS_IDS[inv.className], name: inv.className } } : {}),
        ...(inv.privateNote ? { PrivateNote: inv.privateNote } : {}),
        Line: [
          ...inv.lines.map((l, i) => ({ Id: String(i + 1), LineNum: i + 1, Amount: dollars(l.amount), Description: l.item, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: itemId(l.item), name: l.item }, Qty: 1, UnitPrice: dollars(l.amount), TaxCodeRef: { value: 'TAX' } } })),
          { Amount: dollars(inv.lines.reduce((n, l) => n + l.amount, 0)), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
        ],
        ...(inv.tax > 0 ? { TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: dollars(inv.tax) } } : {}),
        TotalAmt: dollars(inv.total),
        Balance: dollars(inv.balance),
        BillEmail: { Address: inv.email },
        CurrencyRef: { value: 'USD', name: 'United States Dollar' },
        MetaData: meta(inv.created, inv.updated),
      };
    }),
    'Payment.json': w.qbPayments.map((p) => ({
      Id: p.Id,
      SyncToken: '0',
      domain: 'QBO',
      TxnDate: day(p.received),
      CustomerRef: { value: p.customerId, name: p.customerName },
      TotalAmt: dollars(p.amount),
      UnappliedAmt: dollars(p.unapplied),
      PaymentRefNum: p.reference,
      PaymentMethodRef: { value: p.method === 'card' ? '3' : '2', name: p.method === 'card' ? 'Credit Card' : 'Check' },
      DepositToAccountRef: { value: '4', name: 'Undeposited Funds' },
      PrivateNote: p.privateNote,
      Line: p.invoiceId ? [{ Amount: dollars(p.amount), LinkedTxn: [{ TxnId: p.invoiceId, TxnType: 'Invoice' }] }] : [],
      MetaData: meta(p.received + 600_000, p.received + 600_000),
    })),
    'Deposit.json': w.deposits.map((d) => ({
      Id: d.Id,
      SyncToken: '0',
      domain: 'QBO',
      TxnDate: day(d.date),
      DepositToAccountRef: { value: '35', name: 'Checking' },
      TotalAmt: dollars(d.total),
      Line: [
        ...d.paymentIds.map((id) => ({ Amount: dollars(w.qbPayments.find((p) => p.Id === id)!.amount), LinkedTxn: [{ TxnId: id, TxnType: 'Payment', TxnLineId: '0' }] })),
        ...(d.feeBooked > 0 ? [{ Amount: -dollars(d.feeBooked), DetailType: 'DepositLineDetail', Description: 'Merchant fees', DepositLineDetail: { AccountRef: { value: '88', name: 'Merchant Fees' } } }] : []),
      ],
      MetaData: meta(d.date),
    })),
  };
}
