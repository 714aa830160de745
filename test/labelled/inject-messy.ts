// Real books are messier than one generator: situations a second judge (RED) found that a naive
// comparison flags but a bookkeeper calls normal. Each is a hard negative: nothing may be said
// about any of its records.
import { DateTime } from 'luxon';
import { ACCOUNTS, meta, type Sale, type Wire } from './books';
import { amt, DAY, dollars, utc, ZONE } from './clock';
import { touch } from './edits';
import { unit, type Kit } from './inject-failures';
import { recordKey, type HardNegative } from './model';

export function injectMessyBooks(kit: Kit): HardNegative[] {
  const { books } = kit;
  const now = books.nowMs;
  const out: HardNegative[] = [];
  const add = (situation: string, records: string[], note: string) => out.push({ situation, records, note });
  const keys = (s: Sale) => books.keyOf.sale(s);

  {
    // A deposit taken when the install is booked: no invoice yet on either side, the money waits unapplied in both.
    const c = kit.customer({ first: 'Anneliese', last: 'Vanderpool' });
    const at = now - 9 * DAY;
    const id = 'FP-PAY-98001';
    const cents = 150_000;
    books.payments.push({
      id,
      reference: 'ACH-61177',
      customer_id: c.up['id'],
      customer_name: c.up['name'],
      date: utc(at).slice(0, 10),
      received_at: utc(at),
      amount: dollars(cents),
      method: 'ACH',
      created_at: utc(at),
      updated_at: utc(at),
    });
    const qb: Wire = {
      Id: books.nextQbId('qbPayment'),
      SyncToken: '0',
      TxnDate: utc(at).slice(0, 10),
      CustomerRef: { value: c.qb!['Id'], name: c.qb!['DisplayName'] },
      TotalAmt: amt(cents),
      UnappliedAmt: amt(cents),
      ProcessPayment: false,
      PaymentRefNum: 'ACH-61177',
      PaymentMethodRef: { value: '7', name: 'ACH' },
      DepositToAccountRef: { value: ACCOUNTS.bank.Id },
      Line: [],
      PrivateNote: `FieldPro payment ${id}`,
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: meta(at + 20 * 60_000),
    };
    books.qb.Payment.push(qb);
    c.qb!['Balance'] = -amt(cents);
    add(
      'deposit-before-the-work',
      [...books.keyOf.customer(c), recordKey('upstream', 'payment', id), recordKey('quickbooks', 'payment', qb['Id'])],
      'a $1,500 deposit for a booked install, unapplied on both sides',
    );
  }
  {
    // A web card payment the field tool also lists: two upstream rows (two ids), one QuickBooks payment.
    const s = kit.sale(kit.customer({ first: 'Leopold', last: 'Azikiwe' }), 12, { unit: unit('Electrical', 'North') });
    const p = books.pay(s, { amountCents: s.totalCents, atMs: now - 10 * DAY, method: 'card' });
    const copy = { ...p.up, id: 'WP-390001', customer_id: undefined, invoice_id: undefined, method: 'Online card' };
    books.webPayments.push(copy);
    add(
      'same-payment-in-two-exports',
      [...keys(s), recordKey('upstream', 'payment', copy.id)],
      "one card payment in the field tool's export and the web-payment export",
    );
  }
  {
    // A property manager's rental billed to a QuickBooks sub-customer ("Parent:Child", Job: true).
    const c = kit.customer({ company: 'Travis Heights Property Group' });
    const parent = c.qb!;
    const child: Wire = {
      ...parent,
      Id: books.nextQbId('qbCustomer'),
      DisplayName: '1507 Kenwood Ave',
      FullyQualifiedName: 'Travis Heights Property Group:1507 Kenwood Ave',
      PrintOnCheckName: 'Travis Heights Property Group',
      Job: true,
      BillWithParent: true,
      Level: 1,
      ParentRef: { value: parent['Id'] },
      BillAddr: { ...parent['BillAddr'], Id: String(20_000 + books.qb.Customer.length) },
      Balance: 0,
      MetaData: meta(now - 200 * DAY),
    };
    books.qb.Customer.push(child);
    const s = kit.sale(c, 14, { paid: 'full', method: 'check', unit: unit('Plumbing', 'East') });
    s.qb!['CustomerRef'] = { value: child['Id'], name: child['DisplayName'] };
    for (const p of s.pays) if (p.qb) p.qb['CustomerRef'] = { value: child['Id'], name: child['DisplayName'] };
    add(
      'invoice-billed-to-a-sub-customer',
      [...books.keyOf.customer(c), recordKey('quickbooks', 'customer', child['Id']), ...keys(s)],
      'the rental at 1507 Kenwood Ave, a sub-customer of its property manager',
    );
  }
  {
    // A goodwill refund on a paid invoice: a negative row upstream, a refund receipt (not a payment) in QuickBooks.
    const s = kit.sale(kit.customer({ first: 'Perpetua', last: 'Lindqvist' }), 25, {
      paid: 'full',
      method: 'card',
      unit: unit('HVAC', 'South'),
    });
    const at = now - 15 * DAY;
    const row = {
      id: 'FP-PAY-98002',
      reference: 'RF-20931',
      customer_id: s.customer.up['id'],
      customer_name: s.customer.up['name'],
      date: utc(at).slice(0, 10),
      received_at: utc(at),
      amount: '-45.00',
      invoice_id: s.inv['id'],
      invoice_number: s.inv['number'],
      applied: '-45.00',
      method: 'Refund',
      created_at: utc(at),
      updated_at: utc(at),
    };
    books.payments.push(row);
    add(
      'refund-after-payment',
      [...keys(s), recordKey('upstream', 'payment', row.id)],
      'a $45 goodwill refund to the card, booked as a refund receipt in QuickBooks',
    );
  }
  {
    // A check that bounced: QuickBooks voids the payment (amount zeroed, still pointing at Undeposited Funds).
    const s = kit.sale(kit.customer({ first: 'Evander', last: 'Okonkwo-Reid' }), 20, { paid: 'none', unit: unit('HVAC', 'East') });
    const p = books.pay(s, { amountCents: s.totalCents, atMs: now - 12 * DAY, method: 'check' });
    books.payments.splice(books.payments.indexOf(p.up), 1);
    books.setUpstreamBalance(s, s.totalCents, now - 9 * DAY);
    books.applyInQuickBooks(s.qb!, -s.totalCents, p.qb!['Id'], now - 9 * DAY);
    s.qb!['LinkedTxn'] = [];
    Object.assign(p.qb!, { TotalAmt: 0, UnappliedAmt: 0, Line: [], PrivateNote: `Voided - ${p.qb!['PrivateNote']}` });
    touch(p.qb!, now - 9 * DAY);
    books.keepUndeposited.add(p.qb!);
    s.pays.splice(s.pays.indexOf(p), 1);
    add(
      'bounced-check-voided',
      [...keys(s), recordKey('quickbooks', 'payment', p.qb!['Id'])],
      'a bounced check: gone upstream, voided in QuickBooks, invoice open again on both sides',
    );
  }
  {
    // Husband pays half by card, wife the rest by check: two payments, one invoice, on both sides.
    const s = kit.sale(kit.customer({ first: 'Wilhelmina', last: 'Castellanos' }), 18, { unit: unit('Plumbing', 'North') });
    const half = Math.floor(s.totalCents / 2);
    books.pay(s, { amountCents: half, atMs: now - 16 * DAY, method: 'card' });
    books.pay(s, { amountCents: s.totalCents - half, atMs: now - 14 * DAY, method: 'check' });
    add('two-spouses-pay-one-invoice', keys(s), 'two payments from one household on one invoice');
  }
  {
    // The bookkeeper merged a duplicate in QuickBooks: the merged-away record goes inactive ("… (deleted)"),
    // its invoices move to the one kept, and the field tool still holds the old QuickBooks id.
    const c = kit.customer({ first: 'Ignatius', last: 'Mbeki-Hart' });
    const kept = c.qb!;
    const mergedAway: Wire = {
      ...kept,
      Id: books.nextQbId('qbCustomer'),
      DisplayName: `${kept['DisplayName']} (deleted)`,
      FullyQualifiedName: `${kept['DisplayName']} (deleted)`,
      Active: false,
      Balance: 0,
      BillAddr: { ...kept['BillAddr'], Id: String(30_000 + books.qb.Customer.length) },
      MetaData: meta(now - 400 * DAY, now - 30 * DAY),
    };
    books.qb.Customer.push(mergedAway);
    c.up['quickbooks_id'] = mergedAway['Id'];
    const s = kit.sale(c, 21, { paid: 'full', method: 'card', unit: unit('Electrical', 'East') });
    add(
      'customer-merged-in-quickbooks',
      [...books.keyOf.customer(c), recordKey('quickbooks', 'customer', mergedAway['Id']), ...keys(s)],
      'the field tool still links the merged-away (inactive) QuickBooks customer',
    );
  }
  {
    // A warranty call: $0 on both sides.
    const s = kit.sale(kit.customer({ first: 'Gideon', last: 'Farquharson' }), 11, {
      lines: [{ item: { name: 'Warranty Service Call', cents: 0, taxable: false }, qty: 1 }],
      unit: unit('HVAC', 'North'),
    });
    add('warranty-zero-invoice', keys(s), 'a $0 warranty invoice, $0 upstream too');
  }
  {
    // The bookkeeper added a customer memo in QuickBooks weeks ago: not a compared field.
    const s = kit.sale(kit.customer({ first: 'Clementine', last: 'Ashdown' }), 40, { paid: 'full', unit: unit('Electrical', 'South') });
    s.qb!['CustomerMemo'] = { value: 'Thank you for choosing Three Rivers!' };
    touch(s.qb!, now - 22 * DAY);
    add('memo-edited-long-ago', keys(s), 'a memo-only edit in QuickBooks, long past any grace');
  }
  {
    // Names typed with stray spaces upstream.
    const c = kit.customer({ first: 'Gwendolyn', last: 'Pryce' });
    c.up['name'] = ' Gwendolyn  Pryce ';
    kit.sale(c, 35, { paid: 'full' });
    add('name-with-stray-spaces', books.keyOf.customer(c), 'upstream display name with leading, double and trailing spaces');
  }
  {
    // Issued at 9:30 pm Chicago on the last day of a month, which is already the 1st in UTC; the export writes the instant.
    const issued = DateTime.fromISO('2026-10-31T21:30:00', { zone: ZONE }).toMillis();
    const s = kit.sale(kit.customer({ first: 'Bartholomew', last: 'Iwasaki' }), (now - issued) / DAY, {
      paid: 'full',
      unit: unit('HVAC', 'South'),
    });
    s.inv['date'] = utc(issued);
    add('invoice-near-midnight', keys(s), 'invoice dated 2026-10-31 in Chicago, 2026-11-01T02:30Z in the export');
  }
  return out;
}
