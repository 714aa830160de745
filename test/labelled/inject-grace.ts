// Edits still inside their grace: every compared field, edited on each side in turn, minutes or
// hours ago. The other side has not caught up yet; that is the sync working, not a finding.
import { meta } from './books';
import { DAY, HOUR, localDate, utc } from './clock';
import { bump, editTotal, touch, voidInQuickBooks } from './edits';
import { unit, type Kit } from './inject-failures';
import type { HardNegative } from './model';

const MIN = 60_000;

// Distinct people, so none of them resembles another by name.
const PEOPLE: Array<[string, string]> = [
  ['Annika', 'Lundqvist'],
  ['Bertrand', 'Okonjo'],
  ['Clementine', 'Vashchenko'],
  ['Dashiell', 'Moreau'],
  ['Estelle', 'Nakashima'],
  ['Fitzroy', 'Adeyemi'],
  ['Giacomo', 'Tarantino'],
  ['Hyacinth', 'Wojcik'],
  ['Isadora', 'Quigley'],
  ['Jericho', 'Mbeki'],
  ['Kasimir', 'Oduya'],
  ['Lavinia', 'Strozzi'],
  ['Magnus', 'Ferrante'],
  ['Nerissa', 'Halvorsen'],
  ['Oberon', 'Castellucci'],
  ['Perpetua', 'Ndiaye'],
  ['Quillon', 'Sverdrup'],
  ['Rainier', 'Obuya'],
  ['Saoirse', 'Kowalewski'],
  ['Tiberius', 'Ekwueme'],
  ['Ulrike', 'Baptiste'],
  ['Valentin', 'Szabo'],
  ['Wilhelm', 'Anand'],
  ['Xanthe', 'Moroney'],
];

export function injectGraceEdits(kit: Kit): HardNegative[] {
  const { books } = kit;
  const now = books.nowMs;
  const out: HardNegative[] = [];
  let next = 0;
  const person = () => {
    const [first, last] = PEOPLE[next++ % PEOPLE.length]!;
    return { first, last };
  };
  const taxedLines = [{ item: { name: 'Breaker 20A', cents: 3_200, taxable: true }, qty: 3 }];
  const sale = () =>
    kit.sale(kit.customer(person()), 9, {
      unit: unit('Electrical', 'North'),
      lines: [{ item: { name: 'Panel Inspection', cents: 17_500, taxable: false }, qty: 1 }, ...taxedLines],
    });
  const invoiceEdit = (
    field: string,
    side: 'upstream' | 'quickbooks',
    note: string,
    edit: (s: ReturnType<typeof sale>) => string[] | void,
  ) => {
    const s = sale();
    const extra = edit(s) ?? [];
    out.push({ situation: `edited-within-grace:${field}(${side})`, records: [...books.keyOf.sale(s), ...extra], note });
  };

  invoiceEdit('total', 'upstream', 'labour line added upstream 20 minutes ago', (s) => editTotal(s, 5_000, now - 20 * MIN));
  invoiceEdit('total', 'quickbooks', 'QuickBooks invoice edited 25 minutes ago', (s) => {
    bump(s.qb!, 'TotalAmt', 4_000);
    touch(s.qb!, now - 25 * MIN);
  });
  invoiceEdit('tax', 'quickbooks', 'tax code changed in QuickBooks 15 minutes ago', (s) => {
    bump(s.qb!, 'TxnTaxDetail', 37);
    touch(s.qb!, now - 15 * MIN);
  });
  invoiceEdit('tax', 'upstream', 'tax rate corrected upstream 15 minutes ago', (s) => {
    for (const f of ['tax', 'total', 'balance']) s.inv[f] = (Number(s.inv[f]) + 0.37).toFixed(2);
    s.inv['updated_at'] = utc(now - 15 * MIN);
  });
  invoiceEdit(
    'date',
    'upstream',
    'invoice date corrected upstream 30 minutes ago',
    (s) => Object.assign(s.inv, { date: localDate(now - 8 * DAY), updated_at: utc(now - 30 * MIN) }) && undefined,
  );
  invoiceEdit('date', 'quickbooks', 'invoice date corrected in QuickBooks 30 minutes ago', (s) => {
    s.qb!['TxnDate'] = localDate(now - 7 * DAY);
    touch(s.qb!, now - 30 * MIN);
  });
  invoiceEdit('customer', 'upstream', 'invoice moved to another customer upstream 40 minutes ago', (s) => {
    const other = kit.customer(person());
    Object.assign(s.inv, { customer_id: other.up['id'], customer_name: other.up['name'], updated_at: utc(now - 40 * MIN) });
    return books.keyOf.customer(other);
  });
  invoiceEdit('customer', 'quickbooks', 'invoice moved to another customer in QuickBooks 40 minutes ago', (s) => {
    const other = kit.customer(person());
    s.qb!['CustomerRef'] = { value: other.qb!['Id'], name: other.qb!['DisplayName'] };
    touch(s.qb!, now - 40 * MIN);
    return books.keyOf.customer(other);
  });
  invoiceEdit('class', 'quickbooks', 'class changed in QuickBooks 20 minutes ago', (s) => {
    const cls = books.classOf('Electrical - South');
    s.qb!['ClassRef'] = { value: cls['Id'], name: cls['Name'] };
    touch(s.qb!, now - 20 * MIN);
  });
  invoiceEdit(
    'class',
    'upstream',
    'business unit changed upstream 20 minutes ago',
    (s) =>
      Object.assign(s.inv, { class: 'Electrical - South', business_unit: 'Electrical - South', updated_at: utc(now - 20 * MIN) }) &&
      undefined,
  );
  invoiceEdit(
    'location',
    'upstream',
    'location changed upstream 35 minutes ago',
    (s) => Object.assign(s.inv, { location: 'South Branch', updated_at: utc(now - 35 * MIN) }) && undefined,
  );
  invoiceEdit('location', 'quickbooks', 'location changed in QuickBooks 35 minutes ago', (s) => {
    const dep = books.department('East Branch');
    s.qb!['DepartmentRef'] = { value: dep['Id'], name: dep['Name'] };
    touch(s.qb!, now - 35 * MIN);
  });
  invoiceEdit(
    'status',
    'upstream',
    'voided upstream 25 minutes ago',
    (s) => Object.assign(s.inv, { status: 'void', updated_at: utc(now - 25 * MIN) }) && undefined,
  );
  invoiceEdit('status', 'quickbooks', 'voided in QuickBooks 25 minutes ago', (s) => voidInQuickBooks(books, s.qb!, now - 25 * MIN));
  invoiceEdit('balance', 'upstream', 'paid upstream 3 hours ago, payment not synced yet', (s) => {
    books.pay(s, { amountCents: s.totalCents, atMs: now - 3 * HOUR, method: 'card', synced: false });
  });
  invoiceEdit('balance', 'quickbooks', 'payment received in QuickBooks 3 hours ago, field tool not updated yet', (s) => {
    const p = books.qbPayment(s, [{ inv: s.qb!, cents: s.totalCents }], {
      amountCents: s.totalCents,
      atMs: now - 3 * HOUR,
      method: 'check',
      reference: books.uniqueReference('check'),
    });
    return [`quickbooks/payment/${p['Id']}`];
  });

  const customerEdit = (field: 'email' | 'phone' | 'address', side: 'upstream' | 'quickbooks', hoursAgo: number) => {
    const c = kit.customer(person(), { createdDaysAgo: 120 });
    kit.sale(c, 60, { paid: 'full' });
    const at = now - hoursAgo * HOUR;
    const qbMeta = () => meta(Date.parse(c.qb!['MetaData'].CreateTime), at);
    if (side === 'upstream') {
      const value = { email: `${c.up['email']!.split('@')[0]}@fastmail.com`, phone: '737-404-2288', address: '9 Paloma Ct' }[field];
      Object.assign(c.up, { [field]: value, updated_at: utc(at) });
    } else if (field === 'email') Object.assign(c.qb!, { PrimaryEmailAddr: { Address: 'billing.new@fastmail.com' }, MetaData: qbMeta() });
    else if (field === 'phone') Object.assign(c.qb!, { PrimaryPhone: { FreeFormNumber: '(737) 404-2289' }, MetaData: qbMeta() });
    else Object.assign(c.qb!, { BillAddr: { ...c.qb!['BillAddr'], Line1: '12 Vista Ridge Ln' }, MetaData: qbMeta() });
    out.push({
      situation: `edited-within-grace:${field}(${side})`,
      records: books.keyOf.customer(c),
      note: `${field} changed on the ${side} side ${hoursAgo} hours ago`,
    });
  };
  for (const field of ['email', 'phone', 'address'] as const) {
    customerEdit(field, 'upstream', 5);
    customerEdit(field, 'quickbooks', 6);
  }
  return out;
}
