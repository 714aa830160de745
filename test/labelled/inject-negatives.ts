// Legitimate situations that look like failures to a naive comparison. Each is tagged with its
// situation name; a correct product says nothing about any of its records.
import { meta, type Books, type Customer, type Sale, type Wire } from './books';
import { amt, DAY, dollars, HOUR, utc } from './clock';
import { unit, type Kit } from './inject-failures';
import { voidInQuickBooks } from './edits';
import { injectGraceEdits } from './inject-grace';
import { injectMessyBooks } from './inject-messy';
import { deposit } from './deposits';
import { recordKey, type HardNegative, type Label } from './model';

export function injectNegatives(kit: Kit): { negatives: HardNegative[]; labels: Label[] } {
  const { books } = kit;
  const now = books.nowMs;
  const negatives: HardNegative[] = [];
  const labels: Label[] = [];
  const add = (situation: string, records: string[], note: string) => negatives.push({ situation, records, note });
  const keys = (s: Sale) => books.keyOf.sale(s);

  // Settled money -----------------------------------------------------------------------------------
  {
    const s = kit.sale(kit.customer({ first: 'Marguerite', last: 'Oyelowo' }), 20, { unit: unit('HVAC', 'South') });
    const credit = Math.round(s.totalCents * 0.3);
    const upPay = books.pay(s, { amountCents: s.totalCents - credit, atMs: now - 18 * DAY, method: 'card', synced: false });
    books.setUpstreamBalance(s, -credit, now - 18 * DAY);
    const cm = creditMemo(books, s.customer, credit, 0, now - 19 * DAY);
    const qbPay = books.qbPayment(s, [{ inv: s.qb!, cents: s.totalCents }], {
      amountCents: s.totalCents - credit,
      atMs: now - 18 * DAY,
      method: 'card',
      reference: upPay.up['reference'],
      note: `FieldPro payment ${upPay.up['id']}`,
    });
    qbPay['Line'].push({ Amount: amt(credit), LinkedTxn: [{ TxnId: cm['Id'], TxnType: 'CreditMemo' }] });
    upPay.qb = qbPay;
    add(
      'credit-memo-applied',
      [...keys(s), recordKey('quickbooks', 'payment', `cm-${cm['Id']}`)],
      'card payment plus a credit memo (30% of the invoice) close it',
    );
  }
  {
    const c = kit.customer({ company: 'Wimberley Montessori School' });
    kit.sale(c, 60, { paid: 'full', method: 'ach' });
    const cm = creditMemo(books, c, 7_500, 7_500, now - 20 * DAY);
    add(
      'open-credit-on-account',
      [...books.keyOf.customer(c), recordKey('quickbooks', 'payment', `cm-${cm['Id']}`)],
      '$75 goodwill credit left on account',
    );
  }
  {
    const s = kit.sale(kit.customer({ first: 'Cornelius', last: 'Abercromby' }), 15, { unit: unit('Electrical', 'South') });
    const receipt = toSalesReceipt(books, s);
    const p = books.pay(s, { amountCents: s.totalCents, atMs: now - 15 * DAY + HOUR, method: 'card', synced: false });
    receipt['PaymentRefNum'] = p.up['reference'];
    add(
      'sales-receipt-paid-on-the-spot',
      [...keys(s), recordKey('quickbooks', 'invoice', `sr-${receipt['Id']}`)],
      'paid by card on the spot: a QuickBooks sales receipt, no payment',
    );
  }
  {
    const c = kit.customer({ company: 'Onion Creek Dental Partners' });
    const [a, b] = [kit.sale(c, 14), kit.sale(c, 13)] as [Sale, Sale];
    const ref = '040417';
    const at = now - 6 * DAY;
    const pa = books.pay(a, { amountCents: a.totalCents, atMs: at, method: 'check', synced: false, reference: ref });
    const pb = books.pay(b, { amountCents: b.totalCents, atMs: at, method: 'check', synced: false, reference: ref });
    const qb = books.qbPayment(
      a,
      [
        { inv: a.qb!, cents: a.totalCents },
        { inv: b.qb!, cents: b.totalCents },
      ],
      { amountCents: a.totalCents + b.totalCents, atMs: at, method: 'check', reference: ref },
    );
    pa.qb = qb;
    pb.qb = qb;
    add(
      'check-split-across-two-invoices',
      [...keys(a), ...keys(b)],
      'one check, two upstream rows sharing its number, one QuickBooks payment with two lines',
    );
  }
  {
    const c = kit.customer({ company: 'Manchaca Animal Hospital' });
    const [a, b] = [kit.sale(c, 16), kit.sale(c, 15)] as [Sale, Sale];
    const ref = 'ACH-88310';
    const at = now - 7 * DAY;
    const row = {
      id: 'FP-PAY-99001',
      reference: ref,
      customer_id: c.up['id'],
      customer_name: c.up['name'],
      date: utc(at).slice(0, 10),
      received_at: utc(at),
      amount: dollars(a.totalCents + b.totalCents),
      method: 'ACH',
      created_at: utc(at),
      updated_at: utc(at),
    };
    books.payments.push(row);
    books.setUpstreamBalance(a, -a.totalCents, at);
    books.setUpstreamBalance(b, -b.totalCents, at);
    const qa = books.qbPayment(a, [{ inv: a.qb!, cents: a.totalCents }], {
      amountCents: a.totalCents,
      atMs: at,
      method: 'ach',
      reference: ref,
    });
    const qbb = books.qbPayment(b, [{ inv: b.qb!, cents: b.totalCents }], {
      amountCents: b.totalCents,
      atMs: at,
      method: 'ach',
      reference: ref,
    });
    add(
      'one-payment-two-quickbooks-payments',
      [
        ...keys(a),
        ...keys(b),
        recordKey('upstream', 'payment', row.id),
        recordKey('quickbooks', 'payment', qa['Id']),
        recordKey('quickbooks', 'payment', qbb['Id']),
      ],
      'one ACH upstream, recorded as two QuickBooks payments',
    );
  }
  {
    const c = kit.customer({ first: 'Benedikt', last: 'Szymanski' });
    const s = kit.sale(c, 30, {
      lines: [{ item: { name: 'Tank Water Heater 50 gal', cents: 145_000, taxable: true }, qty: 1 }],
      unit: unit('Plumbing', 'East'),
    });
    books.pay(s, { amountCents: 50_000, atMs: now - 25 * DAY, method: 'card' });
    const t = kit.sale(c, 40, { unit: unit('HVAC', 'East') });
    const half = Math.floor(t.totalCents / 2);
    books.pay(t, { amountCents: half, atMs: now - 35 * DAY, method: 'check' });
    books.pay(t, { amountCents: t.totalCents - half, atMs: now - 20 * DAY, method: 'check' });
    add('partial-payments', [...keys(s), ...keys(t)], 'a deposit on a water heater (balance open) and an invoice paid in two installments');
  }
  {
    const pays = ['Imelda', 'Jonas', 'Katarina'].map((first, i) => {
      const s = kit.sale(kit.customer({ first, last: 'Vantongeren' }), 14 + i);
      const p = books.pay(s, { amountCents: s.totalCents, atMs: now - 11 * DAY, method: 'card' });
      books.keepUndeposited.add(p.qb!);
      return p.qb!;
    });
    const d = deposit(books, pays, true, now - 9 * DAY);
    add(
      'deposit-net-of-card-fee',
      [recordKey('quickbooks', 'deposit', d['Id']), ...pays.map((p) => recordKey('quickbooks', 'payment', p['Id']))],
      'card batch deposited net of the processor fee, fee booked as a negative line',
    );
  }

  // Voids ---------------------------------------------------------------------------------------------
  {
    const s = kit.sale(kit.customer({ first: 'Rosalie', last: 'Featherstone' }), 20, { unit: unit('HVAC', 'North') });
    Object.assign(s.inv, { status: 'void', updated_at: utc(now - 10 * DAY) });
    voidInQuickBooks(books, s.qb!, now - 10 * DAY);
    add('void-on-both-sides', keys(s), 'void in both systems; the export still shows the original total');
  }

  negatives.push(...injectGraceEdits(kit));
  negatives.push(...injectMessyBooks(kit));

  // Formatting only -------------------------------------------------------------------------------------
  {
    const s = kit.sale(kit.customer({ first: 'Fabian', last: 'Lockhart' }), 18, {
      lines: [{ item: { name: 'Tank Water Heater 50 gal', cents: 145_000, taxable: true }, qty: 1 }],
      unit: unit('Plumbing', 'North'),
    });
    for (const f of ['total', 'balance']) s.inv[f] = `$${Number(s.inv[f]).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    add('formatting:money', keys(s), 'upstream amounts written "$1,569.63"');
  }
  {
    const c = kit.customer({ first: 'Hortensia', last: 'Blackburn' });
    const digits = c.qb!['PrimaryPhone'].FreeFormNumber.replace(/\D/g, '');
    c.up['phone'] = `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    kit.sale(c, 50, { paid: 'full' });
    add('formatting:phone', books.keyOf.customer(c), 'phone "+1 512 …" upstream, "(512) …" in QuickBooks');
  }
  {
    const c = kit.customer({ first: 'Tomasz', last: 'Haverford' });
    c.up['email'] = c.up['email']!.replace(/^./, (x) => x.toUpperCase())
      .replace('@', '@')
      .toUpperCase();
    kit.sale(c, 45, { paid: 'full' });
    add('formatting:email-case', books.keyOf.customer(c), 'e-mail in capitals upstream');
  }
  {
    const s = kit.sale(kit.customer({ first: 'Ottilie', last: 'Brandvold' }), 16, { unit: unit('HVAC', 'North') });
    Object.assign(s.inv, { class: 'hvac - north', location: 'NORTH BRANCH', business_unit: 'hvac - north' });
    add('formatting:capitalisation', keys(s), 'class and location in other capitalisation upstream');
  }
  {
    const s = kit.sale(kit.customer({ first: 'Leontyne', last: 'Marchbanks' }), 17, { unit: unit('Electrical', 'East') });
    for (const f of ['total', 'balance']) s.inv[f] = `${dollars(Math.round(Number(s.inv[f]) * 100) - 1)}9`;
    add('formatting:rounding', keys(s), 'upstream amounts with a third decimal (…x.xx9) that round to the QuickBooks cent');
  }
  {
    const c = kit.customer({ first: 'Cosimo', last: 'Brightman' });
    c.up['address'] = `${c.up['address']}.`.toUpperCase();
    kit.sale(c, 33, { paid: 'full' });
    add('formatting:address', books.keyOf.customer(c), 'street in capitals with a trailing period upstream');
  }

  // Customers that look alike but are different people ------------------------------------------------
  const pair = (
    situation: string,
    a: Parameters<Kit['customer']>[0],
    b: Parameters<Kit['customer']>[0],
    shared: Array<'phone' | 'email' | 'address'>,
    note: string,
  ) => {
    const x = kit.customer(a, { createdDaysAgo: 500 });
    const y = kit.customer(b, { createdDaysAgo: 200 });
    for (const what of shared) copyContact(x, y, what);
    kit.sale(x, 30);
    kit.sale(y, 11);
    add(situation, [...books.keyOf.customer(x), ...books.keyOf.customer(y)], note);
  };
  pair(
    'household-sharing-a-landline',
    { first: 'Dorothea', last: 'Ostrowski' },
    { first: 'Peter', last: 'Ostrowski' },
    ['phone', 'address'],
    'wife and husband, one landline, one address, two accounts',
  );
  pair(
    'household-sharing-an-email',
    { first: 'Alonso', last: 'Reyes-Tamez' },
    { first: 'Marisa', last: 'Reyes-Tamez' },
    ['email', 'address'],
    'family e-mail shared by two adults billed separately',
  );
  pair(
    'father-and-son',
    { first: 'Robert', last: 'Hale', display: 'Robert Hale Sr.' },
    { first: 'Robert', last: 'Hale', display: 'Robert Hale Jr.' },
    ['phone'],
    "Jr./Sr. at different addresses, son uses father's number",
  );
  pair(
    'property-manager-paying-for-two-properties',
    { company: 'Barton Creek Rentals', display: 'Barton Creek Rentals - 114 Elm St' },
    { company: 'Barton Creek Rentals', display: 'Barton Creek Rentals - 2210 Birch Ave' },
    ['email'],
    'two properties billed to one manager e-mail',
  );
  pair(
    'mark-and-mary',
    { first: 'Mark', last: 'Delgadillo' },
    { first: 'Mary', last: 'Delgadillo' },
    [],
    'Mark and Mary: different people, nothing shared',
  );

  // One malformed upstream row: only the malformed finding, nothing about its twin or job. -------------
  {
    const s = kit.sale(kit.customer({ first: 'Winifred', last: 'Osterhagen' }), 9, { paid: 'full', method: 'card', paidAfterMs: DAY });
    s.inv['total'] = s.inv['total']!.replace(/^(\d)\d/, '$1O');
    labels.push({
      id: 'malformed-row',
      row: 0,
      ruleId: 'malformed-record',
      records: [recordKey('upstream', 'invoice', s.inv['id']!)],
      action: ['diagnostic_review'],
      severity: 'medium',
      note: `invoice ${s.inv['number']} total "${s.inv['total']}" cannot be read`,
    });
    add(
      'malformed-row',
      keys(s).filter((k) => k !== recordKey('upstream', 'invoice', s.inv['id']!)),
      'the QuickBooks twin, job and payments of the unreadable row',
    );
  }
  return { negatives, labels };
}

function copyContact(from: Customer, to: Customer, what: 'phone' | 'email' | 'address'): void {
  if (what === 'phone') {
    to.up['phone'] = from.up['phone'];
    to.qb!['PrimaryPhone'] = { ...from.qb!['PrimaryPhone'] };
  } else if (what === 'email') {
    to.up['email'] = from.up['email'];
    to.qb!['PrimaryEmailAddr'] = { ...from.qb!['PrimaryEmailAddr'] };
  } else {
    for (const f of ['address', 'city', 'state', 'zip']) to.up[f] = from.up[f];
    to.qb!['BillAddr'] = { ...from.qb!['BillAddr'], Id: to.qb!['BillAddr'].Id };
  }
}

function creditMemo(books: Books, c: Customer, cents: number, remaining: number, atMs: number): Wire {
  const item = books.item({ name: 'HVAC Labor', cents: 12_500, taxable: false, perHour: true });
  const w = {
    Id: books.nextQbId('qbOther'),
    SyncToken: '0',
    DocNumber: `CM-${books.rng.int(1000, 9999)}`,
    TxnDate: utc(atMs).slice(0, 10),
    CustomerRef: { value: c.qb!['Id'], name: c.qb!['DisplayName'] },
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
    Balance: amt(remaining),
    RemainingCredit: amt(remaining),
    PrivateNote: 'Goodwill credit',
    MetaData: meta(atMs),
  };
  books.qb.CreditMemo.push(w);
  return w;
}

/** The sync wrote a sales receipt (paid on the spot) instead of an invoice and a payment. */
function toSalesReceipt(books: Books, s: Sale): Wire {
  const qb = s.qb!;
  books.qb.Invoice.splice(books.qb.Invoice.indexOf(qb), 1);
  const cust = books.qb.Customer.find((c) => c['Id'] === qb['CustomerRef'].value)!;
  cust['Balance'] = amt(Math.round(cust['Balance'] * 100) - s.totalCents);
  const { DueDate: _d, LinkedTxn: _l, EmailStatus: _e, ...rest } = qb;
  const receipt = {
    ...rest,
    Id: books.nextQbId('qbOther'),
    Balance: 0,
    PaymentMethodRef: { value: '3', name: 'Visa' },
    DepositToAccountRef: { value: '35' },
  };
  books.qb.SalesReceipt.push(receipt);
  s.qb = undefined;
  return receipt;
}
