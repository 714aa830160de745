import { describe, expect, it } from 'vitest';
import { dayIn, historyStart, inferHistoryStart } from '../../../src/evaluate/history-start';
import { reconcile } from '../../../src/trace/reconcile';
import { aMatching } from '../../builders/context';
import { aCompanyWithHistory, ZONE } from '../../builders/history';
import { anInvoice, aQbInvoice } from '../../builders/records';

const reconciled = (records: Parameters<typeof reconcile>[0]) => reconcile(records, aMatching());

describe('inferring where the checked history starts', () => {
  it('starts on the first day of the month the sync began, six months ago, in a company with three years upstream', () => {
    const recon = reconciled(aCompanyWithHistory({ syncSince: '2025-09-01', years: 3, handTyped: 0 }));

    expect(inferHistoryStart(recon, ZONE)).toBe('2025-09-01');
  });

  it('is not pulled back by a few old invoices typed into QuickBooks by hand with matching numbers', () => {
    const records = aCompanyWithHistory({ syncSince: '2025-09-01', years: 3, handTyped: 5 });
    const recon = reconciled(records);
    // The hand-typed ones do link to their old upstream numbers…
    const linkedBeforeSync = [...recon.qbInvoicesByUpstream.keys()].filter((inv) => (inv.txnDate ?? '') < '2025-09-01');
    expect(linkedBeforeSync).toHaveLength(5);

    // …but leave their months far from half synced.
    expect(inferHistoryStart(recon, ZONE)).toBe('2025-09-01');
  });

  it('has no start when no invoice has reached QuickBooks at all, so everything is checked', () => {
    const records = aCompanyWithHistory({ syncSince: '2099-01-01', years: 1, handTyped: 0 });

    expect(inferHistoryStart(reconciled(records), ZONE)).toBeUndefined();
    expect(historyStart(reconciled(records), undefined, ZONE)).toBeUndefined();
  });

  it('takes a configured company.history_from over the one the data suggests', () => {
    const recon = reconciled(aCompanyWithHistory({ syncSince: '2025-09-01', years: 1 }));

    expect(historyStart(recon, '2024-01-01', ZONE)).toEqual({ from: '2024-01-01', inferred: false, zone: ZONE });
    expect(historyStart(recon, undefined, ZONE)).toEqual({ from: '2025-09-01', inferred: true, zone: ZONE });
  });

  it('counts a month once half of its invoices are synced', () => {
    const at = (id: string, day: string, synced: boolean) => {
      const issued = `${day}T16:00:00.000Z`;
      const inv = anInvoice({ sourceId: id, number: id, txnDate: day, issuedAt: issued });
      return synced ? [inv, aQbInvoice({ sourceId: `q${id}`, number: id, txnDate: day, issuedAt: issued, privateNote: `FieldPro invoice ${id}` })] : [inv];
    };
    // July: one of two synced (half). June: one of three (less than half).
    const july = [...at('1', '2025-07-03', false), ...at('2', '2025-07-20', true)];
    const june = [...at('3', '2025-06-10', false), ...at('4', '2025-06-11', false), ...at('5', '2025-06-12', true)];
    const records = [...july, ...june];

    expect(inferHistoryStart(reconciled(records), ZONE)).toBe('2025-07-01');
  });

  it('reads the month of an invoice in the company time zone', () => {
    // 03:00 UTC on the first of September is still the evening of 31 August in Chicago.
    expect(dayIn('2025-09-01T03:00:00.000Z', ZONE)).toBe('2025-08-31');
    expect(dayIn('2025-09-01', ZONE)).toBe('2025-09-01');
  });
});
