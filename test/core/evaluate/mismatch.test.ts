import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo, minutesAgo } from '../../builders/clock';
import { aCustomer, anInvoice, aQbCustomer, aQbInvoice } from '../../builders/records';

describe('sales tax differs (shipped rule: a cent is minor)', () => {
  it('reports one cent of tax as a minor difference', () => {
    const records = [anInvoice({ taxCents: 2_310, totalCents: 40_810 }), aQbInvoice({ taxCents: 2_311, totalCents: 40_811 })];

    const [finding] = evaluate('mismatch-invoice-tax', { records });

    expect(finding!.minor).toBe(true);
    expect(finding!.amountCents).toBe(1);
    expect(finding!.summary).toBe('Invoice 1043: tax $23.10 upstream vs $23.11 in QuickBooks');
  });

  it('reports two cents of tax as more than minor', () => {
    const [finding] = evaluate('mismatch-invoice-tax', { records: [anInvoice({ taxCents: 2_310 }), aQbInvoice({ taxCents: 2_312 })] });

    expect(finding!.minor).toBe(false);
  });
});

describe('invoice totals differ (shipped rule: a cent of tolerance, an hour of grace)', () => {
  it('lets a one-cent total difference pass as rounding', () => {
    expect(
      evaluate('mismatch-invoice-amount', { records: [anInvoice({ totalCents: 40_810 }), aQbInvoice({ totalCents: 40_811 })] }),
    ).toEqual([]);
  });

  it('reports a total raised upstream after export, with the difference', () => {
    const records = [anInvoice({ totalCents: 47_000, updatedAt: daysAgo(2) }), aQbInvoice({ totalCents: 38_500, updatedAt: daysAgo(9) })];

    const [finding] = evaluate('mismatch-invoice-amount', { records });

    expect(finding!.summary).toBe('Invoice 1043: total $470.00 upstream vs $385.00 in QuickBooks');
    expect(finding!.evidence[0]).toEqual({ field: 'total', upstream: '$470.00', quickbooks: '$385.00', note: 'difference -$85.00' });
    expect(finding!.amountCents).toBe(8_500);
    // The upstream record changed last: the edit did not flow through the sync.
    expect(finding!.likelySide).toBe('sync');
  });

  it('waits out the grace period after a fresh edit', () => {
    const records = [anInvoice({ totalCents: 47_000, updatedAt: minutesAgo(20) }), aQbInvoice({ totalCents: 38_500 })];

    // Only a hold on an already-open finding: it opens nothing new while the edit settles.
    expect(evaluate('mismatch-invoice-amount', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });

  it('reports an invoice billed to a different customer in QuickBooks', () => {
    const records = [
      aCustomer(),
      aQbCustomer(),
      aQbCustomer({ sourceId: '77', displayName: 'Omar Reyes', email: 'omar@example.com', phone: undefined }),
      anInvoice(),
      aQbInvoice({ customerId: '77', customerName: 'Omar Reyes' }),
    ];

    const [finding] = evaluate('mismatch-invoice-amount', { records });

    expect(finding!.evidence[0]).toEqual({ field: 'customer', upstream: 'Jane Doe', quickbooks: 'Omar Reyes' });
  });

  it('does not report an invoice billed to a sub-customer (a property or job) of the linked customer', () => {
    const manager = { displayName: 'Barton Creek Rentals', companyName: 'Barton Creek Rentals', email: 'ap@bartoncreek.example' };
    // QuickBooks: "Barton Creek Rentals:114 Elm St", Job: true, ParentRef 58 (the sync bills each property as a sub-customer).
    const property = aQbCustomer({
      ...manager,
      sourceId: '59',
      displayName: '114 Elm St',
      parentId: '58',
      email: undefined,
      phone: undefined,
    });
    const records = [
      aCustomer(manager),
      aQbCustomer(manager),
      property,
      anInvoice({ customerName: manager.displayName }),
      aQbInvoice({ customerId: '59', customerName: '114 Elm St' }),
    ];

    expect(evaluate('mismatch-invoice-amount', { records })).toEqual([]);
  });

  it('does not report an invoice moved to the customer kept when two were merged in QuickBooks (the sync still links the merged-away one)', () => {
    const mergedAway = aQbCustomer({ sourceId: '77', active: false, displayName: 'Jane Doe (deleted)', createdAt: daysAgo(400) });
    const records = [aCustomer({ externalId: '77' }), aQbCustomer(), mergedAway, anInvoice(), aQbInvoice()];

    expect(evaluate('mismatch-invoice-amount', { records })).toEqual([]);
  });

  it('still reports an invoice billed to someone of another name while the linked customer is inactive', () => {
    const inactive = aQbCustomer({ sourceId: '77', active: false, displayName: 'Jane Doe (deleted)', createdAt: daysAgo(400) });
    const records = [
      aCustomer({ externalId: '77' }),
      inactive,
      aQbCustomer({ displayName: 'Omar Reyes', email: 'omar@example.com', phone: undefined }),
      anInvoice(),
      aQbInvoice({ customerName: 'Omar Reyes' }),
    ];

    expect(evaluate('mismatch-invoice-amount', { records }).map((f) => f.evidence[0]!.field)).toEqual(['customer']);
  });

  it('still reports an invoice billed to a sub-customer of another customer', () => {
    const other = aQbCustomer({ sourceId: '77', displayName: 'Omar Reyes', email: 'omar@example.com', phone: undefined });
    const otherProperty = aQbCustomer({ sourceId: '78', displayName: '9 Oak Ln', parentId: '77', email: undefined, phone: undefined });
    const records = [
      aCustomer(),
      aQbCustomer(),
      other,
      otherProperty,
      anInvoice(),
      aQbInvoice({ customerId: '78', customerName: '9 Oak Ln' }),
    ];

    expect(evaluate('mismatch-invoice-amount', { records }).map((f) => f.evidence[0])).toEqual([
      { field: 'customer', upstream: 'Jane Doe', quickbooks: '9 Oak Ln' },
    ]);
  });
});

describe('void in one system, active in the other (shipped rule)', () => {
  it('reports a void that did not reach QuickBooks as customer-facing, with the open balance at risk', () => {
    const records = [
      anInvoice({ status: 'void', balanceCents: 0, updatedAt: daysAgo(4) }),
      aQbInvoice({ balanceCents: 38_500, updatedAt: daysAgo(10) }),
    ];

    const [finding] = evaluate('mismatch-invoice-status', { records });

    expect(finding!.evidence[0]).toEqual({ field: 'status', upstream: 'void', quickbooks: 'open' });
    expect(finding!.customerFacing).toBe(true);
    expect(finding!.amountCents).toBe(38_500);
  });

  it('does not report paid vs open as a status mismatch (the balance rule does)', () => {
    const records = [anInvoice({ status: 'paid', balanceCents: 0 }), aQbInvoice({ status: 'open', balanceCents: 38_500 })];

    expect(evaluate('mismatch-invoice-status', { records })).toEqual([]);
    expect(evaluate('mismatch-invoice-balance', { records })[0]!.evidence[0]).toMatchObject({
      field: 'balance',
      upstream: '$0.00',
      quickbooks: '$385.00',
    });
  });

  it('does not report a balance gap on a voided invoice', () => {
    const records = [anInvoice({ status: 'void', balanceCents: 0 }), aQbInvoice({ balanceCents: 38_500 })];

    expect(evaluate('mismatch-invoice-balance', { records })).toEqual([]);
  });

  it('waits an hour after a fresh void before calling it a mismatch', () => {
    const records = [anInvoice({ status: 'void', balanceCents: 0, updatedAt: minutesAgo(15) }), aQbInvoice()];

    expect(evaluate('mismatch-invoice-status', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });
});

describe('customer details differ (shipped rule)', () => {
  it('reports an address changed upstream after the first sync', () => {
    const records = [
      aCustomer({ address: { line1: '77 Harbor Point Dr', city: 'Chicago', postalCode: '60601' }, updatedAt: daysAgo(3) }),
      aQbCustomer({ address: { line1: '12 Elm St', city: 'Chicago', postalCode: '60601' } }),
    ];

    const [finding] = evaluate('mismatch-customer-contact', { records });

    expect(finding!.evidence[0]).toEqual({
      field: 'address',
      upstream: '77 Harbor Point Dr, Chicago, 60601',
      quickbooks: '12 Elm St, Chicago, 60601',
    });
  });

  it('treats case and punctuation as the same address', () => {
    const records = [
      aCustomer({ address: { line1: '12 Elm St.', postalCode: '60601' } }),
      aQbCustomer({ address: { line1: '12 ELM ST', postalCode: '60601' } }),
    ];

    expect(evaluate('mismatch-customer-contact', { records })).toEqual([]);
  });
});
