// The default rules as SQL over the loaded tables (inv, pay, cust; see duckdb.ts). Each statement
// mirrors what src/ does, so the two engines can be held to the same counts: links by the id in the
// PrivateNote first, DocNumber / reference only for what is left and only to an upstream record
// nothing else took; mismatches on the first twin of each upstream invoice; duplicates as connected
// groups over equal keys and near-identical names. Ages are milliseconds before NOW_MS.
// Not expressed: jobs, deposits, stale sources and malformed rows (the data has none of them), and
// the customer-by-name matching stage (every upstream customer here links by its QuickBooks id).
import { INVOICE_NOTE, NOW_MS, PAYMENT_NOTE } from './setup';

const H = 3_600_000;
const D = 24 * H;
const age = (ms: string) => `(${NOW_MS} - ${ms})`;
/** src/evaluate/context.ts lower(): trimmed, lower-cased, '' as missing. */
const low = (col: string) => `nullif(lower(trim(${col})), '')`;
const differs = (a: string, b: string, same = (x: string, y: string) => `${x} = ${y}`) =>
  `(${low(a)} IS NOT NULL AND ${low(b)} IS NOT NULL AND NOT ${same(low(a), low(b))})`;
/** Addresses compare on letters and digits only (mismatch.ts). */
const sameAddress = (x: string, y: string) => `regexp_replace(${x}, '[^a-z0-9]', '', 'g') = regexp_replace(${y}, '[^a-z0-9]', '', 'g')`;
/** Both sides quiet for the rule's grace period (mismatch.ts settled()). */
const settled = (grace: number) => `(${NOW_MS} - greatest(coalesce(u_upd, 0), coalesce(q_upd, 0)) >= ${grace})`;
/** An upstream invoice and its first QuickBooks twin (the one mismatch.ts compares with). */
const PAIR = '(nth = 1 AND u_ord IS NOT NULL AND q_ord IS NOT NULL)';
/** src/trace/similarity.ts normaliseName(). */
const norm = (col: string) =>
  `array_to_string(list_sort(list_filter(string_split_regex(regexp_replace(replace(strip_accents(lower(${col})), '&', ' and '), '[^a-z0-9 ]+', ' ', 'g'), '\\s+'), lambda w: w <> '' AND NOT list_contains(['inc','llc','ltd','co','corp','company','the'], w))), ' ')`;

/** Upstream ↔ QuickBooks links for one entity: strong key (note id), then the weak key (number). */
const links = (name: string, up: string, qb: string, weakCol: string) => `
CREATE OR REPLACE TEMP TABLE ${name} AS
WITH strong AS (SELECT q.ord AS qord, u.ord AS uord, 0 AS strength FROM ${qb} q JOIN ${up} u ON u.id = q.note_id),
unique_key AS (SELECT ${weakCol} AS k, min(ord) AS uord FROM ${up} WHERE ${weakCol} IS NOT NULL GROUP BY ${weakCol} HAVING count(*) = 1),
weak AS (
  SELECT q.ord AS qord, n.uord, 1 AS strength, row_number() OVER (PARTITION BY n.uord ORDER BY q.ord) AS nth
  FROM ${qb} q JOIN unique_key n ON n.k = q.${weakCol}
  WHERE q.ord NOT IN (SELECT qord FROM strong) AND n.uord NOT IN (SELECT uord FROM strong))
SELECT qord, uord, strength FROM strong UNION ALL SELECT qord, uord, strength FROM weak WHERE nth = 1`;

/** Customers: the QuickBooks id the sync recorded, then a unique e-mail, then a unique phone. */
const CUSTOMER_LINKS = `
CREATE OR REPLACE TEMP TABLE clink AS
WITH up AS (SELECT * FROM cust WHERE side = 'upstream'), qb AS (SELECT * FROM cust WHERE side = 'quickbooks'),
by_id AS (SELECT uord, qord FROM (SELECT u.ord AS uord, q.ord AS qord, row_number() OVER (PARTITION BY q.ord ORDER BY u.ord) AS nth
          FROM up u JOIN qb q ON q.id = u.external_id) WHERE nth = 1),
free1 AS (SELECT email AS k, min(ord) AS qord FROM qb WHERE ord NOT IN (SELECT qord FROM by_id) AND email <> '' GROUP BY email HAVING count(*) = 1),
by_email AS (SELECT uord, qord FROM (SELECT u.ord AS uord, f.qord, row_number() OVER (PARTITION BY f.qord ORDER BY u.ord) AS nth
             FROM up u JOIN free1 f ON f.k = u.email WHERE u.ord NOT IN (SELECT uord FROM by_id)) WHERE nth = 1),
linked AS (SELECT * FROM by_id UNION ALL SELECT * FROM by_email),
free2 AS (SELECT phone AS k, min(ord) AS qord FROM qb WHERE ord NOT IN (SELECT qord FROM linked) AND phone <> '' GROUP BY phone HAVING count(*) = 1),
by_phone AS (SELECT uord, qord FROM (SELECT u.ord AS uord, f.qord, row_number() OVER (PARTITION BY f.qord ORDER BY u.ord) AS nth
             FROM up u JOIN free2 f ON f.k = u.phone WHERE u.ord NOT IN (SELECT uord FROM linked)) WHERE nth = 1)
SELECT * FROM linked UNION ALL SELECT * FROM by_phone`;

export const STATEMENTS: string[] = [
  // Upstream rows are only filtered (a view, no copy); QuickBooks rows get their note id once.
  `CREATE OR REPLACE TEMP VIEW up_inv AS SELECT * FROM inv WHERE side = 'upstream'`,
  `CREATE OR REPLACE TEMP TABLE qb_inv AS SELECT *, nullif(trim(regexp_extract(private_note, '${INVOICE_NOTE} (\\S+)', 1)), '') AS note_id FROM inv WHERE side = 'quickbooks'`,
  `CREATE OR REPLACE TEMP VIEW up_pay AS SELECT * FROM pay WHERE side = 'upstream'`,
  `CREATE OR REPLACE TEMP TABLE qb_pay AS SELECT *, nullif(trim(regexp_extract(private_note, '${PAYMENT_NOTE} (\\S+)', 1)), '') AS note_id FROM pay WHERE side = 'quickbooks'`,
  links('ilink', 'up_inv', 'qb_inv', 'number'),
  links('plink', 'up_pay', 'qb_pay', 'reference'),
  CUSTOMER_LINKS,
  // The FULL OUTER JOIN on the match key: pairs, upstream-only and QuickBooks-only invoices in one
  // table; nth = 1 marks the first twin of an upstream invoice (the one mismatches compare with).
  `CREATE OR REPLACE TEMP TABLE j AS
   SELECT u.ord AS u_ord, u.status AS u_status, u.total AS u_total, u.tax AS u_tax, u.balance AS u_balance, u.class AS u_class,
          u.location AS u_loc, u.txn_date AS u_txn, u.customer_id AS u_cust, u.updated_ms AS u_upd,
          coalesce(u.issued_ms, u.created_ms, epoch_ms(try_cast(u.txn_date AS TIMESTAMP))) AS u_start, cl.linked_qid,
          q.ord AS q_ord, q.id AS q_id, q.status AS q_status, q.total AS q_total, q.tax AS q_tax, q.balance AS q_balance, q.class AS q_class,
          q.location AS q_loc, q.txn_date AS q_txn, q.customer_id AS q_cust, q.updated_ms AS q_upd, coalesce(q.created_ms, q.updated_ms) AS q_created,
          q.lines_nonzero, q.number AS q_number,
          row_number() OVER (PARTITION BY u.ord ORDER BY q.strength, q.ord) AS nth
   FROM up_inv u
   FULL OUTER JOIN (SELECT qb_inv.*, l.uord, l.strength FROM qb_inv LEFT JOIN ilink l ON l.qord = qb_inv.ord) q ON q.uord = u.ord
   LEFT JOIN (SELECT cu.source, cu.id, cq.id AS linked_qid FROM clink JOIN cust cu ON cu.ord = clink.uord JOIN cust cq ON cq.ord = clink.qord) cl
     ON cl.source = u.source AND cl.id = u.customer_id`,
  // Duplicate customers: edges from equal e-mail, equal phone and sorted-neighbour names (window 6,
  // like duplicate.ts), then connected groups: each group of two or more is one finding.
  `CREATE OR REPLACE TEMP TABLE cnorm AS SELECT ord, side, email, phone, ${norm('name')} AS nm FROM cust WHERE active`,
  `CREATE OR REPLACE TEMP TABLE cedge AS
   WITH ranked AS (SELECT ord, side, nm, row_number() OVER (PARTITION BY side ORDER BY nm, ord) AS rn FROM cnorm WHERE nm <> ''),
   -- (rn + k) is computed first so the neighbour lookup is a plain equi-join: written inline, the
   -- planner joined on side alone and filtered the product, which is quadratic.
   pairs AS (SELECT a.ord, a.side, a.nm, a.rn + o.k AS next_rn FROM ranked a CROSS JOIN range(1, 7) o(k)),
   fuzzy AS (SELECT a.ord AS a, b.ord AS b FROM pairs a JOIN ranked b ON b.side = a.side AND b.rn = a.next_rn
             WHERE a.nm = b.nm OR 1 - levenshtein(a.nm, b.nm) / greatest(length(a.nm), length(b.nm)) >= 0.9),
   keyed AS (SELECT ord AS a, min(ord) OVER (PARTITION BY side, email) AS b FROM cnorm WHERE email <> ''
             UNION ALL SELECT ord, min(ord) OVER (PARTITION BY side, phone) FROM cnorm WHERE phone <> '')
   SELECT a, b FROM fuzzy UNION ALL SELECT a, b FROM keyed WHERE a <> b`,
  `CREATE OR REPLACE TEMP TABLE cgroups AS
   WITH RECURSIVE e AS (SELECT a, b FROM cedge UNION SELECT b, a FROM cedge),
   reach(node, root) AS (SELECT a, a FROM e UNION SELECT e.b, r.root FROM reach r JOIN e ON e.a = r.node)
   SELECT node, min(root) AS root FROM reach GROUP BY node`,
];

/** One row: a column per rule id, the number of findings it would raise. */
export const COUNTS = `
WITH per_invoice AS (
  -- One pass over the joined invoices for every invoice rule; a pair is an upstream invoice and its first twin.
  SELECT
    count(*) FILTER (WHERE q_ord IS NULL AND u_status IN ('open', 'paid') AND ${age('u_start')} >= ${3 * D}) AS "missing-invoice",
    count(*) FILTER (WHERE q_ord IS NULL AND u_status IN ('open', 'paid') AND ${age('u_start')} >= ${D} AND ${age('u_start')} < ${3 * D}) AS "late-invoice",
    count(*) FILTER (WHERE u_ord IS NULL AND q_status <> 'void' AND ${age('q_created')} >= ${D}) AS "orphan-invoice",
    count(*) FILTER (WHERE ${PAIR} AND ${settled(H)} AND (abs(u_total - q_total) > 1 OR ${differs('u_txn', 'q_txn')}
      OR (u_cust IS NOT NULL AND q_cust IS NOT NULL AND linked_qid IS NOT NULL AND linked_qid <> q_cust))) AS "mismatch-invoice-amount",
    count(*) FILTER (WHERE ${PAIR} AND abs(u_tax - q_tax) > 0) AS "mismatch-invoice-tax",
    count(*) FILTER (WHERE ${PAIR} AND ${settled(D)} AND u_status <> 'void' AND q_status <> 'void' AND abs(u_total - q_total) <= 1
      AND abs(u_balance - q_balance) > 1) AS "mismatch-invoice-balance",
    count(*) FILTER (WHERE ${PAIR} AND ${settled(H)} AND (u_status = 'void') <> (q_status = 'void')) AS "mismatch-invoice-status",
    count(*) FILTER (WHERE ${PAIR} AND ${settled(H)} AND (${differs('u_class', 'q_class')} OR ${differs('u_loc', 'q_loc')})) AS "mismatch-invoice-class",
    count(*) FILTER (WHERE q_ord IS NOT NULL AND q_status <> 'void' AND (coalesce(q_class, '') = '' OR coalesce(q_loc, '') = '')) AS "incomplete-invoice-class",
    count(*) FILTER (WHERE q_ord IS NOT NULL AND q_status <> 'void' AND q_total = 0
      AND CASE WHEN u_ord IS NOT NULL THEN u_total <> 0 AND u_status <> 'void' ELSE lines_nonzero END) AS "incomplete-invoice-zero"
  FROM j),
qb_paid_by AS (
  -- For applied QuickBooks payments: the QuickBooks twin of the invoice the upstream payment pays.
  SELECT qp.ord, qp.inv_id AS applied, tw.q_id AS should
  FROM qb_pay qp JOIN plink pl ON pl.qord = qp.ord JOIN up_pay upp ON upp.ord = pl.uord
  LEFT JOIN up_inv bi ON bi.source = upp.source AND bi.id = upp.inv_id
  LEFT JOIN up_inv bn ON bn.source = upp.source AND bn.number = upp.inv_number
  JOIN (SELECT u_ord, q_id FROM j WHERE ${PAIR}) tw ON tw.u_ord = coalesce(bi.ord, bn.ord)),
qpay AS (SELECT qp.*, coalesce(qp.unapplied, CASE WHEN qp.n_applied = 0 THEN qp.amount ELSE 0 END) AS open_amount,
                ${age('coalesce(qp.received_ms, qp.created_ms, epoch_ms(try_cast(qp.date AS TIMESTAMP)))')} AS age FROM qb_pay qp)
SELECT per_invoice.*,
  (SELECT count(*) FROM (SELECT number FROM qb_inv WHERE status <> 'void' AND number <> '' GROUP BY number HAVING count(*) > 1)) AS "duplicate-invoice-number",
  (SELECT count(*) FROM (SELECT l.uord FROM qb_inv q JOIN ilink l ON l.qord = q.ord WHERE q.status <> 'void' GROUP BY l.uord HAVING count(*) > 1)) AS "invoice-posted-twice",
  (SELECT count(DISTINCT root) FROM cgroups) AS "duplicate-customer",
  (SELECT count(*) FROM cust u WHERE side = 'upstream' AND active AND ord NOT IN (SELECT uord FROM clink)
     AND ${age('coalesce(created_ms, updated_ms)')} >= ${2 * D}) AS "missing-customer",
  (SELECT count(*) FROM clink l JOIN cust u ON u.ord = l.uord JOIN cust q ON q.ord = l.qord
     WHERE ${NOW_MS} - greatest(coalesce(u.updated_ms, 0), coalesce(q.updated_ms, 0)) >= ${D}
       AND (${differs('u.email', 'q.email')} OR ${differs('u.phone', 'q.phone')} OR ${differs('u.address', 'q.address', sameAddress)})) AS "mismatch-customer-contact",
  (SELECT count(*) FROM up_pay WHERE ord NOT IN (SELECT uord FROM plink)
     AND ${age('coalesce(received_ms, epoch_ms(try_cast(date AS TIMESTAMP)), created_ms)')} >= ${2 * D}
     AND ${age('coalesce(received_ms, epoch_ms(try_cast(date AS TIMESTAMP)), created_ms)')} < ${5 * D}) AS "late-payment",
  (SELECT count(*) FROM up_pay WHERE ord NOT IN (SELECT uord FROM plink)
     AND ${age('coalesce(received_ms, epoch_ms(try_cast(date AS TIMESTAMP)), created_ms)')} >= ${5 * D}) AS "missing-payment",
  (SELECT count(*) FROM qb_pay WHERE regexp_matches(coalesce(deposit_account, ''), '(?i)undeposited')
     AND ${age('coalesce(received_ms, epoch_ms(try_cast(date AS TIMESTAMP)))')} >= ${5 * D}) AS "undeposited-payment",
  (SELECT count(*) FROM qpay WHERE age >= ${4 * H} AND (open_amount > 0
     OR ord IN (SELECT ord FROM qb_paid_by WHERE should IS NOT NULL AND should IS DISTINCT FROM applied))) AS "unapplied-payment"
FROM per_invoice
`;
