import { describe, expect, it } from 'vitest';
import { aFailingSource, aSourceHealth, evaluate } from '../../builders/context';
import { daysAgo, hoursAgo } from '../../builders/clock';
import { aCustomer, anInvoice, aPayment, aQbCustomer, aQbInvoice } from '../../builders/records';
import { shippedRule } from '../../builders/rules';

const missingInvoice = () => [aCustomer(), aQbCustomer(), anInvoice({ issuedAt: daysAgo(4) })];

describe('findings that lean on a stale source', () => {
  it('keeps a missing invoice but marks it held back while QuickBooks is not answering', () => {
    // QuickBooks holds other invoices, so it is where this one would be.
    const records = [
      ...missingInvoice(),
      anInvoice({ sourceId: 'inv-9', number: '9' }),
      aQbInvoice({ sourceId: '509', number: '9', privateNote: 'FieldPro invoice inv-9' }),
    ];
    const health = [aSourceHealth('fieldpro', 'upstream'), aFailingSource('quickbooks', 'quickbooks', hoursAgo(5))];

    const found = evaluate(['stale-source', 'missing-invoice'], { records, health });

    const missing = found.filter((f) => f.ruleId === 'missing-invoice');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.suppressedBy).toBe('QuickBooks Online');
    expect(found.find((f) => f.ruleId === 'stale-source')!.suppressedBy).toBeUndefined();
  });

  it('holds back the late payments of a silent payment export, and nothing of the sources that work', () => {
    const records = [
      aPayment({ source: 'card-payments', sourceId: 'cp-1', reference: 'ch_1', receivedAt: daysAgo(3) }),
      ...missingInvoice(),
    ];
    const health = [
      aSourceHealth('fieldpro', 'upstream'),
      aSourceHealth('quickbooks', 'quickbooks'),
      aSourceHealth('card-payments', 'upstream', { newestRecordAt: daysAgo(4) }),
    ];

    const found = evaluate(['stale-source', 'late-payment', 'missing-invoice'], { records, health });

    expect(found.find((f) => f.ruleId === 'late-payment')!.suppressedBy).toBe('Card processor export');
    expect(found.find((f) => f.ruleId === 'missing-invoice')!.suppressedBy).toBeUndefined();
  });

  it('does not hold anything back when the stale rule says not to', () => {
    const records = [
      ...missingInvoice(),
      anInvoice({ sourceId: 'inv-9', number: '9' }),
      aQbInvoice({ sourceId: '509', number: '9', privateNote: 'FieldPro invoice inv-9' }),
    ];
    const health = [aSourceHealth('fieldpro', 'upstream'), aFailingSource('quickbooks', 'quickbooks', hoursAgo(5))];
    const stale = { ...shippedRule('stale-source'), suppress_records: false };

    const found = evaluate([stale, 'missing-invoice'], { records, health });

    expect(found.find((f) => f.ruleId === 'missing-invoice')!.suppressedBy).toBeUndefined();
  });
});

describe('rules that compare the two sides', () => {
  it('are skipped while a side has never been read, so nothing looks missing on the first poll', () => {
    // QuickBooks has never answered, so it holds nothing yet; upstream has a missing-looking invoice and a duplicate.
    const records = [
      anInvoice({ issuedAt: daysAgo(4) }),
      aCustomer({ sourceId: 'c-1', externalId: undefined, displayName: 'Pat Quinn' }),
      aCustomer({ sourceId: 'c-2', externalId: undefined, displayName: 'Pat Quinn' }),
    ];
    const health = [
      aSourceHealth('fieldpro', 'upstream'),
      aSourceHealth('quickbooks', 'quickbooks', { lastOkAt: null, newestRecordAt: null, recordCount: 0 }),
    ];

    const found = evaluate(
      [
        'late-invoice',
        'missing-invoice',
        'orphan-invoice',
        'mismatch-invoice-amount',
        'unapplied-payment',
        'incomplete-invoice-class',
        'duplicate-customer',
      ],
      { records, health },
    );

    // Only the upstream side's own duplicate check still runs.
    expect(found.map((f) => `${f.ruleId}:${f.subject.side}`)).toEqual(['duplicate-customer:upstream']);
  });

  it('keep checking the sources that work when a newly added source has never answered', () => {
    // A misconfigured card-processor export fails from its first poll; FieldPro and QuickBooks are fine.
    const health = [
      aSourceHealth('fieldpro', 'upstream'),
      aSourceHealth('quickbooks', 'quickbooks'),
      aFailingSource('card-payments', 'upstream', null),
    ];

    const found = evaluate(['stale-source', 'missing-invoice'], { records: missingInvoice(), health });

    expect(found.map((f) => f.ruleId).sort()).toEqual(['missing-invoice', 'stale-source']);
  });
});
