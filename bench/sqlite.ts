// Our store: 100k generated records written with applySourceRead (one full read per source, as a
// poll does) into a fresh SQLite file, then read back with loadRecords. Its own process, so the
// native driver's memory is not counted anywhere else.
// Usage: node --import tsx bench/sqlite.ts [records] — prints one JSON line (SqliteResult).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../adapters/storage/sqlite-store';
import type { CanonicalRecord } from '../src/domain/records';
import { generate } from './generate';
import { emit, progress } from './measure';
import { NOW_MS } from './setup';

export interface SqliteResult {
  records: number;
  writeMs: number;
  /** The same reads again: every hash unchanged, so only the comparison and timestamps are work. */
  rewriteMs: number;
  readMs: number;
  readBack: number;
  inserted: number;
}

const wanted = Number(process.argv[2] ?? 100_000);
// About 3.7 records per invoice: N = wanted / 3.3 leaves enough, and the slice makes it exact.
const records = generate(Math.ceil(wanted / 3.3)).records.slice(0, wanted);
const bySource = new Map<string, CanonicalRecord[]>();
for (const r of records) {
  const list = bySource.get(r.source);
  if (list) list.push(r);
  else bySource.set(r.source, [r]);
}

const dir = mkdtempSync(join(tmpdir(), 'sync-sentinel-bench-'));
try {
  const store = openSqliteStore(join(dir, 'bench.db'));
  const now = new Date(NOW_MS).toISOString();
  const t0 = performance.now();
  let inserted = 0;
  const applyAll = async () => {
    for (const [source, list] of bySource) {
      const result = await store.applySourceRead('bench', source, list[0]!.side, { mode: 'full', records: list, problems: [] }, now);
      inserted += result.inserted;
    }
  };
  await applyAll();
  const writeMs = performance.now() - t0;
  const tr = performance.now();
  await applyAll();
  const rewriteMs = performance.now() - tr;
  const t1 = performance.now();
  const loaded = await store.loadRecords('bench');
  const readMs = performance.now() - t1;
  await store.close();
  progress(
    `sqlite: wrote ${records.length.toLocaleString('en-US')} records in ${Math.round(writeMs)} ms (unchanged again: ${Math.round(rewriteMs)} ms), read ${loaded.length.toLocaleString('en-US')} back in ${Math.round(readMs)} ms`,
  );
  const result: SqliteResult = { records: records.length, writeMs, rewriteMs, readMs, readBack: loaded.length, inserted };
  emit(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
