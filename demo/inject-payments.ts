// Catalogue rows 6, 7, 10 (late payment) and 12: payment, deposit and source failures.
import { DAY, HOUR, MINUTE, atLocal } from './clock';
import { freeCustomer } from './customers';
import { expectFinding } from './expect';
import { invoicedJob } from './invoices';
import type { Gen } from './model';
import { addPayment, syncPayment } from './payments';

/** Injected before deposits are made, so the stuck payment can stay out of them. */
export function injectPaymentFailures(g: Gen): void {
  const { w } = g;

  // 6. A payment synced without being applied: QuickBooks shows it unapplied and the invoice still
  // open, though the customer paid in full.
  const unpaidInQbo = invoicedJob(g, freeCustomer(g), 9 * DAY);
  const check = addPayment(g, unpaidInQbo, { received: atLocal(w.now, 6, 10, 20), amount: unpaidInQbo.total, method: 'check' });
  const unapplied = syncPayment(g, check, { applied: false });
  expectFinding(g, 6, 'unapplied-payment', 'quickbooks', unapplied, 'synced with no invoice applied');
  expectFinding(g, 6, 'mismatch-invoice-balance', 'upstream', unpaidInQbo, 'paid in FieldPro, open in QuickBooks');

  // 7. A payment nine days in Undeposited Funds: the bookkeeper's deposit missed it.
  const stuckInvoice = invoicedJob(g, freeCustomer(g), 10 * DAY);
  const stuckPayment = addPayment(g, stuckInvoice, { received: w.now - 9 * DAY - HOUR, amount: stuckInvoice.total, method: 'check' });
  const stuck = syncPayment(g, stuckPayment, { created: stuckPayment.received + 20 * MINUTE });
  stuck.undeposited = true;
  expectFinding(g, 7, 'undeposited-payment', 'quickbooks', stuck, 'in Undeposited Funds for 9 days');

  // 10. A partial payment taken 60 hours ago that never reached QuickBooks: FieldPro's balance
  // dropped, QuickBooks' did not.
  const partly = invoicedJob(g, freeCustomer(g), 7 * DAY);
  const deposit = Math.round((partly.total * 0.4) / 100) * 100;
  const late = addPayment(g, partly, { received: w.now - 60 * HOUR, amount: deposit, method: 'check' });
  expectFinding(g, 10, 'late-payment', 'upstream', late, 'received 60 h ago, not in QuickBooks');
  expectFinding(g, 10, 'mismatch-invoice-balance', 'upstream', partly, 'FieldPro balance reduced by the missing payment');

  // 12. The card processor's export stopped four days ago. Its twelve payments are all in
  // QuickBooks and correct; only the silence is wrong.
  for (let i = 0; i < 12; i++) {
    const inv = invoicedJob(g, freeCustomer(g), (14 + i) * DAY);
    const charge = addPayment(g, inv, {
      received: w.now - 4 * DAY - 2 * HOUR - i * 12 * HOUR,
      amount: inv.total,
      method: 'card',
      source: 'card-payments',
    });
    syncPayment(g, charge);
  }
  expectFinding(g, 12, 'stale-source', 'source', { source: 'card-payments' }, 'no new card payments for over 4 days');
}

/** Injected after deposits: one deposit booked net of the card fee, without the fee line. */
export function injectDepositFailure(g: Gen): void {
  const withFees = g.w.deposits.filter((d) => d.fee > 0);
  const deposit = g.rand.pick(withFees);
  deposit.feeBooked = false;
  expectFinding(
    g,
    7,
    'deposit-fee-gap',
    'quickbooks',
    deposit,
    `deposit net of a ${(deposit.fee / 100).toFixed(2)} card fee with no fee line`,
  );
}
