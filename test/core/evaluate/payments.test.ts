import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo, hoursAgo } from '../../builders/clock';
import { aDeposit, anInvoice, aPayment, aQbInvoice, aQbPayment } from '../../builders/records';

/** Invoices 1043 and 1050 on both sides, and the upstream payment of 1043. */
const twoInvoicesAndAPayment = () => [
  anInvoice(),
  aQbInvoice(),
  anInvoice({ sourceId: 'inv-1050', number: '1050', customerName: 'Omar Reyes' }),
  aQbInvoice({ sourceId: '502', number: '1050', privateNote: 'FieldPro invoice inv-1050', customerName: 'Omar Reyes' }),
  aPayment(),
];

describe('payments not applied, or applied to the wrong invoice (shipped rule)', () => {
  it('reports a payment left unapplied, naming the invoice it should close, as customer-facing', () => {
    const unapplied = aQbPayment({ appliedTo: [], unappliedCents: 38_500 });

    const [finding, ...rest] = evaluate('unapplied-payment', { records: [...twoInvoicesAndAPayment(), unapplied] });

    expect(rest).toEqual([]);
    expect(finding!.summary).toBe('Payment 7781 ($385.00, Jane Doe) has $385.00 unapplied for 8 days — it should close invoice 1043');
    expect(finding!.related.map((r) => r.sourceId)).toEqual(['501']);
    expect(finding!.customerFacing).toBe(true);
    expect(finding!.amountCents).toBe(38_500);
  });

  it('gives the bookkeeper 4 hours to apply a same-day payment by hand', () => {
    const fresh = aQbPayment({ appliedTo: [], unappliedCents: 38_500, receivedAt: hoursAgo(2) });

    expect(evaluate('unapplied-payment', { records: [...twoInvoicesAndAPayment(), fresh] })).toEqual([]);
  });

  it('does not flag a deposit taken before the work that waits unapplied on both sides for its invoice', () => {
    const deposit = { sourceId: 'pay-9', reference: 'DEP-2210', amountCents: 50_000, appliedTo: [] };
    const records = [
      aPayment({ ...deposit, unappliedCents: 50_000 }),
      aQbPayment({ ...deposit, sourceId: '809', unappliedCents: 50_000, privateNote: 'FieldPro payment pay-9' }),
    ];

    expect(evaluate('unapplied-payment', { records })).toEqual([]);
  });

  it('still reports a deposit that upstream has applied to its invoice while QuickBooks holds it unapplied', () => {
    const records = [
      ...twoInvoicesAndAPayment(),
      aQbPayment({ appliedTo: [], unappliedCents: 38_500, privateNote: 'FieldPro payment pay-1' }),
    ];

    expect(evaluate('unapplied-payment', { records }).map((f) => f.amountCents)).toEqual([38_500]);
  });

  it('says nothing about a payment applied to the invoice it pays upstream', () => {
    expect(evaluate('unapplied-payment', { records: [...twoInvoicesAndAPayment(), aQbPayment()] })).toEqual([]);
  });

  it('reports a payment applied to a different invoice than upstream says', () => {
    const misapplied = aQbPayment({ appliedTo: [{ invoiceId: '502', amountCents: 38_500 }] });

    const [finding] = evaluate('unapplied-payment', { records: [...twoInvoicesAndAPayment(), misapplied] });

    expect(finding!.key).toMatch(/\|misapplied$/);
    expect(finding!.related.map((r) => r.label)).toEqual(['Invoice 1043']);
    expect(finding!.customerFacing).toBe(true);
    expect(finding!.summary).toContain('pays invoice 1043 upstream');
  });

  it('names the invoice a misapplied payment went to by its number, as the bookkeeper sees it in QuickBooks', () => {
    const misapplied = aQbPayment({ appliedTo: [{ invoiceId: '502', amountCents: 38_500 }] });

    const [finding] = evaluate('unapplied-payment', { records: [...twoInvoicesAndAPayment(), misapplied] });

    // "502" is QuickBooks' internal Id; the person reading knows invoice 1050.
    expect(finding!.summary).toBe('Payment 7781 ($385.00) is applied to invoice 1050 in QuickBooks but pays invoice 1043 upstream');
  });
});

describe('one payment listed by two upstream exports', () => {
  it("does not call the web-payment export's row missing when the field tool's row of the same payment reached QuickBooks", () => {
    const paid = [anInvoice({ balanceCents: 0, status: 'paid' }), aQbInvoice({ balanceCents: 0, status: 'paid' })];
    const records = [
      ...paid,
      aPayment(),
      aPayment({ source: 'card-payments', sourceId: 'WP-300004' }),
      aQbPayment({ privateNote: 'FieldPro payment pay-1' }),
    ];

    expect(evaluate(['late-payment', 'missing-payment', 'unapplied-payment'], { records })).toEqual([]);
  });

  it("still reports the second export's row when its amount differs (another payment with a reused reference)", () => {
    const records = [
      anInvoice(),
      aQbInvoice(),
      aPayment(),
      aPayment({ source: 'card-payments', sourceId: 'WP-300004', amountCents: 12_000 }),
      aQbPayment({ privateNote: 'FieldPro payment pay-1' }),
    ];

    expect(evaluate(['late-payment', 'missing-payment'], { records }).map((f) => f.subject.sourceId)).toEqual(['WP-300004']);
  });
});

describe('deposits that do not add up (shipped rule: to the cent)', () => {
  it('reports a deposit booked net of the merchant fee with no fee line', () => {
    const records = [
      aQbPayment({ sourceId: '801', amountCents: 10_000 }),
      aQbPayment({ sourceId: '802', reference: '7782', amountCents: 5_000 }),
      aDeposit({ paymentIds: ['801', '802'], totalCents: 14_550, feeCents: 0 }),
    ];

    const [finding, ...rest] = evaluate('deposit-fee-gap', { records });

    expect(rest).toEqual([]);
    expect(finding!.summary).toMatch(
      /^Deposit D-301 on \S+ is \$145\.50 but its 2 payments total \$150\.00: \$4\.50 unexplained \(no merchant fee booked\)$/,
    );
    expect(finding!.amountCents).toBe(450);
  });

  it('says nothing when the fee is booked on the deposit', () => {
    const records = [
      aQbPayment({ sourceId: '801', amountCents: 10_000 }),
      aQbPayment({ sourceId: '802', reference: '7782', amountCents: 5_000 }),
      aDeposit({ paymentIds: ['801', '802'], totalCents: 14_550, feeCents: 450 }),
    ];

    expect(evaluate('deposit-fee-gap', { records })).toEqual([]);
  });
});

describe('payments stuck in Undeposited Funds (shipped rule: 5 days)', () => {
  it('reports a payment 9 days in Undeposited Funds', () => {
    const [finding] = evaluate('undeposited-payment', {
      records: [aQbPayment({ depositAccount: 'Undeposited Funds', receivedAt: daysAgo(9) })],
    });

    expect(finding!.summary).toBe('Payment 7781 ($385.00) in Undeposited Funds for 9 days');
  });

  it('says nothing once a deposit carries the payment', () => {
    const records = [aQbPayment({ depositAccount: 'Undeposited Funds', receivedAt: daysAgo(9) }), aDeposit({ paymentIds: ['801'] })];

    expect(evaluate('undeposited-payment', { records })).toEqual([]);
  });

  it('does not ask to deposit a payment voided in QuickBooks (amount zeroed, still pointing at Undeposited Funds)', () => {
    const voided = aQbPayment({
      amountCents: 0,
      appliedTo: [],
      unappliedCents: 0,
      privateNote: 'Voided',
      depositAccount: 'Undeposited Funds',
      receivedAt: daysAgo(9),
    });

    expect(evaluate('undeposited-payment', { records: [voided] })).toEqual([]);
  });
});

describe('refunds', () => {
  /** Invoice 1043 paid by card on both sides; the field tool then refunds $50.00 of it (a negative payment row). */
  const refunded = () => [
    anInvoice({ balanceCents: 0, status: 'paid' }),
    aQbInvoice({ balanceCents: 0, status: 'paid' }),
    aPayment(),
    aQbPayment(),
    aPayment({
      sourceId: 'pay-r1',
      reference: 'RF-1043',
      method: 'Refund',
      amountCents: -5_000,
      appliedTo: [{ invoiceId: 'inv-1043', invoiceNumber: '1043', amountCents: -5_000 }],
    }),
  ];

  it('does not call a refund "a payment missing from QuickBooks" (QuickBooks books refunds as refund receipts or checks, not payments)', () => {
    expect(evaluate(['late-payment', 'missing-payment', 'unapplied-payment', 'mismatch-invoice-balance'], { records: refunded() })).toEqual(
      [],
    );
  });

  it('still reports the card payment beside the refund when it never reached QuickBooks', () => {
    const records = refunded().filter((r) => r.sourceId !== '801');

    expect(evaluate(['late-payment', 'missing-payment'], { records }).map((f) => f.subject.sourceId)).toEqual(['pay-1']);
  });
});
