import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { recordsCsv, recordsOf, recordsPage, recordsText } from '../../../src/notify/records-list';
import { aFinding, someFindings } from '../../builders/findings';
import { anIncident, ZONE } from '../../builders/incidents';

describe('the full list of an incident’s records', () => {
  it('lists every active record, biggest amount first', () => {
    const list = recordsOf(anIncident({ findings: someFindings(300) }));
    expect(list.rows).toHaveLength(300);
    expect(list.rows[0]).toMatchObject({ id: '1001', amountCents: 10_000, source: 'fieldpro', entity: 'invoice' });
    expect(recordsText(list, ZONE).match(/^\s+\d+\. /gm)).toHaveLength(300);
  });

  it('writes a record a spreadsheet would run as a formula as plain text', () => {
    const list = recordsOf(anIncident({ findings: [aFinding({ summary: '=HYPERLINK("http://evil","click")' })] }));
    const rows = parse(recordsCsv(list, ZONE), { bom: true }) as string[][];
    expect(rows[1]![8]).toBe('\'=HYPERLINK("http://evil","click")');
  });

  it('pages through the list, keeping a page number in range', () => {
    const list = recordsOf(anIncident({ findings: someFindings(60) }));
    expect(recordsPage(list, 3, 25)).toMatchObject({ page: 3, pages: 3 });
    expect(recordsPage(list, 3, 25).rows).toHaveLength(10);
    expect(recordsPage(list, 99, 25).page).toBe(3);
    expect(recordsPage(list, 0, 25).page).toBe(1);
  });
});
