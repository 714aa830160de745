import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo, hoursAgo } from '../../builders/clock';
import { anInvoice, aQbInvoice } from '../../builders/records';

describe('QuickBooks invoices with no upstream record (shipped rule: after a day)', () => {
  it('reports an invoice typed in by hand as a QuickBooks-side problem, naming who made it', () => {
    const handMade = aQbInvoice({
      sourceId: '4003',
      number: '9043',
      privateNote: undefined,
      createdBy: 'Pat (bookkeeper)',
      totalCents: 4_500,
      createdAt: daysAgo(3),
    });

    const [finding, ...rest] = evaluate('orphan-invoice', { records: [handMade] });

    expect(rest).toEqual([]);
    expect(finding!.likelySide).toBe('quickbooks');
    expect(finding!.summary).toBe(
      'Invoice 9043 ($45.00) in QuickBooks only — created in QuickBooks by Pat (bookkeeper), no upstream record (3 days ago)',
    );
  });

  it('reports an invoice that still carries the sync’s note as deleted upstream, under its own rule', () => {
    const deleted = aQbInvoice({
      sourceId: '4002',
      number: '19990',
      privateNote: 'FieldPro invoice 89990 · job J-4990',
      createdAt: daysAgo(6),
    });

    expect(evaluate('orphan-invoice', { records: [deleted] })).toEqual([]);
    const [finding] = evaluate('deleted-upstream-invoice', { records: [deleted] });

    expect(finding!.likelySide).toBe('upstream');
    expect(finding!.summary).toContain('its upstream record was deleted');
    // Still open in QuickBooks: the customer is billed for work that no longer exists upstream.
    expect(finding!.customerFacing).toBe(true);
  });

  it('reports the hand-typed invoice that reuses a synced invoice’s number', () => {
    const handTyped = aQbInvoice({ sourceId: '4001', privateNote: undefined, createdAt: daysAgo(2) });

    const found = evaluate('orphan-invoice', { records: [anInvoice(), aQbInvoice(), handTyped] });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['4001']);
  });

  it('ignores a void QuickBooks invoice', () => {
    expect(
      evaluate('orphan-invoice', { records: [aQbInvoice({ privateNote: undefined, number: '9043', status: 'void', totalCents: 0 })] }),
    ).toEqual([]);
  });

  it('gives the sync a day before calling an invoice an orphan', () => {
    expect(
      evaluate('orphan-invoice', { records: [aQbInvoice({ privateNote: undefined, number: '9043', createdAt: hoursAgo(20) })] }),
    ).toEqual([]);
  });

  it('says nothing about a synced invoice', () => {
    expect(evaluate('orphan-invoice', { records: [anInvoice(), aQbInvoice()] })).toEqual([]);
  });
});
