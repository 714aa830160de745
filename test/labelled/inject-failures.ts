// Every catalogue row (CATALOGUE.md 1–15), injected into the company with the label a correct
// product must match: the rule, the records its finding names, and where a first occurrence lands.
import { ACCOUNTS, meta, type Books, type Customer, type Sale, type Wire } from './books';
import { PRICE_BOOK, UNITS, type PriceItem, type Unit } from './catalog';
import { amt, DAY, dollars, HOUR, qbTime, utc } from './clock';
import type { Identities } from './company';
import { deposit } from './deposits';
import { bump, editTotal } from './edits';
import { recordKey, type Label } from './model';

export interface Kit {
  books: Books;
  ids: Identities;
  /** A fresh synced customer (household unless `company` is given). */
  customer(
    name: { first?: string; last?: string; display?: string; company?: string },
    opts?: { createdDaysAgo?: number; synced?: boolean },
  ): Customer;
  /** A sale issued `daysAgo` days ago (unpaid unless said otherwise). */
  sale(customer: Customer, daysAgo: number, spec?: Partial<Parameters<Books['addSale']>[0]>): Sale;
}

export function kitFor(books: Books, ids: Identities): Kit {
  const now = books.nowMs;
  return {
    books,
    ids,
    customer(name, opts = {}) {
      const display = name.display ?? name.company ?? `${name.first} ${name.last}`;
      const phone = ids.phone();
      const email = name.company
        ? ids.email('billing', `${name.company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`)
        : ids.email(`${name.first}.${name.last}`);
      return books.addCustomer({
        display,
        first: name.first,
        last: name.last,
        company: name.company,
        email,
        phone: phone.up,
        qbPhone: phone.qb,
        address: ids.address(),
        createdMs: now - (opts.createdDaysAgo ?? 300) * DAY,
        synced: opts.synced,
      });
    },
    sale(customer, daysAgo, spec = {}) {
      // Fixed, modest lines: the money at risk (and so the severity a label expects) does not depend on the seed.
      const u = spec.unit ?? books.rng.pick(UNITS);
      const cheapestPart = PRICE_BOOK[u.trade].filter((p) => p.taxable).sort((a, b) => a.cents - b.cents)[0]!;
      const lines = spec.lines ?? [
        { item: PRICE_BOOK[u.trade][1]!, qty: 1 },
        { item: cheapestPart, qty: 1 },
      ];
      return books.addSale({ customer, unit: u, issuedMs: now - daysAgo * DAY, paid: 'none', lines, ...spec });
    },
  };
}

const inv = (s: Sale) => [
  recordKey('upstream', 'invoice', s.inv['id']!),
  ...(s.qb ? [recordKey('quickbooks', 'invoice', s.qb['Id'])] : []),
];
const REVIEW = ['diagnostic_review'];

export function injectFailures(kit: Kit): Label[] {
  const { books } = kit;
  const now = books.nowMs;
  const labels: Label[] = [];
  const add = (l: Label) => labels.push(l);

  // 1 — the same customer entered twice, each record carrying an open invoice.
  const pairs: Array<[string, Parameters<Kit['customer']>[0], Parameters<Kit['customer']>[0], 'address' | 'phone' | 'email']> = [
    ['transposed letters', { first: 'Karen', last: 'Brzezinski' }, { first: 'Karen', last: 'Brzezinksi' }, 'address'],
    ['one-letter typo, first letter', { first: 'Catherine', last: 'Mulligan' }, { first: 'Katherine', last: 'Mulligan' }, 'address'],
    ['Inc. / Incorporated', { company: 'Pinnacle Orthodontics Inc.' }, { company: 'Pinnacle Orthodontics Incorporated' }, 'phone'],
    ['Inc. / LLC', { company: 'Harborview Storage LLC' }, { company: 'Harborview Storage Inc.' }, 'address'],
    ['& / and', { company: 'Rivera & Sons Roofing' }, { company: 'Rivera and Sons Roofing' }, 'email'],
    ['"Last, First"', { first: 'Dana', last: 'Whitlock' }, { first: 'Dana', last: 'Whitlock', display: 'Whitlock, Dana' }, 'address'],
    ['nickname Bob / Robert', { first: 'Robert', last: 'Kaminski' }, { first: 'Bob', last: 'Kaminski' }, 'address'],
    ['nickname Liz / Elizabeth', { first: 'Elizabeth', last: 'Thornbury' }, { first: 'Liz', last: 'Thornbury' }, 'phone'],
    ['middle initial', { first: 'James', last: 'Okafor' }, { first: 'James', last: 'Okafor', display: 'James T. Okafor' }, 'address'],
    ['same name and e-mail, new phone', { first: 'Grace', last: 'Holloway' }, { first: 'Grace', last: 'Holloway' }, 'email'],
  ];
  for (const [what, a, b, shared] of pairs) {
    const first = kit.customer(a, { createdDaysAgo: 400 });
    const second = kit.customer(b, { createdDaysAgo: 25 });
    share(first, second, shared);
    kit.sale(first, 40);
    kit.sale(second, 12);
    add({
      id: `dup-${what}`,
      row: 1,
      ruleId: 'duplicate-customer',
      records: [...books.keyOf.customer(first), ...books.keyOf.customer(second)],
      action: REVIEW,
      severity: 'high',
      note: `duplicate customer: ${what}, shared ${shared}, both with open balances`,
    });
  }

  // 2 — QuickBooks refuses the customer: its name clashes with an inactive, different customer (6240).
  const clash = kit.customer({ first: 'Jordan', last: 'Blake' }, { createdDaysAgo: 6, synced: false });
  Object.assign(clash.up, { sync_status: 'failed', sync_error: 'Duplicate Name Exists Error (6240): The name supplied already exists.' });
  const inactive = kit.customer({ first: 'Jordan', last: 'Blake' }, { createdDaysAgo: 900 });
  inactive.qb!['Active'] = false;
  books.upCustomers.splice(books.upCustomers.indexOf(inactive.up), 1);
  const held = kit.sale(clash, 4);
  held.inv['sync_status'] = 'pending';
  add({
    id: 'name-clash-customer',
    row: 2,
    ruleId: 'missing-customer',
    records: [books.keyOf.upCustomer(clash)],
    action: ['fix_normal_course'],
    severity: 'medium',
    note: 'upstream customer refused by QuickBooks (6240) because an inactive customer has the name',
  });
  add({
    id: 'name-clash-invoice',
    row: 2,
    ruleId: 'missing-invoice',
    records: inv(held),
    action: ['fix_normal_course'],
    note: 'invoice held back by the customer that never synced',
  });

  // 3 — a hand-typed QuickBooks invoice reusing a synced number; an upstream invoice posted twice.
  const reused = kit.sale(kit.customer({ first: 'Felix', last: 'Marchetti' }), 40, { paid: 'full', method: 'check' });
  const handTyped = handInvoice(books, kit.customer({ first: 'Orla', last: 'Kinsella' }), reused.inv['number']!, 27_500, now - 12 * DAY);
  add({
    id: 'dup-number',
    row: 3,
    ruleId: 'duplicate-invoice-number',
    records: [recordKey('quickbooks', 'invoice', handTyped['Id']), ...inv(reused)],
    also: ['orphan-invoice'],
    action: ['stabilization_sprint'],
    severity: 'critical',
    note: 'QuickBooks invoice typed by hand with a number the field tool already used',
  });
  const twice = kit.sale(kit.customer({ first: 'Mirela', last: 'Dragomir' }), 9);
  const copy = {
    ...structuredClone(twice.qb!),
    Id: books.nextQbId('qbInvoice'),
    MetaData: meta(Date.parse(twice.qb!['MetaData'].CreateTime) + HOUR),
  };
  books.qb.Invoice.push(copy);
  add({
    id: 'posted-twice',
    row: 3,
    ruleId: 'invoice-posted-twice',
    records: [...inv(twice), recordKey('quickbooks', 'invoice', copy['Id'])],
    also: ['duplicate-invoice-number'],
    action: ['stabilization_sprint'],
    severity: 'critical',
    note: 'one upstream invoice posted to QuickBooks twice (same PrivateNote id)',
  });

  // 4 — an item the sync cannot map holds back every invoice that uses it.
  const special: PriceItem = { name: 'Tankless Descale Special', cents: 18_900, taxable: false };
  for (const days of [5, 6]) {
    const s = kit.sale(kit.customer(days === 5 ? { first: 'Priya', last: 'Raghunathan' } : { company: 'Bastrop Feed & Seed' }), days, {
      lines: [{ item: special, qty: 1 }],
      synced: false,
      unit: unit('Plumbing', 'South'),
    });
    s.inv['sync_status'] = 'failed';
    add({
      id: `unmapped-item-${days}`,
      row: 4,
      ruleId: 'missing-invoice',
      records: inv(s),
      action: ['fix_normal_course'],
      note: 'invoice held back by an unmapped item',
    });
  }

  // 5 — tax rounded differently: one cent.
  const taxed = kit.sale(kit.customer({ first: 'Wallace', last: 'Ferreira' }), 20, {
    lines: [
      { item: { name: 'Condenser Fan Motor', cents: 38_500, taxable: true }, qty: 1 },
      { item: { name: 'AC Diagnostic', cents: 8_900, taxable: false }, qty: 1 },
    ],
    unit: unit('HVAC', 'North'),
  });
  bump(taxed.qb!, 'TxnTaxDetail', 1);
  add({
    id: 'tax-cent',
    row: 5,
    ruleId: 'mismatch-invoice-tax',
    records: inv(taxed),
    action: ['monitor'],
    severity: 'low',
    note: 'QuickBooks tax one cent above the field tool (per-line vs per-invoice rounding)',
  });

  // 6 — a payment that reached QuickBooks but was never applied: the invoice still shows open there.
  const unapplied = kit.sale(kit.customer({ first: 'Noemi', last: 'Castaneda' }), 12);
  const pay = books.pay(unapplied, { amountCents: unapplied.totalCents, atMs: now - 10 * DAY, method: 'check' });
  unapply(books, unapplied, pay.qb!);
  add({
    id: 'unapplied',
    row: 6,
    ruleId: 'unapplied-payment',
    records: [recordKey('quickbooks', 'payment', pay.qb!['Id']), recordKey('upstream', 'payment', pay.up['id']!)],
    action: REVIEW,
    severity: 'high',
    note: 'payment in QuickBooks left unapplied while the customer is chased',
  });
  add({
    id: 'paid-vs-open',
    row: 6,
    ruleId: 'mismatch-invoice-balance',
    records: inv(unapplied),
    action: REVIEW,
    severity: 'medium',
    note: 'paid upstream, open in QuickBooks (the unapplied payment)',
  });

  // 7 — a card payment left in Undeposited Funds; a deposit booked without its merchant fee.
  const stuck = kit.sale(kit.customer({ first: 'Tobias', last: 'Lindgren' }), 15);
  const stuckPay = books.pay(stuck, { amountCents: stuck.totalCents, atMs: now - 9 * DAY, method: 'card' });
  books.keepUndeposited.add(stuckPay.qb!);
  add({
    id: 'undeposited',
    row: 7,
    ruleId: 'undeposited-payment',
    records: [recordKey('quickbooks', 'payment', stuckPay.qb!['Id'])],
    action: REVIEW,
    severity: 'medium',
    note: 'card payment 9 days in Undeposited Funds (its account ref carries only the id)',
  });
  const batch = ['Anneliese', 'Bartholomew', 'Consuelo'].map((first, i) => {
    const s = kit.sale(kit.customer({ first, last: 'Pendergast' }), 22 + i);
    const p = books.pay(s, { amountCents: s.totalCents, atMs: now - 14 * DAY, method: 'card' });
    books.keepUndeposited.add(p.qb!);
    return p.qb!;
  });
  const gap = deposit(books, batch, true, now - 12 * DAY, { bookFee: false });
  add({
    id: 'fee-gap',
    row: 7,
    ruleId: 'deposit-fee-gap',
    records: [recordKey('quickbooks', 'deposit', gap['Id'])],
    action: REVIEW,
    severity: 'medium',
    note: 'deposit net of the card fee with no fee line',
  });

  // 8 — a new business unit nobody mapped to a class; a unit mapped to the wrong class.
  const solar: Unit = { trade: 'Electrical', branch: 'East', name: 'Solar - East', location: 'East Branch' };
  for (const days of [3, 5]) {
    const s = kit.sale(kit.customer(days === 3 ? { first: 'Ignatius', last: 'Okonkwo' } : { company: 'Dripping Springs Vineyard' }), days, {
      unit: solar,
    });
    delete s.qb!['ClassRef'];
    add({
      id: `unmapped-unit-${days}`,
      row: 8,
      ruleId: 'incomplete-invoice-class',
      records: inv(s),
      action: ['fix_normal_course'],
      severity: 'medium',
      note: 'business unit "Solar - East" has no QuickBooks class',
    });
  }
  const wrongClass = kit.sale(kit.customer({ first: 'Rosario', last: 'Benavides' }), 6, { unit: unit('Plumbing', 'South') });
  const north = books.classOf('Plumbing - North');
  wrongClass.qb!['ClassRef'] = { value: north['Id'], name: north['Name'] };
  add({
    id: 'wrong-class',
    row: 8,
    ruleId: 'mismatch-invoice-class',
    records: inv(wrongClass),
    action: REVIEW,
    severity: 'medium',
    note: 'Plumbing - South invoice classed Plumbing - North',
  });

  // 9 — a void that did not propagate; an invoice deleted upstream (job canceled) still open in QuickBooks.
  const voided = kit.sale(kit.customer({ first: 'Henrietta', last: 'Vasquez' }), 10);
  Object.assign(voided.inv, { status: 'void', updated_at: utc(now - 3 * DAY) });
  add({
    id: 'void-one-side',
    row: 9,
    ruleId: 'mismatch-invoice-status',
    records: inv(voided),
    action: REVIEW,
    severity: 'high',
    note: 'void upstream, open and billed in QuickBooks',
  });
  const deleted = kit.sale(kit.customer({ first: 'Augustin', last: 'Delacourt' }), 8);
  books.invoices.splice(books.invoices.indexOf(deleted.inv), 1);
  Object.assign(deleted.job, { status: 'canceled', updated_at: utc(now - 2 * DAY) });
  add({
    id: 'deleted-upstream',
    row: 9,
    ruleId: 'deleted-upstream-invoice',
    records: [recordKey('quickbooks', 'invoice', deleted.qb!['Id'])],
    action: REVIEW,
    severity: 'high',
    note: 'upstream invoice deleted (job canceled), QuickBooks invoice still open and billed',
  });

  // 10 — sync lag: an invoice a day late, one never synced, a payment late, one missing.
  const late = kit.sale(kit.customer({ first: 'Cordelia', last: 'Ashby' }), 1.25, { synced: false });
  late.inv['sync_status'] = 'pending';
  add({
    id: 'late-invoice',
    row: 10,
    ruleId: 'late-invoice',
    records: inv(late),
    action: ['monitor'],
    severity: 'low',
    note: 'invoice issued 30 hours ago, not in QuickBooks',
  });
  const never = kit.sale(kit.customer({ first: 'Leopold', last: 'Saavedra' }), 6, { synced: false });
  never.inv['sync_status'] = 'pending';
  add({
    id: 'missing-invoice',
    row: 10,
    ruleId: 'missing-invoice',
    records: inv(never),
    action: REVIEW,
    note: 'invoice 6 days old never synced, no cause visible',
  });
  for (const [days, ruleId] of [
    [3, 'late-payment'],
    [8, 'missing-payment'],
  ] as const) {
    const s = kit.sale(
      kit.customer({ first: days === 3 ? 'Marisol' : 'Octavia', last: days === 3 ? 'Quintanilla' : 'Brightwater' }),
      days + 4,
    );
    const p = books.pay(s, { amountCents: s.totalCents, atMs: now - days * DAY, method: 'card', synced: false });
    add({
      id: ruleId,
      row: 10,
      ruleId,
      records: [recordKey('upstream', 'payment', p.up['id']!), ...inv(s)],
      also: ['mismatch-invoice-balance'],
      ...(ruleId === 'late-payment'
        ? { action: ['monitor'], severity: 'low' as const }
        : { action: ['diagnostic_review', 'fix_normal_course', 'stabilization_sprint'] }),
      note: `card payment ${days} days old never reached QuickBooks (its invoice shows open there)`,
    });
  }

  // 11 — edits after export that never flowed: an invoice total, a customer's address.
  const edited = kit.sale(kit.customer({ first: 'Evander', last: 'Northcott' }), 12, { unit: unit('Electrical', 'North') });
  editTotal(edited, 12_500, now - 4 * DAY);
  add({
    id: 'edited-total',
    row: 11,
    ruleId: 'mismatch-invoice-amount',
    records: inv(edited),
    action: REVIEW,
    severity: 'medium',
    note: 'labour line added upstream 4 days after export',
  });
  const moved = kit.customer({ first: 'Philippa', last: 'Drummond' }, { createdDaysAgo: 200 });
  kit.sale(moved, 100, { paid: 'full' });
  Object.assign(moved.up, { address: '77 Quarry Lake Rd', updated_at: utc(now - 5 * DAY) });
  add({
    id: 'moved-customer',
    row: 11,
    ruleId: 'mismatch-customer-contact',
    records: books.keyOf.customer(moved),
    action: REVIEW,
    severity: 'medium',
    note: 'customer address changed upstream 5 days ago',
  });

  // 12 — the financing partner's export stopped arriving 12 days ago.
  for (const [i, days] of [30, 21, 12].entries()) {
    const s = kit.sale(kit.customer({ first: ['Solveig', 'Thaddeus', 'Wilhelmina'][i]!, last: 'Achterberg' }), days + 3, {
      lines: [{ item: { name: 'Tank Water Heater 50 gal', cents: 145_000, taxable: true }, qty: 1 }],
      unit: unit('Plumbing', 'North'),
    });
    const ref = `FIN-${books.rng.int(100000, 999999)}`;
    books.financingPayments.push({
      id: `FIN-${i + 1}`,
      reference: ref,
      customer_name: s.customer.up['name'],
      date: s.inv['date'],
      received_at: utc(now - days * DAY),
      amount: dollars(s.totalCents),
      invoice_number: s.inv['number'],
      applied: dollars(s.totalCents),
      method: 'Financing',
      created_at: utc(now - days * DAY),
      updated_at: utc(now - days * DAY),
    });
    books.setUpstreamBalance(s, -s.totalCents, now - days * DAY);
    books.qbPayment(s, [{ inv: s.qb!, cents: s.totalCents }], {
      amountCents: s.totalCents,
      atMs: now - days * DAY,
      method: 'ach',
      reference: ref,
    });
  }
  add({
    id: 'stale-financing',
    row: 12,
    ruleId: 'stale-source',
    records: [recordKey('upstream', 'source', 'financing')],
    action: ['stabilization_sprint'],
    severity: 'critical',
    note: 'financing export silent for 12 days',
  });

  // 13 — a blank $0 invoice synced before its lines were filled.
  const blank = kit.sale(kit.customer({ first: 'Ambrose', last: 'Kittredge' }), 7, {
    lines: [{ item: { name: 'Main Line Drain Clearing', cents: 22_500, taxable: false }, qty: 1 }],
    unit: unit('Plumbing', 'East'),
  });
  zeroOut(books, blank.qb!);
  add({
    id: 'blank-invoice',
    row: 13,
    ruleId: 'incomplete-invoice-zero',
    records: inv(blank),
    also: ['mismatch-invoice-amount'],
    action: REVIEW,
    severity: 'medium',
    note: '$0 in QuickBooks, $225 upstream',
  });

  // 14 — an invoice typed into QuickBooks by hand, with no upstream record.
  const byHand = handInvoice(books, kit.customer({ first: 'Gwendolyn', last: 'Farquhar' }), '8841', 18_000, now - 3 * DAY);
  add({
    id: 'hand-made',
    row: 14,
    ruleId: 'orphan-invoice',
    records: [recordKey('quickbooks', 'invoice', byHand['Id'])],
    action: ['monitor'],
    severity: 'low',
    note: 'invoice created by hand in QuickBooks, no upstream record',
  });

  // 15 — a completed job nobody invoiced.
  const uninvoiced = kit.sale(kit.customer({ first: 'Lucius', last: 'Vandergrift' }), 4, { synced: false });
  books.invoices.splice(books.invoices.indexOf(uninvoiced.inv), 1);
  add({
    id: 'uninvoiced-job',
    row: 15,
    ruleId: 'uninvoiced-job',
    records: [recordKey('upstream', 'job', uninvoiced.job['id']!)],
    action: REVIEW,
    severity: 'medium',
    note: 'job completed 4 days ago, never invoiced',
  });

  return labels;
}

export function unit(trade: Unit['trade'], branch: Unit['branch']): Unit {
  return UNITS.find((u) => u.trade === trade && u.branch === branch)!;
}

/** Both records of a duplicate pair share one piece of contact data (the rest differs). */
function share(a: Customer, b: Customer, what: 'address' | 'phone' | 'email'): void {
  if (what === 'address') {
    for (const f of ['address', 'city', 'state', 'zip']) b.up[f] = a.up[f];
    b.qb!['BillAddr'] = { ...a.qb!['BillAddr'], Id: b.qb!['BillAddr'].Id };
  } else if (what === 'phone') {
    b.up['phone'] = a.up['phone'];
    b.qb!['PrimaryPhone'] = { ...a.qb!['PrimaryPhone'] };
  } else {
    b.up['email'] = a.up['email'];
    b.qb!['PrimaryEmailAddr'] = { ...a.qb!['PrimaryEmailAddr'] };
  }
}

export function handInvoice(books: Books, customer: Customer, docNumber: string, cents: number, atMs: number): Wire {
  const item = books.item({ name: 'HVAC Labor', cents: 12_500, taxable: false, perHour: true });
  const w = {
    Id: books.nextQbId('qbInvoice'),
    SyncToken: '1',
    DocNumber: docNumber,
    TxnDate: new Date(atMs).toISOString().slice(0, 10),
    CustomerRef: { value: customer.qb!['Id'], name: customer.qb!['DisplayName'] },
    Line: [
      {
        Id: '1',
        LineNum: 1,
        Amount: amt(cents),
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: {
          ItemRef: { value: item['Id'], name: item['Name'] },
          Qty: 1,
          UnitPrice: amt(cents),
          TaxCodeRef: { value: 'NON' },
        },
      },
    ],
    TxnTaxDetail: { TotalTax: 0 },
    TotalAmt: amt(cents),
    Balance: amt(cents),
    ClassRef: { value: books.classOf('HVAC - North')['Id'], name: 'HVAC - North' },
    DepartmentRef: { value: books.department('North Branch')['Id'], name: 'North Branch' },
    CustomField: [],
    LinkedTxn: [],
    MetaData: meta(atMs),
  };
  books.qb.Invoice.push(w);
  return w;
}

function unapply(books: Books, s: Sale, payment: Wire): void {
  payment['Line'] = [];
  payment['UnappliedAmt'] = payment['TotalAmt'];
  s.qb!['Balance'] = s.qb!['TotalAmt'];
  s.qb!['LinkedTxn'] = [];
  const cust = books.qb.Customer.find((c) => c['Id'] === s.qb!['CustomerRef'].value)!;
  cust['Balance'] = amt(Math.round(cust['Balance'] * 100) + s.totalCents);
}

function zeroOut(books: Books, qb: Wire): void {
  const cust = books.qb.Customer.find((c) => c['Id'] === qb['CustomerRef'].value)!;
  cust['Balance'] = amt(Math.round(cust['Balance'] * 100) - Math.round(qb['Balance'] * 100));
  Object.assign(qb, {
    Line: [{ Amount: 0, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }],
    TotalAmt: 0,
    Balance: 0,
    TxnTaxDetail: { TotalTax: 0 },
  });
}

export { ACCOUNTS, qbTime };
