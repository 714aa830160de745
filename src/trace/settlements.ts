// Money settled in more than one record: one check paying two invoices (two upstream rows sharing the
// reference ↔ one QuickBooks payment with two lines, or the reverse), and money taken on the spot
// (a QuickBooks sales receipt, which needs no QuickBooks payment at all).
import { isSalesReceipt, type InvoiceRecord, type PaymentRecord } from '../domain/records';
import type { TxnLink } from './reconcile';

/** The records on both sides that together are one settlement (same reference, same money). */
export interface Settlement {
  upstream: PaymentRecord[];
  quickbooks: PaymentRecord[];
}

type Forward = Map<PaymentRecord, Array<TxnLink<PaymentRecord>>>;
type Backward = Map<PaymentRecord, TxnLink<PaymentRecord>>;

const BY = 'reference';

/**
 * Links payments that share a reference and were left unlinked or linked one-to-one by it. Per
 * upstream source (a card export and the field tool may both hold one card payment): rows pair by
 * equal amount, and the rows left on both sides are one settlement when their amounts add up; what
 * is left over otherwise stays unlinked, so a truly missing payment is still reported.
 */
export function linkSharedReferences(
  upstream: readonly PaymentRecord[],
  quickbooks: readonly PaymentRecord[],
  forward: Forward,
  backward: Backward,
): Map<PaymentRecord, Settlement> {
  const settlements = new Map<PaymentRecord, Settlement>();
  const upByRef = new Map<string, PaymentRecord[]>();
  for (const p of upstream) if (p.reference && !(forward.get(p) ?? []).some((l) => l.by !== BY)) push(upByRef, p.reference, p);
  const qbByRef = new Map<string, PaymentRecord[]>();
  for (const q of quickbooks) if (q.reference && !q.credit && (backward.get(q)?.by ?? BY) === BY) push(qbByRef, q.reference, q);

  for (const [ref, ups] of upByRef) {
    const qbs = qbByRef.get(ref);
    if (!qbs) continue;
    const bySource = new Map<string, PaymentRecord[]>();
    for (const u of ups) push(bySource, u.source, u);
    // One row on each side was linked one-to-one already.
    if (ups.length === 1 && qbs.length === 1) continue;
    for (const q of qbs) backward.delete(q);
    for (const u of ups) forward.delete(u);
    for (const us of bySource.values()) {
      const link = (u: PaymentRecord, q: PaymentRecord) => {
        push(forward, u, { record: q, by: BY });
        if (!backward.has(q)) backward.set(q, { record: u, by: BY });
      };
      const group = (u: PaymentRecord[], q: PaymentRecord[]) => {
        for (const a of u) for (const b of q) link(a, b);
        if (u.length > 1 || q.length > 1) for (const r of [...u, ...q]) settlements.set(r, { upstream: u, quickbooks: q });
      };
      // Equal amounts pair one to one first (check numbers repeat across customers' cheque books);
      // what is left is one settlement only if it adds up.
      const freeQb = [...qbs];
      const restUp: PaymentRecord[] = [];
      for (const u of us) {
        const i = freeQb.findIndex((q) => q.amountCents === u.amountCents);
        if (i >= 0) link(u, freeQb.splice(i, 1)[0]!);
        else restUp.push(u);
      }
      if (restUp.length > 0 && freeQb.length > 0 && sum(restUp) === sum(freeQb)) group(restUp, freeQb);
    }
  }
  sameMoneyInTwoExports(upByRef, quickbooks, forward, backward);
  return settlements;
}

/**
 * One payment listed by two upstream exports (the field tool and the web-payment export), each row
 * with its own id: the QuickBooks payment linked to one row by the sync's note holds the other too,
 * when it carries the same reference and amount.
 */
function sameMoneyInTwoExports(
  upByRef: Map<string, PaymentRecord[]>,
  quickbooks: readonly PaymentRecord[],
  forward: Forward,
  backward: Backward,
): void {
  const strongByRef = new Map<string, PaymentRecord[]>();
  for (const q of quickbooks) {
    const by = backward.get(q)?.by;
    if (q.reference && !q.credit && by !== undefined && by !== BY) push(strongByRef, q.reference, q);
  }
  for (const [ref, ups] of upByRef) {
    for (const u of ups) {
      if (forward.has(u)) continue;
      const q = strongByRef.get(ref)?.find((c) => {
        const twin = backward.get(c)!.record;
        return twin.source !== u.source && twin.reference === ref && twin.amountCents === u.amountCents && c.amountCents === u.amountCents;
      });
      if (q) push(forward, u, { record: q, by: BY });
    }
  }
}

/**
 * Upstream payments whose money QuickBooks holds in a sales receipt: the receipt carries the
 * payment's reference (PaymentRefNum), or every invoice the payment pays was synced as a sales receipt.
 */
export function settledOnTheSpot(
  payments: readonly PaymentRecord[],
  linkedPayments: Forward,
  qbInvoices: readonly InvoiceRecord[],
  qbTwinOf: (p: PaymentRecord, i: number) => InvoiceRecord | undefined,
): Map<PaymentRecord, InvoiceRecord> {
  const out = new Map<PaymentRecord, InvoiceRecord>();
  const receiptsByRef = new Map<string, InvoiceRecord[]>();
  for (const inv of qbInvoices) if (inv.reference && isSalesReceipt(inv) && inv.status !== 'void') push(receiptsByRef, inv.reference, inv);
  const paidOnSpot = (inv: InvoiceRecord | undefined) => inv !== undefined && isSalesReceipt(inv) && inv.status !== 'void';
  for (const p of payments) {
    if (linkedPayments.has(p)) continue;
    const byRef = p.reference ? receiptsByRef.get(p.reference) : undefined;
    if (byRef?.length === 1) {
      out.set(p, byRef[0]!);
      continue;
    }
    if (p.appliedTo.length === 0) continue;
    const twins = p.appliedTo.map((_, i) => qbTwinOf(p, i));
    if (twins.every(paidOnSpot)) out.set(p, twins[0]!);
  }
  return out;
}

/**
 * A credit rather than cash: a QuickBooks credit memo, or an upstream credit/adjustment exported as
 * a payment row (method "Credit", never "Credit Card"). QuickBooks books those as credit memos, so
 * the invoice balance, not a QuickBooks payment, shows whether they arrived.
 */
export function isCredit(p: PaymentRecord): boolean {
  return (
    p.credit === true || /^\s*(credit|credit memo|store credit|account credit|adjustment|discount|write[- ]?off)\s*$/i.test(p.method ?? '')
  );
}

function sum(ps: readonly PaymentRecord[]): number {
  return ps.reduce((n, p) => n + p.amountCents, 0);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
