// Upstream payments that need no QuickBooks payment of their own: the money is settled another way,
// or the invoice they pay could not be read (unknown, so whether they are late is unknown too).
import type { PaymentRecord } from '../domain/records';
import { isCredit } from '../trace/settlements';
import type { EvalContext } from './context';
import { paysUnknownInvoice, unknownRecords } from './unknown';

export function needsQuickBooksPayment(ctx: EvalContext, p: PaymentRecord): boolean {
  // A credit shows in QuickBooks as a lower invoice balance (mismatch-invoice-balance checks it), not as cash received.
  if (isCredit(p)) return false;
  // A refund (money paid back, a negative row) is a refund receipt or a check in QuickBooks, never a
  // payment; sync-sentinel does not read those, so it cannot call one missing. A $0 row moves no money.
  if (p.amountCents <= 0) return false;
  if (ctx.recon.salesReceiptByUpstreamPayment.has(p)) return false;
  return !paysUnknownInvoice(unknownRecords(ctx), p);
}
