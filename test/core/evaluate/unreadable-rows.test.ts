import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo } from '../../builders/clock';
import { aJob, anInvoice, aPayment, aQbInvoice, aQbPayment, aRecordProblem } from '../../builders/records';
import { aRule } from '../../builders/rules';

const RULES = [
  'malformed-record',
  'orphan-invoice',
  'deleted-upstream-invoice',
  'uninvoiced-job',
  'late-payment',
  'missing-payment',
  'late-invoice',
  'missing-invoice',
];
const ruleIds = (found: Array<{ ruleId: string }>) => found.map((f) => f.ruleId);

/** Invoice 1043's row has a total nobody can read; its job, its QuickBooks twin and its payment are all there. */
const unreadableInvoice = () => aRecordProblem({ sourceId: 'inv-1043', number: '1043', jobNumber: 'J-6001' });

describe('one upstream row that could not be read', () => {
  it('is reported once, as malformed, and not as a deleted invoice, an uninvoiced job or a late payment', () => {
    const records = [aJob(), aQbInvoice({ createdAt: daysAgo(9) }), aPayment()];

    expect(ruleIds(evaluate(RULES, { records, problems: [unreadableInvoice()] }))).toEqual(['malformed-record']);
  });

  it('keeps its QuickBooks twin quiet when only the invoice number could be read', () => {
    const handTyped = aQbInvoice({ privateNote: undefined, createdAt: daysAgo(9) });

    expect(ruleIds(evaluate(RULES, { records: [handTyped], problems: [aRecordProblem({ sourceId: undefined, number: '1043' })] }))).toEqual(
      ['malformed-record'],
    );
  });

  it('keeps the QuickBooks twin of an unreadable payment from looking deleted upstream', () => {
    const orphanPayments = aRule('orphan', { entity: 'payment', min_age: '1d' });
    const problem = aRecordProblem({ entity: 'payment', sourceId: 'pay-1', reference: '7781', field: 'amount' });
    const twin = aQbPayment({ privateNote: 'FieldPro payment pay-1' });

    expect(evaluate([orphanPayments], { records: [anInvoice(), aQbInvoice(), twin], problems: [problem] })).toEqual([]);
  });

  it('still reports the other QuickBooks invoices with no upstream record', () => {
    const other = aQbInvoice({ sourceId: '509', number: '1099', privateNote: 'FieldPro invoice inv-1099', createdAt: daysAgo(9) });
    const records = [aJob(), aQbInvoice({ createdAt: daysAgo(9) }), other];

    const found = evaluate(RULES, { records, problems: [unreadableInvoice()] });

    expect(ruleIds(found).sort()).toEqual(['deleted-upstream-invoice', 'malformed-record']);
    expect(found.find((f) => f.ruleId === 'deleted-upstream-invoice')!.subject.sourceId).toBe('509');
  });

  it('still reports other completed jobs that were never invoiced', () => {
    const records = [aJob(), aJob({ sourceId: 'JB9502', number: 'J-6002' })];

    const found = evaluate('uninvoiced-job', { records, problems: [unreadableInvoice()] });

    expect(found.map((f) => f.subject.label)).toEqual(['Job J-6002']);
  });

  it('still reports a payment of a readable invoice that never reached QuickBooks', () => {
    const records = [
      anInvoice({ sourceId: 'inv-1050', number: '1050' }),
      aPayment({ appliedTo: [{ invoiceId: 'inv-1050', invoiceNumber: '1050', amountCents: 38_500 }] }),
    ];

    // Eight days without a QuickBooks twin: past late-payment's five days, so missing-payment speaks.
    expect(ruleIds(evaluate('missing-payment', { records, problems: [unreadableInvoice()] }))).toEqual(['missing-payment']);
  });
});
