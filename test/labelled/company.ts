// The healthy bulk of the company: customers of every kind, a few years of jobs, invoices and
// payments, synced as a working integration leaves them. Everything here must produce no finding.
import { distance } from 'fastest-levenshtein';
import type { Books } from './books';
import { type Customer, type Sale } from './books';
import { BUSINESS_KINDS, BUSINESS_WORDS, CITIES, FIRST_NAMES, LAST_NAMES, MANAGER_KINDS, STREETS, SUFFIXES, UNITS } from './catalog';
import { DAY, HOUR } from './clock';
import type { RecordKey } from './model';

export interface CompanyOptions {
  invoices: number;
  historyDays: number;
  /** When the QuickBooks sync was switched on; unset: it ran for the whole history. */
  syncStartMs?: number;
}

export interface Company {
  customers: Customer[];
  sales: Sale[];
  /** Records from before the sync started (never in QuickBooks by design). */
  beforeSync: RecordKey[];
}

const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'att.net', 'icloud.com'];

/** Names, e-mails, phones and addresses that no other generated customer shares. */
export class Identities {
  private readonly households = new Map<string, string[]>();
  private readonly businessNames: string[] = [];
  private readonly managerNames: string[] = [];
  private readonly drawn = new Set<string[]>();
  private readonly phones = new Set<string>();
  private readonly streets = new Set<string>();
  private readonly emails = new Set<string>();

  constructor(private readonly books: Books) {}

  /** Reserve names that injected records use, so the bulk never resembles them by accident. */
  reserve(last: string): void {
    this.households.set(last, ['*reserved*']);
  }

  household(): { first: string; last: string } {
    const rng = this.books.rng;
    for (let tries = 0; ; tries++) {
      if (tries > 20_000) throw new Error('the generator ran out of distinct household names; add names to catalog.ts');
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const taken = this.households.get(last) ?? [];
      // Two people with one surname stay apart only when their first names are clearly different.
      if (taken.some((t) => t === '*reserved*' || distance(t, first) < 4 || t.slice(0, 2) === first.slice(0, 2))) continue;
      this.households.set(last, [...taken, first]);
      return { first, last };
    }
  }

  business(): string {
    const name = this.draw(this.businessNames, () => BUSINESS_WORDS.flatMap((w) => BUSINESS_KINDS.map((k) => `${w} ${k}`)));
    const suffix = this.books.rng.pick(SUFFIXES);
    return suffix ? `${name} ${suffix}` : name;
  }

  manager(): string {
    return this.draw(this.managerNames, () => BUSINESS_WORDS.flatMap((w) => MANAGER_KINDS.map((k) => `${w} ${k}`)));
  }

  /** Each name once: a generated company never resembles another one by accident. */
  private draw(pool: string[], all: () => string[]): string {
    if (pool.length === 0 && !this.drawn.has(pool)) {
      this.drawn.add(pool);
      pool.push(...all());
    }
    if (pool.length === 0) throw new Error('the generator ran out of distinct business names; add words to catalog.ts');
    return pool.splice(Math.floor(this.books.rng.next() * pool.length), 1)[0]!;
  }

  phone(): { up: string; qb: string } {
    const rng = this.books.rng;
    for (;;) {
      const area = rng.pick(['512', '737']);
      const exchange = String(rng.int(201, 989));
      const line = String(rng.int(0, 9999)).padStart(4, '0');
      const key = area + exchange + line;
      if (exchange.endsWith('11') || this.phones.has(key)) continue;
      this.phones.add(key);
      // The field tool keeps what the technician typed; QuickBooks shows the sync's formatting.
      const up = rng.pick([
        `${area}-${exchange}-${line}`,
        `${area}${exchange}${line}`,
        `(${area}) ${exchange}-${line}`,
        `${area}.${exchange}.${line}`,
      ]);
      return { up, qb: `(${area}) ${exchange}-${line}` };
    }
  }

  address(): { line1: string; city: string; state: string; zip: string } {
    const rng = this.books.rng;
    for (;;) {
      const line1 = `${rng.int(100, 19999)} ${rng.pick(STREETS)}`;
      if (this.streets.has(line1)) continue;
      this.streets.add(line1);
      const [city, zip3] = rng.pick(CITIES);
      return { line1, city, state: 'TX', zip: `${zip3}${String(rng.int(1, 99)).padStart(2, '0')}` };
    }
  }

  email(local: string, domain = this.books.rng.pick(DOMAINS)): string {
    const base = local.toLowerCase().replace(/[^a-z0-9.]+/g, '');
    let email = `${base}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${base}${n}@${domain}`;
    this.emails.add(email);
    return email;
  }
}

interface PlannedCustomer {
  createdMs: number;
  firstSaleMs?: number;
  make: (synced: boolean, qbCreatedMs: number) => Customer;
}

export function buildCompany(books: Books, ids: Identities, opts: CompanyOptions): Company {
  const { rng, nowMs } = books;
  const startMs = nowMs - opts.historyDays * DAY;
  const syncStart = opts.syncStartMs ?? startMs - DAY;
  const customerCount = Math.max(20, Math.round(opts.invoices / 2.5));
  const plans: PlannedCustomer[] = [];
  for (let i = 0; i < customerCount; i++) {
    const createdMs = startMs - 30 * DAY + Math.floor(rng.next() * (opts.historyDays + 25) * DAY);
    const kind = rng.weighted([
      ['household', 65],
      ['business', 25],
      ['manager', 10],
    ] as const);
    plans.push({ createdMs, make: (synced, qbCreatedMs) => newCustomer(books, ids, kind, createdMs, synced, qbCreatedMs) });
  }
  plans.sort((a, b) => a.createdMs - b.createdMs);
  const issues = Array.from(
    { length: opts.invoices },
    () => startMs + Math.floor(rng.next() * opts.historyDays) * DAY + rng.int(14 * 60, 23 * 60) * 60_000,
  ).sort((a, b) => a - b);
  const owners = issues.map((issued) => {
    const eligible = plans.filter((p) => p.createdMs < issued - HOUR);
    const plan = eligible.length > 0 ? rng.pick(eligible) : plans[0]!;
    if (plan.createdMs >= issued) plan.createdMs = issued - DAY;
    if (plan.firstSaleMs === undefined || issued < plan.firstSaleMs) plan.firstSaleMs = issued;
    return plan;
  });
  // A customer reaches QuickBooks with its first invoice after the sync started.
  const firstSynced = new Map<PlannedCustomer, number>();
  issues.forEach((issued, i) => {
    const plan = owners[i]!;
    if (issued >= syncStart && !firstSynced.has(plan)) firstSynced.set(plan, issued);
  });
  const made = new Map<PlannedCustomer, Customer>();
  for (const plan of plans) {
    const first = firstSynced.get(plan);
    const synced = opts.syncStartMs === undefined || first !== undefined;
    made.set(plan, plan.make(synced, Math.max(plan.createdMs + 20 * 60_000, (first ?? syncStart) - 2 * HOUR)));
  }
  const beforeSync: RecordKey[] = [];
  const sales: Sale[] = [];
  issues.forEach((issued, i) => {
    const customer = made.get(owners[i]!)!;
    const old = issued < syncStart;
    const age = nowMs - issued;
    const paid =
      age > 25 * DAY
        ? rng.weighted([
            ['full', 93],
            ['partial', 3],
            ['none', 4],
          ] as const)
        : rng.weighted([
            ['full', 60],
            ['partial', 5],
            ['none', 35],
          ] as const);
    const paidAfter = rng.int(0, 12) * DAY + rng.int(1, 8) * HOUR;
    const sale = books.addSale({
      customer,
      unit: rng.pick(UNITS),
      issuedMs: issued,
      discountCents: rng.chance(0.12) ? rng.pick([1000, 1500, 2500]) : 0,
      synced: !old,
      paid,
      web: rng.chance(0.12),
      // Old invoices were settled before the sync existed.
      paidAfterMs: old ? Math.min(paidAfter, syncStart - issued - HOUR) : paidAfter,
      paymentSynced: !old,
    });
    sales.push(sale);
    if (old) beforeSync.push(...books.keyOf.sale(sale));
  });
  for (const [plan, customer] of made)
    if (!firstSynced.has(plan) && opts.syncStartMs !== undefined) beforeSync.push(books.keyOf.upCustomer(customer));
  return { customers: [...made.values()], sales, beforeSync };
}

function newCustomer(
  books: Books,
  ids: Identities,
  kind: 'household' | 'business' | 'manager',
  createdMs: number,
  synced: boolean,
  qbCreatedMs: number,
): Customer {
  const phone = ids.phone();
  const address = ids.address();
  if (kind === 'household') {
    const { first, last } = ids.household();
    return books.addCustomer({
      display: `${first} ${last}`,
      first,
      last,
      email: ids.email(`${first}.${last}`),
      phone: phone.up,
      qbPhone: phone.qb,
      address,
      createdMs,
      synced,
      qbCreatedMs,
    });
  }
  const company = kind === 'business' ? ids.business() : ids.manager();
  const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`;
  return books.addCustomer({
    display: company,
    company,
    email: ids.email(kind === 'business' ? 'office' : 'accounts', domain),
    phone: phone.up,
    qbPhone: phone.qb,
    address,
    createdMs,
    synced,
    qbCreatedMs,
  });
}
