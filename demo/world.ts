// The healthy flow: job → upstream invoice → QuickBooks invoice → payment → deposit, all in sync.
import { DateTime } from 'luxon';
import type { Random } from './random';
import { DAY, HOUR, MIN } from './random';
import { makeCustomers } from './customers';
import { ITEMS, LOCATIONS, TAX_RATE, TRADES, type Line, type QbInvoice, type UpInvoice, type World } from './model';

export const ZONE = 'America/Chicago';
const TECHS = ['R. Alvarez', 'K. Osei', 'M. Brennan', 'T. Nguyen', 'S. Patel', 'J. Kowalski'];

export function day(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
}

export function priced(lines: Line[]): { tax: number; total: number } {
  const subtotal = lines.reduce((n, l) => n + l.amount, 0);
  const tax = Math.round(subtotal * TAX_RATE);
  return { tax, total: subtotal + tax };
}

export function buildWorld(rand: Random, now: number): World {
  const { up: upCustomers, qb: qbCustomers, locationOf } = makeCustomers(rand, now, 200);
  const w: World = { now, upCustomers, qbCustomers, jobs: [], upInvoices: [], qbInvoices: [], upPayments: [], qbPayments: [], deposits: [] };
  for (let n = 0; n < 320; n++) {
    const customer = upCustomers[rand.int(0, upCustomers.length - 1)]!;
    const location = locationOf.get(customer.id) ?? LOCATIONS[0];
    const trade = TRADES[n % 3]!;
    const scheduled = now - rand.int(2 * HOUR, 60 * DAY);
    const status = scheduled > now - 6 * HOUR ? 'in_progress' : rand.chance(0.03) ? 'canceled' : 'completed';
    const completedAt = status === 'completed' ? scheduled + 2 * HOUR : undefined;
    w.jobs.push({ id: `JB${9001 + n}`, number: `J-${5001 + n}`, customerId: customer.id, customerName: customer.name, status, ...(completedAt ? { completedAt } : {}), technician: rand.pick(TECHS), location, unit: `${trade} - ${location}`, created: scheduled - 3 * DAY, updated: completedAt ?? scheduled });
  }
  for (const job of w.jobs) {
    if (job.status !== 'completed' || job.completedAt! > now - 5 * HOUR) continue;
    const trade = job.unit.split(' - ')[0] as (typeof TRADES)[number];
    const lines = Array.from({ length: rand.int(1, 2) }, () => {
      const [item, price] = rand.pick(ITEMS[trade]);
      return { item, amount: price };
    });
    addInvoice(w, rand, job.number, lines, job.completedAt! + rand.int(0, 4 * HOUR));
  }
  addPayments(w, rand);
  return w;
}

/** An upstream invoice for a job and, unless it is too fresh to have synced, its QuickBooks twin. */
export function addInvoice(w: World, rand: Random, jobNumber: string, lines: Line[], issued: number, sync = true): { up: UpInvoice; qb?: QbInvoice } {
  const job = w.jobs.find((j) => j.number === jobNumber)!;
  const customer = w.upCustomers.find((c) => c.id === job.customerId)!;
  const n = w.upInvoices.length;
  const { tax, total } = priced(lines);
  const up: UpInvoice = {
    id: `8${String(n + 1).padStart(4, '0')}`,
    number: String(10001 + n),
    jobNumber,
    customerId: customer.id,
    customerName: customer.name,
    issued,
    lines,
    tax,
    total,
    balance: total,
    status: 'open',
    className: rand.chance(0.7) ? 'Residential' : 'Commercial',
    location: job.location,
    unit: job.unit,
    email: customer.email,
    syncStatus: 'exported',
    updated: issued,
  };
  w.upInvoices.push(up);
  // Invoices issued in the last 20 hours may not have synced yet: inside the grace, not findings.
  if (!sync || issued > w.now - 20 * HOUR || !customer.quickbooksId) return { up };
  const created = issued + rand.int(10 * MIN, 6 * HOUR);
  const qb: QbInvoice = {
    Id: String(1001 + w.qbInvoices.length),
    docNumber: up.number,
    customerId: customer.quickbooksId,
    customerName: customer.name,
    issued,
    lines: lines.map((l) => ({ ...l })),
    tax,
    total,
    balance: total,
    className: up.className,
    location: up.location,
    privateNote: `FieldPro invoice ${up.id} · job ${jobNumber}`,
    email: customer.email,
    created,
    updated: created,
  };
  w.qbInvoices.push(qb);
  return { up, qb };
}

function addPayments(w: World, rand: Random): void {
  for (const inv of [...w.upInvoices]) {
    const qb = w.qbInvoices.find((q) => q.privateNote?.startsWith(`FieldPro invoice ${inv.id} `));
    if (!qb || inv.issued > w.now - 3 * DAY || !rand.chance(0.85)) continue;
    const received = Math.min(inv.issued + rand.int(HOUR, 20 * DAY), w.now - 6 * HOUR);
    const card = rand.chance(0.6);
    pay(w, rand, inv, qb, received, inv.total, card ? 'card' : 'check');
  }
}

export function pay(w: World, rand: Random, inv: UpInvoice, qb: QbInvoice | undefined, received: number, amount: number, method: string, source: 'fieldpro' | 'card-payments' = 'fieldpro', syncToQb = true) {
  const n = w.upPayments.length;
  const customer = w.upCustomers.find((c) => c.id === inv.customerId)!;
  const up = { source, id: source === 'fieldpro' ? `P${7001 + n}` : `CP${301 + n}`, reference: `${method === 'card' ? 'CC' : 'CHK'}-${40001 + n}`, customerId: customer.id, customerName: customer.name, received, amount, invoiceId: inv.id, invoiceNumber: inv.number, method, updated: received };
  w.upPayments.push(up);
  inv.balance -= amount;
  inv.status = inv.balance === 0 ? 'paid' : 'open';
  inv.updated = Math.max(inv.updated, received);
  if (!qb || !syncToQb) return { up };
  const created = received + rand.int(10 * MIN, 3 * HOUR);
  const qp = { Id: String(5001 + w.qbPayments.length), reference: up.reference, customerId: qb.customerId, customerName: qb.customerName, received, amount, unapplied: 0, invoiceId: qb.Id, privateNote: `${source === 'fieldpro' ? 'FieldPro' : 'Card'} payment ${up.id}`, method, created };
  w.qbPayments.push(qp);
  qb.balance -= amount;
  qb.updated = Math.max(qb.updated, created);
  return { up, qp };
}

/** Every payment older than 4 days is deposited, in two-day batches, with the card fee booked. */
export function addDeposits(w: World): void {
  const batches = new Map<number, typeof w.qbPayments>();
  for (const p of w.qbPayments) {
    const age = w.now - p.received;
    if (age < 4 * DAY) continue;
    const bucket = Math.floor(age / (2 * DAY));
    batches.set(bucket, [...(batches.get(bucket) ?? []), p]);
  }
  for (const [bucket, payments] of [...batches.entries()].sort((a, b) => b[0] - a[0])) {
    const fee = payments.filter((p) => p.method === 'card').reduce((n, p) => n + Math.round(p.amount * 0.029), 0);
    const sum = payments.reduce((n, p) => n + p.amount, 0);
    w.deposits.push({ Id: String(9001 + w.deposits.length), date: w.now - bucket * 2 * DAY + DAY, paymentIds: payments.map((p) => p.Id), total: sum - fee, feeBooked: fee });
  }
}
