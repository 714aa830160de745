import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/classify/classify';
import { evaluate } from '../../builders/context';
import { aClassifyInput } from '../../builders/incidents';
import { shippedRule } from '../../builders/rules';
import { daysAgo, hoursAgo } from '../../builders/clock';
import { aCustomer, anInvoice, anItem, aJob, aPayment, aQbCustomer, aQbInvoice, aQbPayment } from '../../builders/records';

const LATE_AND_MISSING = ['late-invoice', 'missing-invoice'];

/** An upstream invoice issued `age` ago that QuickBooks does not have, with its customer synced. */
function unsyncedInvoiceIssued(issuedAt: string) {
  return [aCustomer(), aQbCustomer(), anInvoice({ issuedAt, syncStatus: 'pending' })];
}

describe('late and missing invoices (shipped rules: late after 24h, missing from 3 days)', () => {
  it('says nothing about an invoice 23 hours old', () => {
    expect(evaluate(LATE_AND_MISSING, { records: unsyncedInvoiceIssued(hoursAgo(23)) })).toEqual([]);
  });

  it('reports an invoice 30 hours old as late, not missing', () => {
    const found = evaluate(LATE_AND_MISSING, { records: unsyncedInvoiceIssued(hoursAgo(30)) });

    expect(found.map((f) => f.ruleId)).toEqual(['late-invoice']);
    expect(found[0]!.summary).toBe('Invoice 1043 ($385.00, Jane Doe) not in QuickBooks after 30 h');
    expect(found[0]!.amountCents).toBe(38_500);
  });

  it('reports an invoice 4 days old as missing, no longer late', () => {
    const found = evaluate(LATE_AND_MISSING, { records: unsyncedInvoiceIssued(daysAgo(4)) });

    expect(found.map((f) => f.ruleId)).toEqual(['missing-invoice']);
  });

  it('hands over from late to missing at exactly 3 days, with no gap and no overlap', () => {
    const found = evaluate(LATE_AND_MISSING, { records: unsyncedInvoiceIssued(hoursAgo(72)) });

    expect(found.map((f) => f.ruleId)).toEqual(['missing-invoice']);
  });

  it('says nothing once the invoice is in QuickBooks', () => {
    expect(
      evaluate(LATE_AND_MISSING, { records: [aCustomer(), aQbCustomer(), anInvoice({ issuedAt: daysAgo(4) }), aQbInvoice()] }),
    ).toEqual([]);
  });

  it('ignores drafts and voids upstream', () => {
    const records = [
      aCustomer(),
      aQbCustomer(),
      anInvoice({ sourceId: 'd', status: 'draft', issuedAt: daysAgo(4) }),
      anInvoice({ sourceId: 'v', status: 'void', issuedAt: daysAgo(4) }),
    ];

    expect(evaluate(LATE_AND_MISSING, { records })).toEqual([]);
  });

  it('shows the broken hop of the trace: upstream invoice → QuickBooks invoice', () => {
    const [finding] = evaluate('missing-invoice', { records: [aJob(), ...unsyncedInvoiceIssued(daysAgo(4))] });

    expect(finding!.trace.map((h) => `${h.hop}:${h.status}`)).toEqual([
      'job:ok',
      'upstream_invoice:ok',
      'quickbooks_invoice:broken',
      'quickbooks_payment:not_expected',
    ]);
  });
});

describe('the root cause of a missing invoice', () => {
  it('names the item QuickBooks does not have, and groups the incident by it', () => {
    const records = [
      aCustomer(),
      aQbCustomer(),
      anItem('Furnace Repair'),
      anInvoice({ sourceId: 'inv-1', number: '1001', issuedAt: daysAgo(4), lines: [{ item: 'A/C Tune Up Plus', amountCents: 18_900 }] }),
      anInvoice({ sourceId: 'inv-2', number: '1002', issuedAt: daysAgo(6), lines: [{ item: 'A/C Tune Up Plus', amountCents: 18_900 }] }),
    ];

    const found = evaluate('missing-invoice', { records });

    expect(found.map((f) => f.rootCauseKey)).toEqual([
      'item "A/C Tune Up Plus" not mapped in QuickBooks',
      'item "A/C Tune Up Plus" not mapped in QuickBooks',
    ]);
    expect(new Set(found.map((f) => f.groupKey))).toEqual(new Set(['item "A/C Tune Up Plus" not mapped in QuickBooks']));
    expect(found[0]!.likelySide).toBe('sync');
    expect(found[0]!.summary).toContain('— item "A/C Tune Up Plus" not mapped in QuickBooks');
  });

  it('counts an item that is inactive in QuickBooks as unmapped', () => {
    const records = [
      aCustomer(),
      aQbCustomer(),
      anItem('Service Call'),
      anItem('Furnace Repair', { active: false }),
      anInvoice({ issuedAt: daysAgo(4) }),
    ];

    expect(evaluate('missing-invoice', { records })[0]!.rootCauseKey).toBe('item "Furnace Repair" not mapped in QuickBooks');
  });

  it('names the customer that never reached QuickBooks', () => {
    const smith = aCustomer({
      sourceId: 'c-901',
      externalId: undefined,
      displayName: 'Smith and Sons Plumbing Supply',
      email: undefined,
      phone: undefined,
    });
    const records = [
      smith,
      anItem('Furnace Repair'),
      anInvoice({ customerId: 'c-901', customerName: smith.displayName, issuedAt: daysAgo(4) }),
    ];

    expect(evaluate('missing-invoice', { records })[0]!.rootCauseKey).toBe('customer "Smith and Sons Plumbing Supply" not in QuickBooks');
  });

  it('groups invoices with no visible cause together as "cause not yet known"', () => {
    const records = [aCustomer(), aQbCustomer(), anItem('Furnace Repair'), anInvoice({ issuedAt: daysAgo(4) })];

    const [finding] = evaluate('missing-invoice', { records });

    expect(finding!.rootCauseKey).toBeUndefined();
    expect(finding!.groupKey).toBe('cause not yet known');
    expect(finding!.likelySide).toBe('unknown');
  });
});

describe('completed jobs never invoiced (shipped rule: 2 days after completion)', () => {
  it('reports a job completed 3 days ago with no invoice, naming the technician', () => {
    const [finding, ...rest] = evaluate('uninvoiced-job', { records: [aJob({ completedAt: daysAgo(3) })] });

    expect(rest).toEqual([]);
    expect(finding!.summary).toBe('Job J-6001 completed 3 days ago, never invoiced (tech D. Romero)');
    expect(finding!.location).toBe('North');
    expect(finding!.likelySide).toBe('upstream');
  });

  it('says nothing about a job that has its invoice', () => {
    expect(evaluate('uninvoiced-job', { records: [aJob({ completedAt: daysAgo(3) }), anInvoice({ jobNumber: 'J-6001' })] })).toEqual([]);
  });

  it('says nothing about a job completed yesterday, or one not completed', () => {
    const records = [
      aJob({ number: 'J-1', completedAt: daysAgo(1) }),
      aJob({ number: 'J-2', status: 'scheduled', completedAt: null, updatedAt: daysAgo(5) }),
    ];

    expect(evaluate('uninvoiced-job', { records })).toEqual([]);
  });
});

describe('late payments (shipped rule: 2 days)', () => {
  it('reports an upstream payment QuickBooks has not had for 3 days as customer-facing', () => {
    const [finding] = evaluate('late-payment', { records: [aPayment({ receivedAt: daysAgo(3) })] });

    expect(finding!.summary).toBe('Payment 7781 ($385.00, Jane Doe) not in QuickBooks after 3 days');
    expect(finding!.customerFacing).toBe(true);
  });

  it('says nothing about a payment QuickBooks has', () => {
    expect(evaluate('late-payment', { records: [aPayment({ receivedAt: daysAgo(3) }), aQbPayment()] })).toEqual([]);
  });
});

describe('payments that never reach QuickBooks (shipped rules: late after 2 days, missing from 5 days)', () => {
  const PAYMENT_RULES = ['late-payment', 'missing-payment'];

  it('reports a payment 4 days old as late, not missing', () => {
    const found = evaluate(PAYMENT_RULES, { records: [aPayment({ receivedAt: daysAgo(4) })] });

    expect(found.map((f) => f.ruleId)).toEqual(['late-payment']);
  });

  it('reports a payment 6 days old as missing from QuickBooks, no longer as late', () => {
    const found = evaluate(PAYMENT_RULES, { records: [aPayment({ receivedAt: daysAgo(6) })] });

    expect(found.map((f) => f.ruleId)).toEqual(['missing-payment']);
    expect(found[0]!.summary).toBe('Payment 7781 ($385.00, Jane Doe) missing from QuickBooks after 6 days');
    expect(found[0]!.customerFacing).toBe(true);
  });

  it('says nothing about a payment QuickBooks has, however old', () => {
    expect(evaluate(PAYMENT_RULES, { records: [aPayment({ receivedAt: daysAgo(20) }), aQbPayment()] })).toEqual([]);
  });

  it('escalates a missing payment past "monitor" on its first occurrence: the customer looks unpaid', () => {
    const findings = evaluate('missing-payment', { records: [aPayment({ receivedAt: daysAgo(6) })] });

    const lateFindings = evaluate('late-payment', { records: [aPayment({ receivedAt: daysAgo(3) })] });
    const late = classify(aClassifyInput({ rule: shippedRule('late-payment'), findings: lateFindings }));
    const missing = classify(aClassifyInput({ rule: shippedRule('missing-payment'), findings }));

    expect(late.action).toBe('monitor');
    expect(missing.action).toBe('diagnostic_review');
    expect(missing.severity).toBe('medium');
  });
});

describe('customers that never reached QuickBooks (shipped rule: 2 days)', () => {
  const unsynced = (overrides = {}) =>
    aCustomer({
      sourceId: 'c-77',
      externalId: undefined,
      displayName: 'Ines Moreau',
      email: 'ines@example.com',
      phone: '+15125550177',
      createdAt: daysAgo(20),
      ...overrides,
    });

  it('says nothing about a customer with no invoice or payment yet: the sync creates it with the first invoice', () => {
    expect(evaluate('missing-customer', { records: [unsynced()] })).toEqual([]);
  });

  it('reports the customer once an issued invoice of theirs has something to carry to QuickBooks', () => {
    const invoice = anInvoice({ customerId: 'c-77', customerName: 'Ines Moreau' });

    expect(evaluate('missing-customer', { records: [unsynced(), invoice] }).map((f) => f.subject.sourceId)).toEqual(['c-77']);
  });

  it('reports a customer the sync tool says it tried to post, business or not', () => {
    expect(evaluate('missing-customer', { records: [unsynced({ syncStatus: 'failed' })] }).map((f) => f.subject.sourceId)).toEqual([
      'c-77',
    ]);
  });

  it('says nothing about a customer whose only invoice is a draft', () => {
    const draft = anInvoice({ customerId: 'c-77', status: 'draft' });

    expect(evaluate('missing-customer', { records: [unsynced(), draft] })).toEqual([]);
  });
});
