import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo } from '../../builders/clock';
import { anInvoice, aQbCustomer, aQbInvoice } from '../../builders/records';
import { shippedRule } from '../../builders/rules';
import type { Rule } from '../../../src/rules/schema';

describe('the same customer entered twice (shipped rule: exact and close evidence)', () => {
  it('pairs two QuickBooks customers with the same e-mail and an initial for the surname, and reports the later one', () => {
    const dana = aQbCustomer({
      sourceId: '900',
      displayName: 'Dana Whitfield',
      email: 'dana@example.com',
      phone: '+13125550190',
      createdAt: daysAgo(300),
    });
    const again = aQbCustomer({
      sourceId: '901',
      displayName: 'Dana W.',
      email: 'dana@example.com',
      phone: '+13125557788',
      createdAt: daysAgo(20),
    });

    const [finding, ...rest] = evaluate('duplicate-customer', { records: [dana, again] });

    expect(rest).toEqual([]);
    expect(finding!.subject.sourceId).toBe('901');
    expect(finding!.related.map((r) => r.sourceId)).toEqual(['900']);
    expect(finding!.summary).toBe(
      'Customer Dana W. looks like Dana Whitfield in QuickBooks (close: same e-mail, initial W./Whitfield, different phone)',
    );
  });

  it('pairs "Dana Whitfield" and "Dana Whitfeld" at the same address, naming the typo', () => {
    const address = { line1: '14 Birch Lane', postalCode: '60614' };
    const dana = aQbCustomer({ sourceId: '900', displayName: 'Dana Whitfield', email: 'dana@example.com', phone: '+13125550190', address });
    const typo = aQbCustomer({
      sourceId: '901',
      displayName: 'Dana Whitfeld',
      email: undefined,
      phone: '+13125557788',
      address: { line1: '14 Birch Ln', postalCode: '60614' },
    });

    const found = evaluate('duplicate-customer', { records: [dana, typo] });

    expect(found).toHaveLength(1);
    expect(found[0]!.summary).toContain('(close: same address, typo Whitfeld/Whitfield, different phone)');
  });

  it('leaves a one-letter name variant with another phone and nothing shared at "similar", which the shipped rule does not alert on', () => {
    const dana = aQbCustomer({ sourceId: '900', displayName: 'Dana Whitfield', email: 'dana@example.com', phone: '+13125550190' });
    const typo = aQbCustomer({ sourceId: '901', displayName: 'Dana Whitfeld', email: undefined, phone: '+13125557788' });
    const withSimilar = { ...shippedRule('duplicate-customer'), levels: ['exact', 'close', 'similar'] } as Rule;

    expect(evaluate('duplicate-customer', { records: [dana, typo] })).toEqual([]);
    expect(evaluate([withSimilar], { records: [dana, typo] })[0]!.summary).toContain('(similar: typo Whitfeld/Whitfield, different phone)');
  });

  it('is customer-facing, with both balances at risk, when both records owe money', () => {
    const dana = aQbCustomer({ sourceId: '900', displayName: 'Dana Whitfield', email: 'dana@example.com', balanceCents: 41_200 });
    const again = aQbCustomer({
      sourceId: '901',
      displayName: 'Dana Whitfeld',
      email: 'dana@example.com',
      phone: '+13125557788',
      balanceCents: 18_900,
    });

    const [finding] = evaluate('duplicate-customer', { records: [dana, again] });

    expect(finding!.customerFacing).toBe(true);
    expect(finding!.amountCents).toBe(60_100);
  });

  it('is not customer-facing when only one of them owes money', () => {
    const dana = aQbCustomer({ sourceId: '900', displayName: 'Dana Whitfield', email: 'dana@example.com', balanceCents: 41_200 });
    const again = aQbCustomer({
      sourceId: '901',
      displayName: 'Dana Whitfeld',
      email: 'dana@example.com',
      phone: '+13125557788',
      balanceCents: 0,
    });

    expect(evaluate('duplicate-customer', { records: [dana, again] })[0]!.customerFacing).toBe(false);
  });

  it('does not pair a customer with its own twin on the other side', () => {
    expect(
      evaluate('duplicate-customer', { records: [aQbCustomer(), aQbCustomer({ side: 'upstream', source: 'fieldpro', sourceId: 'c-58' })] }),
    ).toEqual([]);
  });

  it('does not pair two people of one family with their own e-mail and phone (Mark and Mary Smith)', () => {
    const mark = aQbCustomer({ sourceId: '910', displayName: 'Mark Smith', email: 'mark.smith@example.com', phone: '+13125550111' });
    const mary = aQbCustomer({ sourceId: '911', displayName: 'Mary Smith', email: 'mary.smith@example.com', phone: '+13125550122' });

    expect(evaluate('duplicate-customer', { records: [mark, mary] })).toEqual([]);
  });

  it('does not pair a household on one landline and one family e-mail', () => {
    const family = { email: 'the.smiths@example.com', phone: '+13125550111', address: { line1: '9 Elm St', postalCode: '60614' } };
    const records = [
      aQbCustomer({ sourceId: '910', displayName: 'Mark Smith', ...family }),
      aQbCustomer({ sourceId: '911', displayName: 'Linda Smith', ...family }),
    ];

    expect(evaluate('duplicate-customer', { records })).toEqual([]);
  });

  it('does not pair a father and son at one address when one of them carries "Jr."', () => {
    const home = { email: undefined, phone: '+13125550111', address: { line1: '9 Elm St', postalCode: '60614' } };
    const records = [
      aQbCustomer({ sourceId: '910', displayName: 'Robert Hale', ...home }),
      aQbCustomer({ sourceId: '911', displayName: 'Robert Hale Jr.', ...home }),
    ];

    expect(evaluate('duplicate-customer', { records })).toEqual([]);
  });
});

describe('duplicate invoices in QuickBooks', () => {
  it('reports an upstream invoice the sync posted twice, with the money counted twice', () => {
    const records = [
      anInvoice(),
      aQbInvoice({ sourceId: '501', createdAt: daysAgo(10) }),
      aQbInvoice({ sourceId: '502', createdAt: daysAgo(9) }),
    ];

    const [finding, ...rest] = evaluate('invoice-posted-twice', { records });

    expect(rest).toEqual([]);
    expect(finding!.subject.sourceId).toBe('502');
    expect(finding!.summary).toBe('Invoice 1043 posted 2 times in QuickBooks ($385.00 counted twice)');
    expect(finding!.amountCents).toBe(38_500);
  });

  it('reports a number used by two different QuickBooks invoices, grouped under that number', () => {
    const records = [
      anInvoice(),
      aQbInvoice({ sourceId: '501' }),
      aQbInvoice({ sourceId: '4001', privateNote: undefined, customerName: 'Omar Reyes', totalCents: 27_500, createdAt: daysAgo(2) }),
    ];

    const [finding, ...rest] = evaluate('duplicate-invoice-number', { records });

    expect(rest).toEqual([]);
    expect(finding!.subject.sourceId).toBe('4001');
    expect(finding!.summary).toBe('2 invoices numbered 1043 in QuickBooks: Jane Doe $385.00 / Omar Reyes $275.00');
    expect(finding!.rootCauseKey).toBe('number 1043');
  });

  it('does not call a posted-twice invoice a second invoice typed by hand with a reused number', () => {
    // Both copies carry the sync's note and the upstream number: one problem, the sync's, with its own rule.
    const records = [anInvoice(), aQbInvoice({ sourceId: '501' }), aQbInvoice({ sourceId: '502', createdAt: daysAgo(9) })];

    const found = evaluate(['invoice-posted-twice', 'duplicate-invoice-number'], { records });

    expect(found.map((f) => f.ruleId)).toEqual(['invoice-posted-twice']);
  });

  it('does not count a void copy as a duplicate', () => {
    const records = [
      anInvoice(),
      aQbInvoice({ sourceId: '501' }),
      aQbInvoice({ sourceId: '502', status: 'void', totalCents: 0, balanceCents: 0 }),
    ];

    expect(evaluate(['invoice-posted-twice', 'duplicate-invoice-number'], { records })).toEqual([]);
  });
});
