import { describe, expect, it } from 'vitest';
import { aFailingSource, aSourceHealth, evaluate } from '../../builders/context';
import { daysAgo, hoursAgo, minutesAgo } from '../../builders/clock';
import { aRecordProblem } from '../../builders/records';

describe('a source that stopped syncing (shipped rule: 2 h failing, 3 days silent)', () => {
  it('reports QuickBooks failing for 3 hours, with the error and what caused it', () => {
    const health = [aSourceHealth('fieldpro', 'upstream'), aFailingSource('quickbooks', 'quickbooks', hoursAgo(3))];

    const [finding, ...rest] = evaluate('stale-source', { health });

    expect(rest).toEqual([]);
    expect(finding!.subject).toMatchObject({ entity: 'source', source: 'quickbooks', label: 'QuickBooks Online' });
    expect(finding!.summary).toBe('QuickBooks Online has not answered for 3 h: The refresh token was revoked');
    expect(finding!.rootCauseKey).toBe('auth: quickbooks.auth');
  });

  it('lets a source fail for an hour without a finding (a blip, not an outage)', () => {
    expect(evaluate('stale-source', { health: [aFailingSource('quickbooks', 'quickbooks', hoursAgo(1))] })).toEqual([]);
  });

  it('reports a source that has failed since it was set up', () => {
    const [finding] = evaluate('stale-source', { health: [aFailingSource('quickbooks', 'quickbooks', null)] });

    expect(finding!.summary).toBe('QuickBooks Online has not answered since it was set up: The refresh token was revoked');
  });

  it('says nothing about a source that answered again after failing', () => {
    const recovered = aSourceHealth('quickbooks', 'quickbooks', {
      lastOkAt: minutesAgo(5),
      lastError: { code: 'x', reason: 'server', message: 'old' },
      consecutiveFailures: 0,
    });

    expect(evaluate('stale-source', { health: [recovered] })).toEqual([]);
  });

  it('reports an export that answers but has had nothing new for 4 days', () => {
    const silent = aSourceHealth('card-payments', 'upstream', { newestRecordAt: daysAgo(4), recordCount: 12 });

    const [finding] = evaluate('stale-source', { health: [silent] });

    expect(finding!.summary).toMatch(/^Nothing new from Card processor export for 4 days \(newest record /);
  });

  it('says nothing about an export quiet for 2 days', () => {
    expect(evaluate('stale-source', { health: [aSourceHealth('card-payments', 'upstream', { newestRecordAt: daysAgo(2) })] })).toEqual([]);
  });
});

describe('records a source could not read (shipped rule)', () => {
  it('turns each problem into a finding naming the file and the row', () => {
    const problems = [
      aRecordProblem(),
      aRecordProblem({
        origin: { file: 'customers.csv', row: 3 },
        entity: 'customer',
        field: 'email',
        message: 'email "jane@" is not an e-mail address',
      }),
    ];

    const found = evaluate('malformed-record', { problems });

    expect(found.map((f) => f.summary)).toEqual([
      'invoices-2026-03-17.csv row 14: total "12,3O.00" is not an amount',
      'customers.csv row 3: email "jane@" is not an e-mail address',
    ]);
    expect(found[0]!.subject).toMatchObject({
      side: 'upstream',
      source: 'fieldpro',
      entity: 'invoice',
      sourceId: 'invoices-2026-03-17.csv row 14',
    });
  });

  it('keeps one finding per record and field across polls (a stable key)', () => {
    const once = evaluate('malformed-record', { problems: [aRecordProblem({ sourceId: 'inv-7' })] });
    const again = evaluate('malformed-record', {
      problems: [aRecordProblem({ sourceId: 'inv-7', origin: { file: 'invoices-2026-03-18.csv', row: 2 } })],
    });

    expect(again[0]!.key).toBe(once[0]!.key);
  });
});
