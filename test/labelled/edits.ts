// Edits made to one side's copy of an invoice after the sync wrote it: what a person does in the
// field tool or in QuickBooks, in each system's own wire shape.
import type { Books, Sale, Wire } from './books';
import { amt, dollars, qbTime, utc } from './clock';

/** Adds `cents` to a QuickBooks invoice's tax (and so to its total and balance). */
export function bump(qb: Wire, what: 'TxnTaxDetail' | 'TotalAmt', cents: number): void {
  if (what === 'TxnTaxDetail') qb['TxnTaxDetail'].TotalTax = amt(Math.round(qb['TxnTaxDetail'].TotalTax * 100) + cents);
  qb['TotalAmt'] = amt(Math.round(qb['TotalAmt'] * 100) + cents);
  qb['Balance'] = amt(Math.round(qb['Balance'] * 100) + cents);
}

/** The field tool's copy gains a line after export; QuickBooks keeps the old total. */
export function editTotal(s: Sale, cents: number, atMs: number): void {
  for (const f of ['total', 'balance']) s.inv[f] = dollars(Math.round(Number(s.inv[f]) * 100) + cents);
  s.inv['lines'] = `${s.inv['lines']}|Additional Labor=${dollars(cents)}`;
  s.inv['updated_at'] = utc(atMs);
}

export function touch(qb: Wire, atMs: number): void {
  qb['MetaData'] = { ...qb['MetaData'], LastUpdatedTime: qbTime(atMs) };
  qb['SyncToken'] = String(Number(qb['SyncToken']) + 1);
}

export function voidInQuickBooks(books: Books, qb: Wire, atMs: number): void {
  const cust = books.qb.Customer.find((c) => c['Id'] === qb['CustomerRef'].value)!;
  cust['Balance'] = amt(Math.round(cust['Balance'] * 100) - Math.round(qb['Balance'] * 100));
  for (const line of qb['Line']) {
    line.Amount = 0;
    if (line.SalesItemLineDetail) line.SalesItemLineDetail.Qty = 0;
  }
  Object.assign(qb, {
    TotalAmt: 0,
    Balance: 0,
    LinkedTxn: [],
    TxnTaxDetail: { TotalTax: 0 },
    PrivateNote: `Voided - ${qb['PrivateNote']}`,
  });
  touch(qb, atMs);
}
