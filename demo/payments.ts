// Payments and deposits: a payment recorded in FieldPro reaches QuickBooks 10 minutes to 3 hours
// later, applied to its invoice, into Undeposited Funds; every two days the bookkeeper deposits
// what is older than four days, with the card processor's fee booked as a line.
import { CARD_FEE_BPS } from './catalogue';
import { DAY, HOUR, MINUTE, atLocal, toMinute } from './clock';
import { nextSeq, type Deposit, type Gen, type Invoice, type Method, type Payment, type QboPayment } from './model';

/** Payments are recorded at least this long before now, so every healthy one has synced. */
const SETTLED = 4 * HOUR;
/** Payments older than this are deposited. */
const DEPOSIT_AFTER = 4 * DAY;

/** A reference no other payment carries (references are a fallback match key). */
function reference(g: Gen, method: Method): string {
  const used = g.references;
  for (;;) {
    const ref =
      method === 'check'
        ? `CHK-${g.rand.int(1000, 9999)}`
        : method === 'ach'
          ? `ACH-${g.rand.int(10_000_000, 99_999_999)}`
          : method === 'cash'
            ? `CASH-${g.rand.int(10_000, 99_999)}`
            : `CC-${g.rand.int(100_000, 999_999)}`;
    if (!used.has(ref)) {
      used.add(ref);
      return ref;
    }
  }
}

/** A card processor's charge id: it is both the payment's id and its reference. */
export function chargeId(g: Gen): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `ch_${Array.from({ length: 14 }, () => g.rand.pick(alphabet.split(''))).join('')}`;
}

/** A payment recorded upstream: the FieldPro invoice's balance drops at once. */
export function addPayment(
  g: Gen,
  inv: Invoice,
  opts: { received: number; amount: number; method: Method; source?: Payment['source'] },
): Payment {
  const source = opts.source ?? 'fieldpro';
  const id = source === 'card-payments' ? chargeId(g) : '';
  const p: Payment = {
    seq: nextSeq(g.w),
    id,
    source,
    reference: id || reference(g, opts.method),
    invoice: inv,
    received: toMinute(opts.received),
    amount: opts.amount,
    method: opts.method,
  };
  inv.balance -= opts.amount;
  inv.status = inv.balance === 0 ? 'paid' : 'open';
  inv.updated = Math.max(inv.updated, p.received);
  g.w.payments.push(p);
  return p;
}

/** The sync's QuickBooks payment, applied to the invoice's twin unless `applied` is false. */
export function syncPayment(g: Gen, p: Payment, opts: { created?: number; applied?: boolean } = {}): QboPayment {
  const invoice = p.invoice.qbo;
  if (!invoice) throw new Error('demo: a payment cannot sync before its invoice');
  const created = toMinute(opts.created ?? p.received + g.rand.int(10, 180) * MINUTE);
  const q: QboPayment = {
    seq: nextSeq(g.w),
    id: '',
    upstream: p,
    customer: invoice.customer,
    created,
    amount: p.amount,
    undeposited: false,
  };
  if (opts.applied ?? true) {
    q.invoice = invoice;
    invoice.balance -= p.amount;
    invoice.updated = Math.max(invoice.updated, created);
  }
  p.qbo = q;
  g.w.qboPayments.push(q);
  return q;
}

/**
 * The healthy payment history: nearly half paid on the spot (mostly by card), most of the rest by
 * check, ACH or card within weeks, a few in two instalments; the youngest are still open.
 */
export function buildPayments(g: Gen): void {
  for (const inv of [...g.w.invoices]) {
    if (!inv.qbo) continue;
    if (g.rand.chance(0.45)) {
      const received = inv.issued + g.rand.int(2, 60) * MINUTE;
      if (received <= g.w.now - SETTLED)
        pay(g, inv, received, inv.total, g.rand.chance(0.75) ? 'card' : g.rand.pick(['check', 'cash'] as const));
      continue;
    }
    if (!g.rand.chance(0.92)) continue;
    const days = Math.ceil((g.w.now - inv.issued) / DAY);
    const received = atLocal(g.w.now, Math.max(0, days - g.rand.int(1, 25)), g.rand.int(8, 17), g.rand.int(0, 59));
    if (received < inv.issued || received > g.w.now - SETTLED) continue;
    const method = g.rand.pick(['check', 'check', 'ach', 'card'] as const);
    if (!g.rand.chance(0.1)) {
      pay(g, inv, received, inv.total, method);
      continue;
    }
    // Instalments: half now (in whole dollars), the rest a week or two later if that has come.
    const half = Math.round(inv.total / 200) * 100;
    pay(g, inv, received, half, method);
    const rest = received + g.rand.int(7, 14) * DAY;
    if (rest <= g.w.now - SETTLED) pay(g, inv, rest, inv.total - half, method);
  }
}

function pay(g: Gen, inv: Invoice, received: number, amount: number, method: Method): void {
  syncPayment(g, addPayment(g, inv, { received, amount, method }));
}

/** The card processor keeps 2.9 % of a card payment. */
export function cardFee(amount: number): number {
  return Math.round((amount * CARD_FEE_BPS) / 10_000);
}

/** Deposits every two days of everything older than four days; card fees booked on each. */
export function buildDeposits(g: Gen): void {
  const batches = new Map<number, QboPayment[]>();
  for (const p of g.w.qboPayments) {
    const age = g.w.now - p.created;
    if (p.undeposited || age < DEPOSIT_AFTER) continue;
    const window = Math.floor(age / (2 * DAY));
    batches.set(window, [...(batches.get(window) ?? []), p]);
  }
  for (const window of [...batches.keys()].sort((a, b) => b - a)) {
    const payments = batches.get(window)!;
    const fee = payments.filter((p) => p.upstream.method === 'card').reduce((n, p) => n + cardFee(p.amount), 0);
    // The day after the window closes, so every payment in it is older than its deposit.
    const deposit: Deposit = {
      seq: nextSeq(g.w),
      id: '',
      date: toMinute(g.w.now - (2 * window - 1) * DAY),
      payments,
      fee,
      feeBooked: true,
    };
    g.w.deposits.push(deposit);
  }
}
