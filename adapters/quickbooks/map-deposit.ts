// A QuickBooks Deposit in canonical form: the payments it carries, the merchant fees booked on it as
// negative lines, and whatever else it carries (sales receipts, other income), so that the deposit can
// be checked against its payments without mistaking other money for a gap.
import type { DepositRecord } from '../../src/domain/records';
import { SALES_RECEIPT_PREFIX } from './map-sales';
import { cents, parseRow, times, withHash, type MapContext, type Mapped } from './map-support';
import { depositWire } from './wire';

export function mapDeposit(raw: unknown, ctx: MapContext): Mapped<DepositRecord> {
  const { row, problem } = parseRow(depositWire, raw, 'Deposit', 'deposit', ctx);
  if (problem) return { problem };
  const paymentIds: string[] = [];
  const salesReceiptIds: string[] = [];
  let feeCents = 0;
  let otherCents = 0;
  for (const line of row.Line) {
    const amount = cents(line.Amount);
    const payments = line.LinkedTxn.filter((l) => l.TxnType === 'Payment');
    // A payment line's money is counted from the payment itself, so a gap between the two shows.
    if (payments.length > 0) {
      paymentIds.push(...payments.map((l) => l.TxnId));
      continue;
    }
    salesReceiptIds.push(...line.LinkedTxn.filter((l) => l.TxnType === 'SalesReceipt').map((l) => `${SALES_RECEIPT_PREFIX}${l.TxnId}`));
    // Merchant fees are booked as negative lines; positive ones are sales receipts or other income.
    if (amount < 0) feeCents -= amount;
    else otherCents += amount;
  }
  return {
    record: withHash<DepositRecord>({
      entity: 'deposit',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      ...times(row.MetaData),
      origin: { url: `${ctx.resourceBase}/deposit/${row.Id}` },
      date: row.TxnDate,
      totalCents: cents(row.TotalAmt),
      paymentIds,
      feeCents,
      otherCents,
      salesReceiptIds,
    }),
  };
}
