// The poll log names a file's unused columns when it first sees them, and a vanished mapped column
// as a warning — once, through the cursor the store keeps, not on every poll.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { configSchema, sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import { runCycle } from '../../../src/cycle/run-cycle';
import type { Logger } from '../../../src/ports/logger';
import { loadRuleFiles } from '../../../src/rules/load-files';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
});

describe('the poll log and the columns of an export', () => {
  it('says once which columns are not used, and warns once when a mapped column disappears', async () => {
    const drop = dropFolder();
    const line = `80001,81001,,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,0.50,,open,Residential,North,HVAC,`;
    drop.put('invoices.csv', csv(`${INVOICE_HEADER},Salesperson`, `${line},Kim`));
    const source = createFilesSource(sourceSchema.parse({ id: 'fieldpro', type: 'files', path: 'exports' }) as FilesSourceConfig, {
      baseDir: drop.base,
      timeZone: 'America/Chicago',
    });
    store = openSqliteStore(path.join(drop.base, 'sentinel.db'));
    const config = configSchema.parse({ company: { id: 'acme' }, sources: [{ id: 'fieldpro', type: 'files', path: 'exports' }] });
    const rules = await loadRuleFiles([DEFAULT_RULES]);
    if (!rules.ok) throw new TypeError('shipped rules do not load');
    const logged: string[] = [];
    const log: Logger = {
      info: (_, m) => void logged.push(`info ${m}`),
      warn: (_, m) => void logged.push(`warn ${m}`),
      error: (_, m) => void logged.push(`error ${m}`),
    };
    const cycle = () =>
      runCycle({
        config,
        rules: rules.rules,
        sources: [source],
        store: store!,
        channels: ['console'],
        now: () => new Date('2026-11-20T15:00:00Z'),
        log,
      });

    await cycle();
    await cycle();
    const about = (word: string) => logged.filter((m) => m.includes(word));
    expect(about('not used by the mapping')).toEqual([
      expect.stringMatching(/^info exports.invoices\.csv: 1 column not used by the mapping: "Salesperson"/),
    ]);

    drop.put('invoices.csv', csv(`${INVOICE_HEADER.replace(',tax', '')},Salesperson`, `${line.replace(',0.50', '')},Kim`));
    await cycle();
    await cycle();
    expect(about('is missing')).toEqual([
      expect.stringMatching(/^warn exports.invoices\.csv: column "tax" \(tax, in the previous export\) is missing — tax is left empty/),
    ]);
  });
});
