// Synthetic company at scale: N upstream and N QuickBooks invoices with customers and payments,
// and 1% of each anomaly, deterministic for a seed. Repeated text comes from small pools, as in real
// data (a few hundred item names and locations), so memory reflects real records.
import type { CanonicalRecord, CustomerRecord, InvoiceRecord, PaymentRecord } from '../src/domain/records';

export const ANOMALIES = ['missing', 'orphan', 'dupNumber', 'total', 'tax', 'classMissing', 'balance', 'dupCustomer'] as const;
export type Anomaly = (typeof ANOMALIES)[number];

export interface Dataset {
  records: CanonicalRecord[];
  injected: Record<Anomaly, number>;
}

const DAY = 86_400_000;
const CLASSES = ['Residential', 'Commercial'];
const LOCATIONS = ['North', 'South', 'East', 'West'];
const ITEMS = ['AC Tune-Up', 'Furnace Repair', 'Drain Cleaning', 'Panel Upgrade', 'Service Call'];

const SYL = ['ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'quin', 'sel', 'dax', 'hol', 'bri', 'zet', 'mon', 'fey', 'gus', 'pal'];

/** Names far apart from each other, so the fuzzy duplicate check finds only the injected ones. */
function personName(c: number): string {
  const word = (x: number, len: number) => Array.from({ length: len }, (_, k) => SYL[(Math.imul(x + k * 977, 2654435761) >>> (k * 4 + 3)) & 15]).join('');
  return `${word(c, 3)} ${word(c * 31 + 7, 4)} ${c.toString(36)}`;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(n: number, now: number, seed = 7): Dataset {
  const rand = rng(seed);
  const records: CanonicalRecord[] = [];
  const injected = Object.fromEntries(ANOMALIES.map((a) => [a, 0])) as Record<Anomaly, number>;
  const customers = Math.max(10, Math.floor(n / 4));
  const iso = (ms: number) => new Date(ms).toISOString();
  const old = iso(now - 30 * DAY);
  for (let c = 0; c < customers; c++) {
    const base = { active: true, updatedAt: old, createdAt: old, hash: '' };
    const name = personName(c);
    const email = `c${c}@example.com`;
    records.push({ ...base, side: 'upstream', source: 'fsm', sourceId: `UC${c}`, entity: 'customer', displayName: name, email, externalId: `QC${c}` } satisfies CustomerRecord);
    records.push({ ...base, side: 'quickbooks', source: 'quickbooks', sourceId: `QC${c}`, entity: 'customer', displayName: name, email } satisfies CustomerRecord);
    if (c % 100 === 50) {
      records.push({ ...base, side: 'quickbooks', source: 'quickbooks', sourceId: `QD${c}`, entity: 'customer', displayName: `Dup ${c.toString(36)} x${c}`, email } satisfies CustomerRecord);
      injected.dupCustomer++;
    }
  }
  for (let i = 0; i < n; i++) {
    const kind: Anomaly | undefined = i % 100 < ANOMALIES.length ? ANOMALIES[i % 100] : undefined;
    const c = Math.floor(rand() * customers);
    const lineAmount = 5_000 + Math.floor(rand() * 200_000);
    const tax = Math.round(lineAmount * 0.0825);
    const total = lineAmount + tax;
    const paid = kind === 'balance' || rand() < 0.6;
    const issued = iso(now - (3 + Math.floor(rand() * 50)) * DAY);
    const id = `U${i}`;
    const number = String(100000 + i);
    const cls = CLASSES[i % 2]!;
    const loc = LOCATIONS[i % 4]!;
    const item = ITEMS[i % 5]!;
    const up: InvoiceRecord = { side: 'upstream', source: 'fsm', sourceId: id, entity: 'invoice', number, customerId: `UC${c}`, customerName: 'x', txnDate: issued.slice(0, 10), issuedAt: issued, totalCents: total, taxCents: tax, balanceCents: paid ? 0 : total, status: paid ? 'paid' : 'open', className: cls, location: loc, lines: [{ item, amountCents: lineAmount }], updatedAt: issued, createdAt: issued, hash: '' };
    records.push(up);
    if (kind === 'missing') {
      injected.missing++;
      continue;
    }
    const qb: InvoiceRecord = { ...up, side: 'quickbooks', source: 'quickbooks', sourceId: `Q${i}`, customerId: `QC${c}`, privateNote: `FieldPro invoice ${id}`, lines: [{ item, amountCents: lineAmount }] };
    if (kind === 'total') qb.totalCents += 5_000;
    if (kind === 'tax') {
      qb.taxCents! += 1;
      qb.totalCents += 1;
      qb.balanceCents! += paid ? 0 : 1;
    }
    if (kind === 'classMissing') delete qb.className;
    if (kind === 'balance') {
      qb.balanceCents = qb.totalCents;
      qb.status = 'open';
    }
    if (kind && kind !== 'dupCustomer') injected[kind]++;
    records.push(qb);
    if (kind === 'orphan') records.push({ ...qb, sourceId: `QO${i}`, number: `9${number}`, privateNote: undefined, createdAt: iso(now - 5 * DAY) });
    if (kind === 'dupNumber') records.push({ ...qb, sourceId: `QN${i}`, privateNote: undefined, customerId: `QC${(c + 1) % customers}`, createdAt: iso(now - 5 * DAY) });
    if (paid) {
      const pay = (side: 'upstream' | 'quickbooks', source: string, sid: string, inv: string, note?: string): PaymentRecord => ({ side, source, sourceId: sid, entity: 'payment', reference: `R${i}`, amountCents: total, unappliedCents: 0, appliedTo: [{ invoiceId: inv, amountCents: total }], date: issued.slice(0, 10), receivedAt: issued, updatedAt: issued, createdAt: issued, hash: '', ...(note ? { privateNote: note } : {}) });
      records.push(pay('upstream', 'fsm', `UP${i}`, id));
      if (kind !== 'balance') records.push({ ...pay('quickbooks', 'quickbooks', `QP${i}`, `Q${i}`, `FieldPro payment UP${i}`), depositAccount: 'Checking' });
    }
  }
  // The orphan and the duplicate-number invoices are both QuickBooks-only: each also counts as orphan.
  return { records, injected };
}
