// Storage on its own rows: writing a source read to SQLite and loading it back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../adapters/storage/sqlite-store';
import { generate } from './generate';

export async function sqliteRoundTrip(n: number): Promise<{ records: number; writeMs: number; rewriteMs: number; readMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-'));
  const now = Date.parse('2026-11-18T15:00:00Z');
  const records = generate(n, now).records.filter((r) => r.side === 'upstream');
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  const at = new Date(now).toISOString();
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const read = { mode: 'full' as const, records, problems: [] };
  const writeMs = await time(() => store.applySourceRead('bench', 'fsm', 'upstream', read, at));
  const rewriteMs = await time(() => store.applySourceRead('bench', 'fsm', 'upstream', read, at));
  const readMs = await time(() => store.loadRecords('bench'));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { records: records.length, writeMs, rewriteMs, readMs };
}
