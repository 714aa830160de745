// `npm run bench` folds every area's table into one: the report must keep each figure with its
// value, its reference and ratio where the area has one, and its target.
import { describe, expect, it } from 'vitest';
import { reportMarkdown, rowsOf } from '../../bench/report';

describe('the benchmark report', () => {
  it('reads the engine table by column name: value, DuckDB as the reference, ratio, target, mark', () => {
    const rows = rowsOf(
      'engine',
      [
        '| figure | N | ours | DuckDB | ratio (ours/DuckDB) | target | ✓/✗ |',
        '|---|---|---|---|---|---|---|',
        '| **peak RSS during the run** | 1,000,000 | 612 MB | 905 MB | 0.68× | < 1 GB RSS at 1M | ✓ |',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        area: 'engine',
        figure: '**peak RSS during the run** (N=1,000,000)',
        value: '612 MB',
        reference: '905 MB',
        ratio: '0.68×',
        target: '< 1 GB RSS at 1M',
        ok: '✓',
      },
    ]);
  });

  it('turns each value column of a wide table into its own row, and keeps a one-value table as is', () => {
    const wide = rowsOf(
      'QuickBooks',
      ['| QuickBooks poll | requests | 429s |', '|---|---:|---:|', '| backfill 100k | 104 | 0 |'].join('\n'),
    );
    expect(wide.map((r) => `${r.figure} = ${r.value}`)).toEqual(['backfill 100k — requests = 104', 'backfill 100k — 429s = 0']);
    const narrow = rowsOf('Teams', ['| Teams | value |', '|---|---:|', '| thread replies | 410 /s |'].join('\n'));
    expect(narrow).toEqual([
      { area: 'Teams', figure: 'thread replies', value: '410 /s', reference: '—', ratio: '—', target: '—', ok: '—' },
    ]);
  });

  it('puts a size in the first column and a case column into the figure, and a note where the target goes', () => {
    const digest = rowsOf('digest', ['| records | view | chart PNG |', '|---:|---:|---:|', '| 370,710 | 0.4 ms | 23.9 ms |'].join('\n'));
    expect(digest.map((r) => r.figure)).toEqual(['view (records: 370,710)', 'chart PNG (records: 370,710)']);
    const upstream = rowsOf(
      'upstream',
      ['| connector | read | requests | note |', '|---|---|---:|---|', '| Jobber | incremental | 23 | within limits |'].join('\n'),
    );
    expect(upstream).toEqual([
      {
        area: 'upstream',
        figure: 'Jobber, incremental — requests',
        value: '23',
        reference: '—',
        ratio: '—',
        target: 'note: within limits',
        ok: '—',
      },
    ]);
  });

  it('prints one table with a row per figure', () => {
    const md = reportMarkdown(
      rowsOf('Slack', ['| Slack figure | value | target | |', '|---|---|---|---|', '| ack | 12 ms | < 3 s | ✓ |'].join('\n')),
    );
    expect(md.split('\n')).toEqual([
      '| area | figure | value | reference | ratio to reference | target | ✓/✗ |',
      '|---|---|---|---|---|---|---|',
      '| Slack | ack | 12 ms | — | — | < 3 s | ✓ |',
    ]);
  });
});
