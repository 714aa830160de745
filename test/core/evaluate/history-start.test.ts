import { describe, expect, it } from 'vitest';
import { dayIn, historyStart, inferHistoryStart } from '../../../src/evaluate/history-start';
import { reconcile } from '../../../src/trace/reconcile';
import { aMatching } from '../../builders/context';
import { aCompanyWithHistory, ZONE } from '../../builders/history';
import { anInvoice, aQbInvoice } from '../../builders/records';

const reconciled = (records: Parameters<typeof reconcile>[0]) => reconcile(records, aMatching());

/** The day of the first upstream invoice the sync carried on or after `since` (1 September 2025 was Labor Day). */
function firstSyncedDay(recon: ReturnType<typeof reconciled>, since: string): string {
  return [...recon.qbInvoicesByUpstream.keys()]
    .map((inv) => inv.txnDate ?? '')
    .filter((d) => d >= since)
    .sort()[0]!;
}

describe('inferring where the checked history starts', () => {
  it('starts on the day of the first synced invoice when the sync began six months ago, in a company with three years upstream', () => {
    const recon = reconciled(aCompanyWithHistory({ syncSince: '2025-09-01', years: 3, handTyped: 0 }));

    expect(firstSyncedDay(recon, '2025-09-01')).toBe('2025-09-02');
    expect(inferHistoryStart(recon, ZONE)).toBe('2025-09-02');
  });

  it('is not pulled back by a few old invoices typed into QuickBooks by hand with matching numbers', () => {
    const records = aCompanyWithHistory({ syncSince: '2025-09-01', years: 3, handTyped: 5 });
    const recon = reconciled(records);
    // The hand-typed ones do link to their old upstream numbers…
    const linkedBeforeSync = [...recon.qbInvoicesByUpstream.keys()].filter((inv) => (inv.txnDate ?? '') < '2025-09-01');
    expect(linkedBeforeSync).toHaveLength(5);

    // …but leave their months far from half synced.
    expect(inferHistoryStart(recon, ZONE)).toBe(firstSyncedDay(recon, '2025-09-01'));
  });

  it('has no start when no invoice has reached QuickBooks at all, so everything is checked', () => {
    const records = aCompanyWithHistory({ syncSince: '2099-01-01', years: 1, handTyped: 0 });

    expect(inferHistoryStart(reconciled(records), ZONE)).toBeUndefined();
    expect(historyStart(reconciled(records), undefined, ZONE)).toBeUndefined();
  });

  it('takes a configured company.history_from over the one the data suggests', () => {
    const recon = reconciled(aCompanyWithHistory({ syncSince: '2025-09-01', years: 1 }));

    expect(historyStart(recon, '2024-01-01', ZONE)).toEqual({ from: '2024-01-01', inferred: false, zone: ZONE });
    expect(historyStart(recon, undefined, ZONE)).toEqual({ from: firstSyncedDay(recon, '2025-09-01'), inferred: true, zone: ZONE });
  });

  it('counts a month once half of its invoices are synced', () => {
    const at = (id: string, day: string, synced: boolean) => {
      const issued = `${day}T16:00:00.000Z`;
      const inv = anInvoice({ sourceId: id, number: id, txnDate: day, issuedAt: issued });
      return synced
        ? [inv, aQbInvoice({ sourceId: `q${id}`, number: id, txnDate: day, issuedAt: issued, privateNote: `FieldPro invoice ${id}` })]
        : [inv];
    };
    // July: one of two synced (half). June: one of three (less than half).
    const july = [...at('1', '2025-07-03', false), ...at('2', '2025-07-20', true)];
    const june = [...at('3', '2025-06-10', false), ...at('4', '2025-06-11', false), ...at('5', '2025-06-12', true)];
    const records = [...july, ...june];

    // July counts, from its first synced invoice; June's one synced invoice is too thin a tail to start from.
    expect(inferHistoryStart(reconciled(records), ZONE)).toBe('2025-07-20');
  });

  it('starts mid-month when the sync was switched on late in the month before the first mostly synced one', () => {
    const at = (id: string, day: string, synced: boolean) => {
      const issued = `${day}T16:00:00.000Z`;
      const inv = anInvoice({ sourceId: id, number: id, txnDate: day, issuedAt: issued });
      return synced
        ? [inv, aQbInvoice({ sourceId: `q${id}`, number: id, txnDate: day, issuedAt: issued, privateNote: `FieldPro invoice ${id}` })]
        : [inv];
    };
    // Switched on 20 May: May is 6 of 19 synced (under half), June all synced.
    const may = Array.from({ length: 19 }, (_, i) =>
      at(`m${i}`, `2025-05-${String(i + 1 + (i >= 13 ? 6 : 0)).padStart(2, '0')}`, i >= 13),
    ).flat();
    const june = Array.from({ length: 10 }, (_, i) => at(`j${i}`, `2025-06-${String(i + 2).padStart(2, '0')}`, true)).flat();

    expect(inferHistoryStart(reconciled([...may, ...june]), ZONE)).toBe('2025-05-20');
  });

  it('reads the month of an invoice in the company time zone', () => {
    // 03:00 UTC on the first of September is still the evening of 31 August in Chicago.
    expect(dayIn('2025-09-01T03:00:00.000Z', ZONE)).toBe('2025-08-31');
    expect(dayIn('2025-09-01', ZONE)).toBe('2025-09-01');
  });
});
