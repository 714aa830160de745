// A real poll through runCycle and the SQLite store: after the first poll the engine judges only what
// changed, and its findings are those a fresh process (no kept state) finds on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';
import { configSchema } from '../../src/config/schema';
import { runCycle } from '../../src/cycle/run-cycle';
import type { CanonicalRecord } from '../../src/domain/records';
import { Engine } from '../../src/engine/engine';
import { silentLogger } from '../../src/ports/logger';
import type { SourcePort, SourceRead } from '../../src/ports/source';
import { DAY, NOW } from '../builders/clock';
import { aQbInvoice, anInvoice, QUICKBOOKS, UPSTREAM } from '../builders/records';
import { shippedRules } from '../builders/rules';

/** A source whose next read is whatever the test put there: a full read of its records. */
function aSource(id: string, side: 'upstream' | 'quickbooks'): SourcePort & { records: CanonicalRecord[] } {
  const source = {
    id,
    side,
    displayName: id,
    records: [] as CanonicalRecord[],
    read: (): Promise<SourceRead> => Promise.resolve({ mode: 'full', records: source.records, problems: [] }),
  };
  return source;
}

describe('a poll through the incremental engine', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-engine-'));
    store = openSqliteStore(path.join(dir, 'sentinel.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = configSchema.parse({
    company: { id: 'acme', history_from: '2020-01-01' },
    sources: [{ id: QUICKBOOKS, type: 'quickbooks' }],
    matching: { invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }] },
  });
  const upstream = aSource(UPSTREAM, 'upstream');
  const quickbooks = aSource(QUICKBOOKS, 'quickbooks');
  const poll = (now: Date, engine: Engine) =>
    runCycle({
      config,
      rules: shippedRules(),
      sources: [upstream, quickbooks],
      store,
      channels: [],
      now: () => now,
      log: silentLogger,
      engine,
    });

  it('judges only the changed invoice and its twin, and finds what a fresh process finds', async () => {
    upstream.records = [
      anInvoice({ sourceId: 'inv-1', number: '1', jobNumber: 'J-1' }),
      anInvoice({ sourceId: 'inv-2', number: '2', jobNumber: 'J-2' }),
    ];
    quickbooks.records = [
      aQbInvoice({ sourceId: '501', number: '1', privateNote: 'FieldPro invoice inv-1' }),
      aQbInvoice({ sourceId: '502', number: '2', privateNote: 'FieldPro invoice inv-2' }),
    ];
    const engine = new Engine();
    const first = await poll(NOW, engine);
    expect(first.judged.mode).toBe('full');

    quickbooks.records = [
      quickbooks.records[0]!,
      aQbInvoice({ sourceId: '502', number: '2', privateNote: 'FieldPro invoice inv-2', totalCents: 1 }),
    ];
    const later = new Date(NOW.getTime() + 5 * 60_000);
    const second = await poll(later, engine);
    expect(second.judged).toEqual({ mode: 'incremental', records: 2 });
    expect(second.findings.map((f) => f.ruleId)).toContain('mismatch-invoice-amount');

    const fresh = await poll(later, new Engine());
    expect(fresh.judged.mode).toBe('full');
    expect(second.findings).toEqual(fresh.findings);
  });

  it('finds an upstream invoice missing from QuickBooks once its limit passes, with nothing changed', async () => {
    upstream.records = [anInvoice({ sourceId: 'inv-9', number: '9', issuedAt: NOW.toISOString(), createdAt: NOW.toISOString() })];
    quickbooks.records = [];
    // Re-checked in full once a month only, so the ten days pass on the incremental path.
    const engine = new Engine({ fullEveryPolls: 100, fullEveryMs: 30 * DAY, maxSubsetShare: 0.25 });
    await poll(NOW, engine);
    const later = await poll(new Date(NOW.getTime() + 10 * DAY), engine);
    expect(later.judged.mode).toBe('incremental');
    expect(later.findings.map((f) => f.ruleId)).toContain('missing-invoice');
  });

  it('keeps state for the companies polled last within its record budget; an evicted company polls in full and finds the same', async () => {
    upstream.records = [anInvoice({ sourceId: 'inv-1', number: '1' }), anInvoice({ sourceId: 'inv-2', number: '2' })];
    quickbooks.records = [aQbInvoice({ sourceId: '501', number: '1', privateNote: 'FieldPro invoice inv-1' })];
    const bravo = { ...config, company: { ...config.company, id: 'bravo' } };
    const pollOf = (c: typeof config, now: Date, engine: Engine) =>
      runCycle({
        config: c,
        rules: shippedRules(),
        sources: [upstream, quickbooks],
        store,
        channels: [],
        now: () => now,
        log: silentLogger,
        engine,
      });
    // Room for one company's three records, not two companies'.
    const engine = new Engine({ fullEveryPolls: 100, fullEveryMs: 30 * DAY, maxSubsetShare: 1, maxKeptRecords: 4 });

    await pollOf(config, NOW, engine);
    await pollOf(bravo, NOW, engine);
    expect(engine.keptCompanies()).toEqual(['bravo']);

    const later = new Date(NOW.getTime() + 5 * 60_000);
    const acme = await pollOf(config, later, engine);
    const again = await pollOf(bravo, later, engine);
    expect(acme.judged.mode).toBe('full');
    expect(again.judged.mode).toBe('full');
    expect(acme.findings.map((f) => f.ruleId)).toEqual(again.findings.map((f) => f.ruleId));
    expect(acme.findings.map((f) => f.ruleId)).toContain('missing-invoice');
  });
});
