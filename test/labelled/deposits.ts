// The bookkeeper's side of the money: payments batched into bank deposits, card batches net of
// the processor's fee (booked as a negative line, as QuickBooks users do).
import { ACCOUNTS, meta, type Books, type Wire } from './books';
import { amt, DAY, localDate } from './clock';

/**
 * The bookkeeper's bank deposits: card payments batched per day, net of the processor's fee
 * (a negative line), checks per day; payments of the last four days are still undeposited.
 */
export function depositAll(books: Books): void {
  const cutoff = books.nowMs - 4 * DAY;
  const batches = new Map<string, Wire[]>();
  for (const p of books.qb.Payment) {
    if (
      p['DepositToAccountRef'].value !== ACCOUNTS.undeposited.Id ||
      books.keepUndeposited.has(p) ||
      Date.parse(p['MetaData'].CreateTime) > cutoff
    )
      continue;
    const key = `${p['TxnDate']}|${p['PaymentMethodRef'].name === 'Check' ? 'check' : 'card'}`;
    batches.set(key, [...(batches.get(key) ?? []), p]);
  }
  for (const [key, payments] of [...batches].sort(([a], [b]) => a.localeCompare(b)))
    deposit(books, payments, key.endsWith('card'), Date.parse(`${key.slice(0, 10)}T23:00:00Z`) + 2 * DAY);
}

export function deposit(books: Books, payments: Wire[], card: boolean, atMs: number, opts: { bookFee?: boolean } = {}): Wire {
  const sum = payments.reduce((n, p) => n + Math.round(p['TotalAmt'] * 100), 0);
  const fee = card ? Math.round(sum * 0.029) + 30 * payments.length : 0;
  const lines: Wire[] = payments.map((p) => ({
    Amount: p['TotalAmt'],
    LinkedTxn: [{ TxnId: p['Id'], TxnType: 'Payment', TxnLineId: '0' }],
  }));
  if (fee && opts.bookFee !== false)
    lines.push({
      Amount: -amt(fee),
      DetailType: 'DepositLineDetail',
      DepositLineDetail: { AccountRef: { value: ACCOUNTS.fees.Id, name: ACCOUNTS.fees.Name } },
    });
  const d: Wire = {
    Id: books.nextQbId('qbOther'),
    SyncToken: '0',
    TxnDate: localDate(atMs),
    DepositToAccountRef: { value: ACCOUNTS.bank.Id, name: ACCOUNTS.bank.Name },
    TotalAmt: amt(sum - fee),
    Line: lines,
    CurrencyRef: { value: 'USD', name: 'United States Dollar' },
    MetaData: meta(atMs),
  };
  books.qb.Deposit.push(d);
  return d;
}
