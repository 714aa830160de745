import { describe, expect, it } from 'vitest';
import { mapPayment, type MapContext } from '../../../adapters/quickbooks/map';
import { mapCreditMemo, mapSalesReceipt } from '../../../adapters/quickbooks/map-sales';
import { aCreditMemo, aLinkedLine, aPayment, aSalesReceipt } from './builders';

const ctx: MapContext = { source: 'qbo-main', resourceBase: 'http://127.0.0.1:1/v3/company/123', defaultCountry: 'US' };

function recordOf<T>(result: { record?: T; problem?: { message: string } }): T {
  if (!result.record) throw new Error(`expected a record, got problem: ${result.problem?.message}`);
  return result.record;
}

describe('mapping money QuickBooks settled without cash', () => {
  it('maps a credit memo applied through a Payment: the invoice line is applied, the credit memo line is a credit used', () => {
    // Receive Payment with a credit: TotalAmt 0, an Invoice line and a CreditMemo line of the same amount.
    const payment = recordOf(
      mapPayment(
        aPayment({
          Id: '164',
          TotalAmt: 0,
          UnappliedAmt: 0,
          Line: [aLinkedLine(70, 'Invoice', '162'), aLinkedLine(70, 'CreditMemo', '163')],
        }),
        ctx,
      ),
    );

    expect(payment.amountCents).toBe(0);
    expect(payment.appliedTo).toEqual([{ invoiceId: '162', amountCents: 7_000 }]);
    expect(payment.creditsUsed).toEqual([{ creditId: 'cm-163', amountCents: 7_000 }]);
  });

  it('maps one check paying two invoices as one payment applied to both', () => {
    const payment = recordOf(
      mapPayment(
        aPayment({ TotalAmt: 500, PaymentRefNum: '4417', Line: [aLinkedLine(200, 'Invoice', '162'), aLinkedLine(300, 'Invoice', '165')] }),
        ctx,
      ),
    );

    expect(payment).toMatchObject({ reference: '4417', amountCents: 50_000, unappliedCents: 0 });
    expect(payment.appliedTo).toEqual([
      { invoiceId: '162', amountCents: 20_000 },
      { invoiceId: '165', amountCents: 30_000 },
    ]);
  });

  it('leaves creditsUsed off a payment that applies no credit', () => {
    const payment = recordOf(mapPayment(aPayment({ TotalAmt: 100, Line: [aLinkedLine(100, 'Invoice', '162')] }), ctx));

    expect(payment.creditsUsed).toBeUndefined();
  });

  it('marks a credit memo as a credit, its remaining credit as what is left on account', () => {
    const memo = recordOf(mapCreditMemo(aCreditMemo({ Id: '163', TotalAmt: 70, RemainingCredit: 45, Balance: 45 }), ctx));

    expect(memo).toMatchObject({ sourceId: 'cm-163', credit: true, amountCents: 7_000, unappliedCents: 4_500 });
  });

  it('keeps the payment reference of a sales receipt (PaymentRefNum), so the upstream payment it settles is known', () => {
    const receipt = recordOf(
      mapSalesReceipt(aSalesReceipt({ Id: '210', DocNumber: '1044', PaymentRefNum: '10264', TotalAmt: 337.5 }), ctx),
    );

    expect(receipt).toMatchObject({ sourceId: 'sr-210', number: '1044', status: 'paid', balanceCents: 0, reference: '10264' });
  });

  it('gives a cash sales receipt without a reference no reference', () => {
    const receipt = recordOf(mapSalesReceipt(aSalesReceipt({ PaymentRefNum: undefined }), ctx));

    expect(receipt.reference).toBeUndefined();
  });
});
