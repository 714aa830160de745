// Sales receipts and credit memos in canonical form. A sales receipt is an invoice paid on the spot,
// so it joins the invoices (status paid, or void); a credit memo is money owed back to a customer and
// joins the payments, its remaining credit being what is not yet applied. Their ids are prefixed: a
// QuickBooks Id is unique per entity type only.
import { SALES_RECEIPT_ID_PREFIX, type InvoiceRecord, type PaymentRecord } from '../../src/domain/records';
import { CREDIT_MEMO_PREFIX, mapInvoice } from './map';
import { cents, parseRow, times, withHash, type MapContext, type Mapped } from './map-support';
import { creditMemoWire, salesReceiptPaymentWire } from './wire';

export const SALES_RECEIPT_PREFIX = SALES_RECEIPT_ID_PREFIX;
export { CREDIT_MEMO_PREFIX };

export function mapSalesReceipt(raw: unknown, ctx: MapContext): Mapped<InvoiceRecord> {
  const mapped = mapInvoice(raw, ctx);
  if (mapped.problem) return { problem: { ...mapped.problem, message: mapped.problem.message.replace(/^Invoice/, 'SalesReceipt') } };
  const { hash: _hash, ...invoice } = mapped.record;
  // The check number or card reference of the money taken: an upstream payment is settled by it.
  const paid = salesReceiptPaymentWire.safeParse(raw);
  const reference = paid.success ? paid.data.PaymentRefNum?.trim() || undefined : undefined;
  return {
    record: withHash<InvoiceRecord>({
      ...invoice,
      sourceId: `${SALES_RECEIPT_PREFIX}${invoice.sourceId}`,
      origin: { url: `${ctx.resourceBase}/salesreceipt/${invoice.sourceId}` },
      status: invoice.status === 'void' ? 'void' : 'paid',
      balanceCents: 0,
      ...(reference !== undefined ? { reference } : {}),
    }),
  };
}

export function mapCreditMemo(raw: unknown, ctx: MapContext): Mapped<PaymentRecord> {
  const { row, problem } = parseRow(creditMemoWire, raw, 'CreditMemo', 'payment', ctx);
  if (problem) return { problem };
  const { createdAt, updatedAt } = times(row.MetaData);
  return {
    record: withHash<PaymentRecord>({
      entity: 'payment',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: `${CREDIT_MEMO_PREFIX}${row.Id}`,
      createdAt,
      updatedAt,
      origin: { url: `${ctx.resourceBase}/creditmemo/${row.Id}` },
      reference: row.DocNumber,
      customerId: row.CustomerRef?.value,
      customerName: row.CustomerRef?.name,
      date: row.TxnDate,
      receivedAt: createdAt,
      amountCents: cents(row.TotalAmt),
      unappliedCents: cents(row.RemainingCredit ?? row.Balance),
      appliedTo: [],
      method: 'Credit memo',
      credit: true,
      privateNote: row.PrivateNote,
    }),
  };
}
