// DuckDB running the equivalent SQL on the same data: tables loaded first (timed on their own),
// then the full outer join on the match keys, the field comparisons and the duplicate group-bys.
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../src/domain/records';
import { generate } from './generate';

const n = Number(process.argv[2] ?? 10_000);
const now = Date.parse('2026-11-18T15:00:00Z');
const data = generate(n, now);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`CREATE TABLE inv (side VARCHAR, id VARCHAR, number VARCHAR, customer_id VARCHAR, total BIGINT, tax BIGINT, balance BIGINT, status VARCHAR, class VARCHAR, location VARCHAR, txn_date VARCHAR, private_note VARCHAR, created_at TIMESTAMP, issued_at TIMESTAMP)`);
await db.run(`CREATE TABLE pay (side VARCHAR, id VARCHAR, amount BIGINT, unapplied BIGINT, invoice_id VARCHAR, private_note VARCHAR, received_at TIMESTAMP)`);
await db.run(`CREATE TABLE cust (side VARCHAR, id VARCHAR, name VARCHAR, email VARCHAR, external_id VARCHAR)`);

const t0 = performance.now();
const inv = await db.createAppender('inv');
const pay = await db.createAppender('pay');
const cust = await db.createAppender('cust');
const text = (a: DuckDBAppender, v: string | undefined | null) => (v === undefined || v === null ? a.appendNull() : a.appendVarchar(v));
const int = (a: DuckDBAppender, v: number | undefined) => (v === undefined ? a.appendNull() : a.appendBigInt(BigInt(v)));
const ts = (a: DuckDBAppender, v: string | null | undefined) => (v ? a.appendVarchar(v.replace('T', ' ').replace('Z', '')) : a.appendNull());
for (const r of data.records) {
  if (r.entity === 'invoice') {
    const i = r as InvoiceRecord;
    text(inv, i.side); text(inv, i.sourceId); text(inv, i.number); text(inv, i.customerId); int(inv, i.totalCents); int(inv, i.taxCents); int(inv, i.balanceCents);
    text(inv, i.status); text(inv, i.className); text(inv, i.location); text(inv, i.txnDate); text(inv, i.privateNote); ts(inv, i.createdAt); ts(inv, i.issuedAt);
    inv.endRow();
  } else if (r.entity === 'payment') {
    const p = r as PaymentRecord;
    text(pay, p.side); text(pay, p.sourceId); int(pay, p.amountCents); int(pay, p.unappliedCents); text(pay, p.appliedTo[0]?.invoiceId); text(pay, p.privateNote); ts(pay, p.receivedAt);
    pay.endRow();
  } else if (r.entity === 'customer') {
    const c = r as CustomerRecord;
    text(cust, c.side); text(cust, c.sourceId); text(cust, c.displayName); text(cust, c.email); text(cust, c.externalId);
    cust.endRow();
  }
}
for (const a of [inv, pay, cust]) a.closeSync();
const loadMs = performance.now() - t0;

const NOW = `TIMESTAMP '2026-11-18 15:00:00'`;
const SQL = `
WITH up AS (SELECT * FROM inv WHERE side = 'upstream'),
qb AS (SELECT *, regexp_extract(private_note, 'FieldPro invoice (\\S+)', 1) AS link FROM inv WHERE side = 'quickbooks'),
strong AS (SELECT q.id AS qid, u.id AS uid FROM qb q JOIN up u ON q.link = u.id WHERE q.link <> ''),
weak AS (SELECT q.id AS qid, u.id AS uid FROM qb q JOIN up u ON q.number = u.number
         WHERE coalesce(q.link, '') = '' AND u.id NOT IN (SELECT uid FROM strong)),
links AS (SELECT * FROM strong UNION ALL SELECT * FROM weak),
chain AS (SELECT u.id AS uid, u.status AS ustatus, u.issued_at, u.total, u.tax, u.balance, u.class AS uclass, u.txn_date,
                 q.id AS qid, q.created_at AS qcreated, q.total AS qtotal, q.tax AS qtax, q.balance AS qbalance, q.class AS qclass, q.status AS qstatus
          FROM up u FULL OUTER JOIN links l ON l.uid = u.id FULL OUTER JOIN qb q ON q.id = l.qid),
qpay AS (SELECT *, regexp_extract(private_note, 'FieldPro payment (\\S+)', 1) AS link FROM pay WHERE side = 'quickbooks')
SELECT
  (SELECT count(*) FROM chain WHERE qid IS NULL AND ustatus IN ('open','paid') AND issued_at <= ${NOW} - INTERVAL 3 DAY) AS "missing-invoice",
  (SELECT count(*) FROM chain WHERE uid IS NULL AND qstatus <> 'void' AND qcreated <= ${NOW} - INTERVAL 1 DAY) AS "orphan-invoice",
  (SELECT count(*) FROM (SELECT number FROM qb WHERE status <> 'void' GROUP BY number HAVING count(*) > 1)) AS "duplicate-invoice-number",
  (SELECT count(*) FROM chain WHERE uid IS NOT NULL AND qid IS NOT NULL AND abs(total - qtotal) > 1) AS "mismatch-invoice-amount",
  (SELECT count(*) FROM chain WHERE uid IS NOT NULL AND qid IS NOT NULL AND tax <> qtax) AS "mismatch-invoice-tax",
  (SELECT count(*) FROM chain WHERE uid IS NOT NULL AND qid IS NOT NULL AND abs(total - qtotal) <= 1 AND abs(balance - qbalance) > 1) AS "mismatch-invoice-balance",
  (SELECT count(*) FROM qb WHERE status <> 'void' AND (class IS NULL OR location IS NULL)) AS "incomplete-invoice-class",
  (SELECT count(*) FROM (SELECT side, email FROM cust WHERE email IS NOT NULL GROUP BY side, email HAVING count(*) > 1)) AS "duplicate-customer",
  (SELECT count(*) FROM pay u WHERE u.side = 'upstream' AND u.received_at <= ${NOW} - INTERVAL 2 DAY AND u.id NOT IN (SELECT link FROM qpay)) AS "late-payment",
  (SELECT count(*) FROM pay WHERE side = 'quickbooks' AND unapplied > 0) AS "unapplied-payment"
`;
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t1 = performance.now();
const rows = (await db.runAndReadAll(SQL)).getRowObjectsJS()[0] as Record<string, bigint | number>;
const runMs = performance.now() - t1;
clearInterval(sampler);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Number(v)]));
process.stdout.write(`${JSON.stringify({ n, loadMs, runMs, peakRss: peak, counts })}\n`);
db.closeSync();
instance.closeSync();
