// Every failure of the catalogue, injected into an otherwise healthy company, with the exact
// findings a correct checker must raise for each.
import { address, person } from './customers';
import { DAY, HOUR, type Random } from './random';
import type { ExpectedFinding, UpInvoice, World } from './model';
import { addInvoice, pay, priced } from './world';

type Expect = (row: number, ruleId: string, side: ExpectedFinding['side'], source: string, sourceId: string, note: string) => void;

/** A new completed job (and customer's invoice, unless told not to) at a given age. */
function job(w: World, customerId: string, completedAgo: number, unit = 'HVAC - North'): string {
  const c = w.upCustomers.find((x) => x.id === customerId)!;
  const number = `J-${6001 + w.jobs.length}`;
  const completedAt = w.now - completedAgo;
  w.jobs.push({ id: `JB${9501 + w.jobs.length}`, number, customerId, customerName: c.name, status: 'completed', completedAt, technician: 'D. Romero', location: unit.split(' - ')[1]!, unit, created: completedAt - 2 * DAY, updated: completedAt });
  return number;
}

function synced(w: World, rand: Random, agoDays: number, unpaid = true) {
  const c = w.upCustomers[rand.int(0, 150)]!;
  const made = addInvoice(w, rand, job(w, c.id, agoDays * DAY), [{ item: 'Furnace Repair', amount: 38500 }], w.now - agoDays * DAY + HOUR);
  if (!unpaid) pay(w, rand, made.up, made.qb, made.up.issued + DAY, made.up.total, 'check');
  return made as { up: UpInvoice; qb: NonNullable<typeof made.qb> };
}

export function injectBeforeDeposits(w: World, rand: Random, expect: Expect): void {
  // 1. One person twice in QuickBooks: same e-mail, new phone, a typo in the name; both owe money.
  const dana = person(rand, w.now, 900, 'Dana', 'Whitfield');
  dana.address = address(rand, 900, 'North');
  dana.quickbooksId = '900';
  w.upCustomers.push(dana);
  w.qbCustomers.push({ Id: '900', name: dana.name, email: dana.email, phone: dana.phone, address: { ...dana.address }, balance: 41200, created: dana.created, updated: dana.created });
  w.qbCustomers.push({ Id: '901', name: 'Dana Whitfeld', email: dana.email, phone: '(312) 555-7788', address: { ...dana.address }, balance: 18900, created: w.now - 20 * DAY, updated: w.now - 20 * DAY });
  expect(1, 'duplicate-customer', 'quickbooks', 'quickbooks', '901', 'Dana Whitfield / Dana Whitfeld share an e-mail, both with open balances');

  // 2. A customer blocked by a name clash (6240) holds back its invoices.
  const smith = person(rand, w.now, 901, 'Smith', 'Sons');
  Object.assign(smith, { name: 'Smith and Sons Plumbing Supply', company: 'Smith and Sons Plumbing Supply', first: undefined, last: undefined, created: w.now - 5 * DAY, updated: w.now - 5 * DAY, syncError: 'Duplicate Name Exists Error (6240): The name supplied already exists.' });
  smith.address = address(rand, 901, 'South');
  w.upCustomers.push(smith);
  expect(2, 'missing-customer', 'upstream', 'fieldpro', smith.id, 'never reached QuickBooks: DisplayName clash');
  for (const ago of [4, 5]) {
    const { up } = addInvoice(w, rand, job(w, smith.id, ago * DAY, 'Plumbing - South'), [{ item: 'Drain Cleaning', amount: 22500 }], w.now - ago * DAY + HOUR);
    expect(2, 'missing-invoice', 'upstream', 'fieldpro', up.id, 'held back by the customer clash');
  }

  // 3 + 14. An invoice typed into QuickBooks by hand, reusing a synced invoice's number.
  const reused = synced(w, rand, 10);
  w.qbInvoices.push({ Id: '4001', docNumber: reused.up.number, customerId: '7', customerName: w.qbCustomers[6]!.name, issued: w.now - 2 * DAY, lines: [{ item: 'Service Call', amount: 27500 }], tax: 0, total: 27500, balance: 27500, className: 'Residential', location: 'North', email: w.qbCustomers[6]!.email, created: w.now - 2 * DAY, updated: w.now - 2 * DAY });
  expect(3, 'duplicate-invoice-number', 'quickbooks', 'quickbooks', '4001', `DocNumber ${reused.up.number} used twice`);
  expect(3, 'orphan-invoice', 'quickbooks', 'quickbooks', '4001', 'typed in by hand, no upstream record');

  // 4. An item QuickBooks does not know holds back three invoices.
  for (const ago of [4, 6, 9]) {
    const c = w.upCustomers[rand.int(0, 150)]!;
    const { up } = addInvoice(w, rand, job(w, c.id, ago * DAY), [{ item: 'A/C Tune Up Plus', amount: 18900 }], w.now - ago * DAY + HOUR, false);
    expect(4, 'missing-invoice', 'upstream', 'fieldpro', up.id, 'unmapped item A/C Tune Up Plus');
  }

  // 5. Per-line vs per-invoice rounding: QuickBooks has one cent more tax.
  const rounded = synced(w, rand, 8);
  rounded.qb.tax += 1;
  rounded.qb.total += 1;
  rounded.qb.balance += 1;
  expect(5, 'mismatch-invoice-tax', 'upstream', 'fieldpro', rounded.up.id, 'tax differs by one cent');

  // 6. A payment synced without being applied: QuickBooks still shows the invoice open.
  const unapplied = synced(w, rand, 9);
  const { qp } = pay(w, rand, unapplied.up, unapplied.qb, w.now - 6 * DAY, unapplied.up.total, 'check');
  qp!.unapplied = qp!.amount;
  qp!.invoiceId = undefined as unknown as string;
  unapplied.qb.balance = unapplied.qb.total;
  expect(6, 'unapplied-payment', 'quickbooks', 'quickbooks', qp!.Id, 'payment not applied');
  expect(6, 'mismatch-invoice-balance', 'upstream', 'fieldpro', unapplied.up.id, 'paid upstream, open in QuickBooks');

  // 8. A business unit with no class mapping, and one invoice with the wrong class.
  for (const ago of [3, 5, 7]) {
    const c = w.upCustomers[rand.int(0, 150)]!;
    const made = addInvoice(w, rand, job(w, c.id, ago * DAY, 'Plumbing - East'), [{ item: 'Drain Cleaning', amount: 22500 }], w.now - ago * DAY + HOUR);
    made.up.className = 'Commercial';
    delete made.qb!.className;
    expect(8, 'incomplete-invoice-class', 'quickbooks', 'quickbooks', made.qb!.Id, 'unit Plumbing - East not mapped');
  }
  const wrongClass = synced(w, rand, 12);
  wrongClass.up.className = 'Commercial';
  wrongClass.qb.className = 'Residential';
  expect(8, 'mismatch-invoice-class', 'upstream', 'fieldpro', wrongClass.up.id, 'Commercial upstream, Residential in QuickBooks');

  // 9. A void that did not propagate, and an invoice deleted upstream but not in QuickBooks.
  const voided = synced(w, rand, 11);
  Object.assign(voided.up, { status: 'void', balance: 0, updated: w.now - 4 * DAY });
  expect(9, 'mismatch-invoice-status', 'upstream', 'fieldpro', voided.up.id, 'void upstream, open in QuickBooks');
  w.qbInvoices.push({ Id: '4002', docNumber: '19990', customerId: '12', customerName: w.qbCustomers[11]!.name, issued: w.now - 6 * DAY, lines: [{ item: 'Service Call', amount: 8900 }], ...priced([{ item: 'Service Call', amount: 8900 }]), balance: priced([{ item: 'Service Call', amount: 8900 }]).total, className: 'Residential', location: 'South', privateNote: 'FieldPro invoice 89990 · job J-4990', email: w.qbCustomers[11]!.email, created: w.now - 6 * DAY, updated: w.now - 6 * DAY });
  expect(9, 'orphan-invoice', 'quickbooks', 'quickbooks', '4002', 'upstream invoice deleted');

  // 10. Sync lag: two invoices stuck in a batch nobody posted, and a payment that never synced.
  for (const hours of [30, 40]) {
    const c = w.upCustomers[rand.int(0, 150)]!;
    const { up } = addInvoice(w, rand, job(w, c.id, (hours + 2) * HOUR), [{ item: 'AC Tune-Up', amount: 14900 }], w.now - hours * HOUR, false);
    up.syncStatus = 'pending';
    expect(10, 'late-invoice', 'upstream', 'fieldpro', up.id, `pending export for ${hours} h`);
  }
  const partial = synced(w, rand, 7);
  const { up: latePay } = pay(w, rand, partial.up, partial.qb, w.now - 60 * HOUR, 20000, 'check', 'fieldpro', false);
  expect(10, 'late-payment', 'upstream', 'fieldpro', latePay.id, 'payment not in QuickBooks after 60 h');
  expect(10, 'mismatch-invoice-balance', 'upstream', 'fieldpro', partial.up.id, 'upstream balance reduced by the missing payment');

  // 11. Edits after export: a total raised upstream, an address changed upstream.
  const edited = synced(w, rand, 9);
  edited.up.lines.push({ item: 'Service Call', amount: 8500 });
  edited.up.total += 8500;
  edited.up.balance += 8500;
  edited.up.updated = w.now - 2 * DAY;
  expect(11, 'mismatch-invoice-amount', 'upstream', 'fieldpro', edited.up.id, 'total +$85.00 after export');
  const moved = w.upCustomers[3]!;
  moved.address = { ...moved.address, line1: '77 Harbor Point Dr', zip: moved.address.zip };
  moved.updated = w.now - 3 * DAY;
  expect(11, 'mismatch-customer-contact', 'upstream', 'fieldpro', moved.id, 'address changed upstream');

  // 12. The card processor's export stopped four days ago (its payments are all in QuickBooks).
  for (let i = 0; i < 12; i++) {
    const target = synced(w, rand, 14 + i, true);
    pay(w, rand, target.up, target.qb, w.now - (4 * DAY + i * 12 * HOUR), target.up.total, 'card', 'card-payments');
  }
  expect(12, 'stale-source', 'source', 'card-payments', 'card-payments', 'nothing new for 4 days');

  // 13. A blank $0 invoice synced before its lines were filled.
  const blank = synced(w, rand, 6);
  Object.assign(blank.qb, { lines: [], tax: 0, total: 0, balance: 0 });
  expect(13, 'incomplete-invoice-zero', 'quickbooks', 'quickbooks', blank.qb.Id, '$0.00 in QuickBooks');
  expect(13, 'mismatch-invoice-amount', 'upstream', 'fieldpro', blank.up.id, 'the same blank invoice seen as a total mismatch');

  // 14. An invoice typed into QuickBooks by hand with its own number.
  w.qbInvoices.push({ Id: '4003', docNumber: '9043', customerId: '20', customerName: w.qbCustomers[19]!.name, issued: w.now - 3 * DAY, lines: [{ item: 'Filter Replacement', amount: 4500 }], tax: 0, total: 4500, balance: 0, className: 'Residential', location: 'North', email: w.qbCustomers[19]!.email, created: w.now - 3 * DAY, updated: w.now - 3 * DAY });
  expect(14, 'orphan-invoice', 'quickbooks', 'quickbooks', '4003', 'typed in by hand');

  // 15. Two jobs completed days ago and never invoiced.
  for (const ago of [3, 4]) {
    const number = job(w, w.upCustomers[rand.int(0, 150)]!.id, ago * DAY + 3 * HOUR, 'Electrical - East');
    expect(15, 'uninvoiced-job', 'upstream', 'fieldpro', w.jobs.find((j) => j.number === number)!.id, 'completed, never invoiced');
  }

  // A malformed export row: the total was typed with a letter O.
  const c = w.upCustomers[5]!;
  const { up: bad } = addInvoice(w, rand, job(w, c.id, 3 * HOUR), [{ item: 'Service Call', amount: 12300 }], w.now - 2 * HOUR, false);
  bad.rawTotal = '12,3O.00';
  expect(0, 'malformed-record', 'upstream', 'fieldpro', bad.id, 'total "12,3O.00" is not an amount');
}

export function injectAfterDeposits(w: World, rand: Random, expect: Expect): void {
  // 7. A payment left in Undeposited Funds, and a deposit booked net of fees without the fee line.
  const stuck = synced(w, rand, 12, false);
  const p = w.qbPayments.find((x) => x.invoiceId === stuck.qb.Id)!;
  p.received = w.now - 9 * DAY;
  expect(7, 'undeposited-payment', 'quickbooks', 'quickbooks', p.Id, '9 days in Undeposited Funds');
  const deposit = w.deposits.find((d) => d.feeBooked > 0)!;
  deposit.feeBooked = 0;
  expect(7, 'deposit-fee-gap', 'quickbooks', 'quickbooks', deposit.Id, 'deposit net of fees, fee not booked');
}
