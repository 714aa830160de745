// The bundled demo company, Summit Comfort Services: a pure function of an anchor date and a seed,
// written once to a folder that the file-export source and the QuickBooks sandbox then read like
// any real company's data. `expected` lists exactly the findings a correct checker raises on it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assignIds } from './assign-ids';
import { ContactBook } from './contacts';
import { buildCustomers } from './customers';
import { resolveExpected, type ExpectedFinding } from './expect';
import { upstreamFiles } from './export-csv';
import { RESERVED_NAMES, injectCustomerFailures } from './inject-customers';
import { injectInvoiceFailures } from './inject-invoices';
import { injectDepositFailure, injectPaymentFailures } from './inject-payments';
import { buildJobs } from './jobs';
import { emptyWorld, type Gen } from './model';
import { buildDeposits, buildPayments } from './payments';
import { quickbooksFiles } from './qbo-wire';
import { Random } from './random';

export type { ExpectedFinding } from './expect';

export const DEFAULT_SEED = 20_261_127;

export interface DemoData {
  /** Files under `upstream/`, by path relative to it (`fieldpro/invoices.csv`) → text. */
  upstream: Record<string, string>;
  /** Files under `quickbooks/`, by name (`Invoice.json`) → JSON value in QuickBooks' wire shape. */
  quickbooks: Record<string, unknown>;
  /** Exactly the findings a correct checker raises on this data, no more. */
  expected: ExpectedFinding[];
  /** Upstream volumes (payments from both exports). */
  counts: { customers: number; jobs: number; invoices: number; payments: number };
}

export function generateDemo(opts: { now: Date; seed?: number }): DemoData {
  const rand = new Random(opts.seed ?? DEFAULT_SEED);
  const g: Gen = { w: emptyWorld(opts.now.getTime()), rand, book: new ContactBook(rand), references: new Set() };
  for (const name of RESERVED_NAMES) g.book.claimName(name);
  // The healthy company first, then each failure on records of its own, then the deposits (which
  // must leave the stuck payment out), then ids in the order the systems would have issued them.
  buildCustomers(g, 200);
  buildJobs(g, 290);
  buildPayments(g);
  injectCustomerFailures(g);
  injectInvoiceFailures(g);
  injectPaymentFailures(g);
  buildDeposits(g);
  injectDepositFailure(g);
  assignIds(g.w);
  const { w } = g;
  return {
    upstream: upstreamFiles(w),
    quickbooks: quickbooksFiles(w),
    expected: resolveExpected(w),
    counts: { customers: w.customers.length, jobs: w.jobs.length, invoices: w.invoices.length, payments: w.payments.length },
  };
}

/** Writes `upstream/…` exports and `quickbooks/*.json` under `dir`, creating folders. */
export function writeDemo(dir: string, data: DemoData): void {
  for (const [rel, text] of Object.entries(data.upstream)) {
    const file = path.join(dir, 'upstream', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  mkdirSync(path.join(dir, 'quickbooks'), { recursive: true });
  for (const [name, value] of Object.entries(data.quickbooks))
    writeFileSync(path.join(dir, 'quickbooks', name), `${JSON.stringify(value, null, 2)}\n`);
  writeFileSync(
    path.join(dir, 'README.txt'),
    'Summit Comfort Services, the sync-sentinel demo company.\n' +
      'upstream/fieldpro: FieldPro exports (customers, jobs, invoices, payments); upstream/card-payments: the card processor export;\n' +
      'quickbooks: the QuickBooks Online company the sandbox serves. Edit any file and run `npx sync-sentinel run --once` again.\n',
  );
}

const PARTIAL = '.partial-';

/**
 * Writes the demo into a new folder beside `dir` and renames it into place, so `dir` is either absent
 * or complete: a process killed mid-write leaves only a `.partial-<pid>-…` folder, which a later
 * run removes. Returns false when another process put its demo in place first; that one is used.
 */
export function publishDemo(dir: string, make: () => DemoData): boolean {
  mkdirSync(path.dirname(dir), { recursive: true });
  removeAbandoned(dir);
  const temp = mkdtempSync(`${dir}${PARTIAL}${process.pid}-`);
  try {
    writeDemo(temp, make());
    renameSync(temp, dir);
    return true;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    // README.txt is written last: a folder without it was left half-written by an older version.
    if (!existsSync(path.join(dir, 'README.txt')))
      throw new Error(`${dir} is a demo folder an earlier run left half-written: delete it and run again.`);
    return false;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Partial folders of processes that are gone (a live one may still be writing its own). */
function removeAbandoned(dir: string): void {
  const prefix = `${path.basename(dir)}${PARTIAL}`;
  for (const name of readdirSync(path.dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
