import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo } from '../../builders/clock';
import { anInvoice, aPayment, aQbCreditMemo, aQbInvoice, aQbPayment, aQbSalesReceipt } from '../../builders/records';

/** Every rule that looks at money received, settled or owed. */
const MONEY_RULES = [
  'late-payment',
  'missing-payment',
  'unapplied-payment',
  'mismatch-invoice-balance',
  'mismatch-invoice-amount',
  'orphan-invoice',
  'deleted-upstream-invoice',
];
const ids = (found: Array<{ ruleId: string }>) => found.map((f) => f.ruleId);

/** Invoice 1043 ($385.00) and 1050 ($300.00) on both sides, paid in full on both. */
const twoPaidInvoices = (up1043: number = 38_500, up1050: number = 30_000) => [
  anInvoice({ totalCents: up1043, balanceCents: 0, status: 'paid', lines: [{ item: 'Furnace Repair', amountCents: up1043 }] }),
  aQbInvoice({ totalCents: up1043, balanceCents: 0, status: 'paid', lines: [{ item: 'Furnace Repair', amountCents: up1043 }] }),
  anInvoice({
    sourceId: 'inv-1050',
    number: '1050',
    totalCents: up1050,
    balanceCents: 0,
    status: 'paid',
    lines: [{ item: 'Tune-up', amountCents: up1050 }],
  }),
  aQbInvoice({
    sourceId: '502',
    number: '1050',
    privateNote: 'FieldPro invoice inv-1050',
    totalCents: up1050,
    balanceCents: 0,
    status: 'paid',
    lines: [{ item: 'Tune-up', amountCents: up1050 }],
  }),
];

describe('a credit memo that settles an invoice', () => {
  /** $335.00 by check and a $50.00 goodwill credit close invoice 1043 on both sides. */
  const creditAndCheck = () => [
    anInvoice({ balanceCents: 0, status: 'paid' }),
    aQbInvoice({ balanceCents: 0, status: 'paid' }),
    aPayment({ amountCents: 33_500, appliedTo: [{ invoiceId: 'inv-1043', invoiceNumber: '1043', amountCents: 33_500 }] }),
    aQbPayment({ amountCents: 33_500, appliedTo: [{ invoiceId: '501', amountCents: 33_500 }] }),
    // The field tool exports the credit as a payment row; QuickBooks books it as a credit memo applied through a $0 payment.
    aPayment({
      sourceId: 'pay-2',
      reference: undefined,
      method: 'Credit',
      amountCents: 5_000,
      appliedTo: [{ invoiceId: 'inv-1043', invoiceNumber: '1043', amountCents: 5_000 }],
    }),
    aQbCreditMemo(),
    aQbPayment({
      sourceId: '802',
      reference: undefined,
      amountCents: 0,
      appliedTo: [{ invoiceId: '501', amountCents: 5_000 }],
      creditsUsed: [{ creditId: 'cm-901', amountCents: 5_000 }],
    }),
  ];

  it('does not flag the upstream credit row as a payment missing from QuickBooks', () => {
    expect(ids(evaluate(MONEY_RULES, { records: creditAndCheck() }))).toEqual([]);
  });

  it('does not tell anyone to "Receive Payment" for open credit left on the customer\'s account', () => {
    const openCredit = aQbCreditMemo({ sourceId: 'cm-902', reference: 'CM-2001', unappliedCents: 5_000, receivedAt: daysAgo(3) });

    expect(evaluate('unapplied-payment', { records: [...creditAndCheck(), openCredit] })).toEqual([]);
  });

  it('still reports a credit given upstream that never reached QuickBooks, as an invoice still open there', () => {
    const records = creditAndCheck().filter((r) => r.sourceId !== 'cm-901' && r.sourceId !== '802');
    const stillOpen = records.map((r) =>
      r.entity === 'invoice' && r.side === 'quickbooks' ? { ...r, balanceCents: 5_000, status: 'open' as const } : r,
    );

    const found = evaluate(MONEY_RULES, { records: stillOpen });

    expect(ids(found)).toEqual(['mismatch-invoice-balance']);
    expect(found[0]!.summary).toContain('balance $0.00 upstream vs $50.00 in QuickBooks');
  });

  it('still reports a cash payment that never reached QuickBooks beside the credit', () => {
    const records = creditAndCheck().filter((r) => r.sourceId !== '801');

    // Eight days old: past late-payment's five days, so missing-payment speaks.
    expect(ids(evaluate(['late-payment', 'missing-payment'], { records }))).toEqual(['missing-payment']);
  });

  it('still reports a cash payment left unapplied in QuickBooks', () => {
    const records = creditAndCheck().map((r) =>
      r.sourceId === '801' ? aQbPayment({ amountCents: 33_500, appliedTo: [], unappliedCents: 33_500 }) : r,
    );

    expect(ids(evaluate('unapplied-payment', { records }))).toEqual(['unapplied-payment']);
  });
});

describe('a sales receipt (paid on the spot)', () => {
  it('settles the upstream payment of the invoice it was synced as', () => {
    const records = [anInvoice({ balanceCents: 0, status: 'paid' }), aQbSalesReceipt({ reference: undefined }), aPayment()];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });

  it('settles the upstream payment that carries its payment reference', () => {
    // The receipt was typed in QuickBooks by hand: nothing links it to the upstream invoice but the check number.
    const receipt = aQbSalesReceipt({ number: 'SR-88', privateNote: undefined, reference: '7781' });

    expect(ids(evaluate('late-payment', { records: [aPayment({ appliedTo: [] }), receipt] }))).toEqual([]);
  });

  it('still reports a payment whose invoice reached QuickBooks as an open invoice and no payment', () => {
    const records = [anInvoice({ balanceCents: 0, status: 'paid' }), aQbInvoice(), aPayment()];

    expect(ids(evaluate(['late-payment', 'missing-payment', 'mismatch-invoice-balance'], { records })).sort()).toEqual([
      'mismatch-invoice-balance',
      'missing-payment',
    ]);
  });
});

describe('one check across two invoices', () => {
  it('does not flag two upstream rows sharing a check number that QuickBooks holds as one payment with two lines', () => {
    const records = [
      ...twoPaidInvoices(20_000, 30_000),
      aPayment({ sourceId: 'pay-1', reference: '4417', amountCents: 20_000, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }] }),
      aPayment({ sourceId: 'pay-2', reference: '4417', amountCents: 30_000, appliedTo: [{ invoiceId: 'inv-1050', amountCents: 30_000 }] }),
      aQbPayment({
        reference: '4417',
        amountCents: 50_000,
        appliedTo: [
          { invoiceId: '501', amountCents: 20_000 },
          { invoiceId: '502', amountCents: 30_000 },
        ],
      }),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });

  it('does not flag one upstream payment on two invoices that QuickBooks holds as two payments sharing the check number', () => {
    const records = [
      ...twoPaidInvoices(20_000, 30_000),
      aPayment({
        reference: '4417',
        amountCents: 50_000,
        appliedTo: [
          { invoiceId: 'inv-1043', amountCents: 20_000 },
          { invoiceId: 'inv-1050', amountCents: 30_000 },
        ],
      }),
      aQbPayment({ sourceId: '801', reference: '4417', amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
      aQbPayment({ sourceId: '802', reference: '4417', amountCents: 30_000, appliedTo: [{ invoiceId: '502', amountCents: 30_000 }] }),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });

  it('still reports the half of a split check that never reached QuickBooks', () => {
    const records = [
      ...twoPaidInvoices(20_000, 30_000),
      aPayment({ sourceId: 'pay-1', reference: '4417', amountCents: 20_000, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }] }),
      aPayment({ sourceId: 'pay-2', reference: '4417', amountCents: 30_000, appliedTo: [{ invoiceId: 'inv-1050', amountCents: 30_000 }] }),
      aQbPayment({ reference: '4417', amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
    ];

    const found = evaluate(['late-payment', 'missing-payment'], { records });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['pay-2']);
  });

  it('still reports a split check applied all to one invoice in QuickBooks, naming the invoice it skipped', () => {
    const records = [
      ...twoPaidInvoices(20_000, 30_000),
      aPayment({ sourceId: 'pay-1', reference: '4417', amountCents: 20_000, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }] }),
      aPayment({ sourceId: 'pay-2', reference: '4417', amountCents: 30_000, appliedTo: [{ invoiceId: 'inv-1050', amountCents: 30_000 }] }),
      aQbPayment({ reference: '4417', amountCents: 50_000, appliedTo: [{ invoiceId: '501', amountCents: 50_000 }] }),
    ];

    const found = evaluate('unapplied-payment', { records });

    expect(found).toHaveLength(1);
    expect(found[0]!.related.map((r) => r.label)).toEqual(['Invoice 1050']);
  });
});

describe('two customers whose checks carry the same number', () => {
  it("pairs each check with its own QuickBooks payment by amount and reports the one applied to the other customer's invoice", () => {
    const records = [
      ...twoPaidInvoices(20_000, 30_000),
      aPayment({
        sourceId: 'pay-a',
        reference: '1001',
        customerId: 'c-58',
        amountCents: 20_000,
        appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }],
      }),
      aPayment({
        sourceId: 'pay-b',
        reference: '1001',
        customerId: 'c-77',
        amountCents: 30_000,
        appliedTo: [{ invoiceId: 'inv-1050', amountCents: 30_000 }],
      }),
      aQbPayment({ sourceId: '801', reference: '1001', amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
      aQbPayment({ sourceId: '802', reference: '1001', amountCents: 30_000, appliedTo: [{ invoiceId: '501', amountCents: 30_000 }] }),
    ];

    const found = evaluate(MONEY_RULES, { records });

    expect(found.filter((f) => f.ruleId === 'unapplied-payment').map((f) => [f.subject.sourceId, f.related.map((r) => r.label)])).toEqual([
      ['802', ['Invoice 1050']],
    ]);
  });
});

describe('partial payments', () => {
  it('does not flag two partial payments on one invoice when both systems hold both', () => {
    const records = [
      anInvoice({ balanceCents: 0, status: 'paid' }),
      aQbInvoice({ balanceCents: 0, status: 'paid' }),
      aPayment({ sourceId: 'pay-1', reference: '7781', amountCents: 20_000, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }] }),
      aPayment({ sourceId: 'pay-2', reference: '7790', amountCents: 18_500, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 18_500 }] }),
      aQbPayment({ sourceId: '801', reference: '7781', amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
      aQbPayment({ sourceId: '802', reference: '7790', amountCents: 18_500, appliedTo: [{ invoiceId: '501', amountCents: 18_500 }] }),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });

  it('does not flag two partial card payments that share the card as their reference', () => {
    const records = [
      anInvoice({ balanceCents: 0, status: 'paid' }),
      aQbInvoice({ balanceCents: 0, status: 'paid' }),
      aPayment({
        sourceId: 'pay-1',
        reference: 'VISA-4242',
        amountCents: 20_000,
        appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }],
      }),
      aPayment({
        sourceId: 'pay-2',
        reference: 'VISA-4242',
        amountCents: 18_500,
        appliedTo: [{ invoiceId: 'inv-1043', amountCents: 18_500 }],
      }),
      aQbPayment({ sourceId: '801', reference: 'VISA-4242', amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
      aQbPayment({ sourceId: '802', reference: 'VISA-4242', amountCents: 18_500, appliedTo: [{ invoiceId: '501', amountCents: 18_500 }] }),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });

  it('does not flag an invoice half paid on both sides', () => {
    const records = [
      anInvoice({ balanceCents: 18_500 }),
      aQbInvoice({ balanceCents: 18_500 }),
      aPayment({ amountCents: 20_000, appliedTo: [{ invoiceId: 'inv-1043', amountCents: 20_000 }] }),
      aQbPayment({ amountCents: 20_000, appliedTo: [{ invoiceId: '501', amountCents: 20_000 }] }),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });
});

describe('one card payment held by two upstream exports', () => {
  it("does not flag the web-payment export's copy of a payment the field tool also exports", () => {
    const records = [
      anInvoice({ balanceCents: 0, status: 'paid' }),
      aQbInvoice({ balanceCents: 0, status: 'paid' }),
      aPayment(),
      aPayment({ source: 'card-payments', sourceId: 'ch_3PQ', method: 'card' }),
      aQbPayment(),
    ];

    expect(ids(evaluate(MONEY_RULES, { records }))).toEqual([]);
  });
});
