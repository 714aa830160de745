// The bundled demo company: a pure function of (anchor date, seed), written once to a folder that
// the file-export source and the QuickBooks sandbox then read like any real company's data.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toExports } from './csv';
import { injectAfterDeposits, injectBeforeDeposits } from './inject';
import type { ExpectedFinding } from './model';
import { toQuickbooks } from './qbo-wire';
import { Random } from './random';
import { addDeposits, buildWorld } from './world';

export type { ExpectedFinding } from './model';

export interface DemoData {
  /** Relative path → file text (upstream exports). */
  upstream: Record<string, string>;
  /** QuickBooks sandbox data files → JSON value. */
  quickbooks: Record<string, unknown>;
  /** Exactly the findings a correct checker raises on this data. */
  expected: ExpectedFinding[];
  counts: { customers: number; jobs: number; invoices: number; payments: number };
}

export function generateDemo(opts: { now: Date; seed?: number }): DemoData {
  const rand = new Random(opts.seed ?? 20_261_127);
  const world = buildWorld(rand, opts.now.getTime());
  const expected: ExpectedFinding[] = [];
  const expect = (row: number, ruleId: string, side: ExpectedFinding['side'], source: string, sourceId: string, note: string) => expected.push({ row, ruleId, side, source, sourceId, note });
  injectBeforeDeposits(world, rand, expect);
  addDeposits(world);
  injectAfterDeposits(world, rand, expect);
  return {
    upstream: toExports(world),
    quickbooks: toQuickbooks(world),
    expected,
    counts: { customers: world.upCustomers.length, jobs: world.jobs.length, invoices: world.upInvoices.length, payments: world.upPayments.length },
  };
}

export function writeDemo(dir: string, data: DemoData): void {
  for (const [rel, text] of Object.entries(data.upstream)) {
    const file = path.join(dir, 'upstream', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  mkdirSync(path.join(dir, 'quickbooks'), { recursive: true });
  for (const [name, value] of Object.entries(data.quickbooks)) writeFileSync(path.join(dir, 'quickbooks', name), `${JSON.stringify(value, null, 1)}\n`);
  writeFileSync(path.join(dir, 'README.txt'), 'Demo data for sync-sentinel. Edit any file and run `npx sync-sentinel run --once` again.\n');
}
