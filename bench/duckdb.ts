// DuckDB (in-memory) on the same generated data: the records are appended into three typed tables
// first (timed on its own: "load"), then dropped from the JS heap, and only the SQL of
// duckdb-sql.ts is timed ("query"), in a process of its own so its memory is not ours.
// Usage: node --expose-gc --import tsx bench/duckdb.ts N — prints one JSON line (DuckResult).
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../src/domain/records';
import { COUNTS, STATEMENTS } from './duckdb-sql';
import { generate } from './generate';
import { collect, emit, progress, rss, startStage } from './measure';

export interface DuckResult {
  n: number;
  rows: number;
  loadMs: number;
  queryMs: number;
  /** RSS with the tables loaded and the JS records collected: the floor before the query. */
  rssLoaded: number;
  peakRss: number;
  hwmRss: number | null;
  maxRss: number;
  counts: Record<string, number>;
  threads: string;
}

const TABLES = `
CREATE TABLE inv (ord INTEGER, side VARCHAR, source VARCHAR, id VARCHAR, number VARCHAR, customer_id VARCHAR,
  total INTEGER, tax INTEGER, balance INTEGER, status VARCHAR, class VARCHAR, location VARCHAR, txn_date VARCHAR,
  private_note VARCHAR, created_ms BIGINT, updated_ms BIGINT, issued_ms BIGINT, lines_nonzero BOOLEAN);
CREATE TABLE pay (ord INTEGER, side VARCHAR, source VARCHAR, id VARCHAR, reference VARCHAR, customer_id VARCHAR,
  amount INTEGER, unapplied INTEGER, n_applied INTEGER, inv_id VARCHAR, inv_number VARCHAR, private_note VARCHAR,
  date VARCHAR, received_ms BIGINT, created_ms BIGINT, updated_ms BIGINT, deposit_account VARCHAR);
CREATE TABLE cust (ord INTEGER, side VARCHAR, source VARCHAR, id VARCHAR, name VARCHAR, email VARCHAR, phone VARCHAR,
  address VARCHAR, external_id VARCHAR, active BOOLEAN, created_ms BIGINT, updated_ms BIGINT);`;

// Typed appends with NULL for a missing value; instants become epoch milliseconds once, at load.
const text = (a: DuckDBAppender, v: string | undefined | null) => (v === undefined || v === null ? a.appendNull() : a.appendVarchar(v));
const int = (a: DuckDBAppender, v: number | undefined) => (v === undefined ? a.appendNull() : a.appendInteger(v));
const ms = (a: DuckDBAppender, v: string | null | undefined) => {
  const t = v ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? a.appendNull() : a.appendBigInt(BigInt(t));
};

/** Generates, appends and lets the JS records go: only their row count leaves this function. */
async function load(db: DuckDBConnection, n: number): Promise<{ rows: number; loadMs: number }> {
  const { records } = generate(n);
  progress(`duckdb N=${n}: generated ${records.length.toLocaleString('en-US')} records`);
  await db.run(TABLES);
  const t0 = performance.now();
  const inv = await db.createAppender('inv');
  const pay = await db.createAppender('pay');
  const cust = await db.createAppender('cust');
  records.forEach((r, ord) => {
    if (r.entity === 'invoice') {
      const i = r as InvoiceRecord;
      inv.appendInteger(ord);
      [i.side, i.source, i.sourceId, i.number, i.customerId].forEach((v) => text(inv, v));
      [i.totalCents, i.taxCents, i.balanceCents].forEach((v) => int(inv, v));
      [i.status, i.className, i.location, i.txnDate, i.privateNote].forEach((v) => text(inv, v));
      [i.createdAt, i.updatedAt, i.issuedAt].forEach((v) => ms(inv, v));
      inv.appendBoolean(i.lines.some((l) => l.amountCents !== 0));
      inv.endRow();
    } else if (r.entity === 'payment') {
      const p = r as PaymentRecord;
      // The generator applies a payment to at most one invoice; the SQL reads that one application.
      const applied = p.appliedTo[0];
      pay.appendInteger(ord);
      [p.side, p.source, p.sourceId, p.reference, p.customerId].forEach((v) => text(pay, v));
      [p.amountCents, p.unappliedCents, p.appliedTo.length].forEach((v) => int(pay, v));
      [applied?.invoiceId, applied?.invoiceNumber, p.privateNote, p.date].forEach((v) => text(pay, v));
      [p.receivedAt, p.createdAt, p.updatedAt].forEach((v) => ms(pay, v));
      text(pay, p.depositAccount);
      pay.endRow();
    } else if (r.entity === 'customer') {
      const c = r as CustomerRecord;
      const a = c.address;
      const address = a ? [a.line1, a.city, a.region, a.postalCode].filter(Boolean).join(', ') || undefined : undefined;
      cust.appendInteger(ord);
      [c.side, c.source, c.sourceId, c.displayName, c.email, c.phone, address, c.externalId].forEach((v) => text(cust, v));
      cust.appendBoolean(c.active);
      [c.createdAt, c.updatedAt].forEach((v) => ms(cust, v));
      cust.endRow();
    }
  });
  for (const a of [inv, pay, cust]) a.closeSync();
  return { rows: records.length, loadMs: performance.now() - t0 };
}

const n = Number(process.argv[2] ?? 10_000);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const threads = String((await db.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0]?.[0]);
const { rows, loadMs } = await load(db, n);
collect();
const rssLoaded = rss();
progress(`duckdb N=${n}: loaded in ${Math.round(loadMs)} ms`);

const stop = await startStage();
const t1 = performance.now();
// Per-statement times go to stderr: they say where DuckDB spends its time, if it is ever slow.
const steps: string[] = [];
for (const sql of STATEMENTS) {
  const t = performance.now();
  await db.run(sql);
  steps.push(`${/TABLE (\w+)/.exec(sql)?.[1] ?? '?'} ${Math.round(performance.now() - t)}`);
}
const tc = performance.now();
const row = (await db.runAndReadAll(COUNTS)).getRowObjectsJS()[0] ?? {};
steps.push(`counts ${Math.round(performance.now() - tc)}`);
const queryMs = performance.now() - t1;
progress(`duckdb N=${n}: ms per statement: ${steps.join(', ')}`);
const peak = await stop();

const counts = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
progress(`duckdb N=${n}: query ${Math.round(queryMs)} ms, peak ${Math.round(peak.peak / 2 ** 20)} MB`);
const result: DuckResult = {
  n,
  rows,
  loadMs,
  queryMs,
  rssLoaded,
  peakRss: peak.peak,
  hwmRss: peak.hwm ?? null,
  maxRss: peak.maxRss,
  counts,
  threads,
};
emit(result);
db.closeSync();
instance.closeSync();
