// One company of the scale-out bench, at any size: a FieldPro export (customers, jobs, invoices,
// payments) and the QuickBooks company it syncs to (the sandbox's wire files), where nearly every record
// matches and a few in a thousand do not (an invoice that never reached QuickBooks, a total edited
// there), so a poll does the work of a real one: read both sides whole, reconcile, raise a few findings.
// The name lists (classes, locations, items, accounts) are the demo company's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../demo/generate';

const DAY = 86_400_000;
/** The demo's name lists and company settings; its transactions are replaced. */
const KEPT = ['Class.json', 'Department.json', 'Item.json', 'Account.json', 'CompanyInfo.json', 'Preferences.json'];
const FIRST_NAMES = ['Ana', 'Ben', 'Cora', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'June', 'Kai', 'Lena', 'Milo', 'Nia'];
const LAST_NAMES = ['Alvarez', 'Brook', 'Castillo', 'Dunn', 'Ekberg', 'Fontaine', 'Gill', 'Haddad', 'Ito', 'Jansen', 'Kowal', 'Lund'];

/** Writes `upstream/fieldpro/*.csv` and `quickbooks/*.json` under `dir` for a company of `invoices` invoices. */
export function writeBenchCompany(dir: string, invoices: number, now: Date): void {
  const demo = generateDemo({ now }).quickbooks as Record<string, Array<Record<string, unknown>>>;
  const named = (file: string) => demo[file]!.map((e) => ({ id: String(e['Id']), name: String(e['Name']) }));
  const classes = named('Class.json');
  const locations = named('Department.json');
  const items = named('Item.json');
  const customers = Math.max(1, Math.round(invoices / 4));
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const nameOf = (c: number) =>
    `${FIRST_NAMES[c % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(c / FIRST_NAMES.length) % LAST_NAMES.length]} ${c}`;
  const created = now.getTime() - 400 * DAY;

  const up = { customers: [] as string[][], jobs: [] as string[][], invoices: [] as string[][], payments: [] as string[][] };
  const qbo = { customers: [] as unknown[], invoices: [] as unknown[], payments: [] as unknown[], deposits: [] as unknown[] };
  for (let c = 0; c < customers; c++) {
    const name = nameOf(c);
    const [first, last] = name.split(' ');
    const email = `customer${c}@example.com`;
    up.customers.push([
      `C${c}`,
      name,
      first!,
      last!,
      '',
      email,
      '',
      '',
      '',
      '',
      '',
      String(c + 1),
      'true',
      '0.00',
      stamp(created),
      stamp(created),
      'synced',
      '',
    ]);
    qbo.customers.push({
      Id: String(c + 1),
      SyncToken: '0',
      DisplayName: name,
      GivenName: first,
      FamilyName: last,
      PrimaryEmailAddr: { Address: email },
      Active: true,
      Balance: 0,
      MetaData: { CreateTime: stamp(created), LastUpdatedTime: stamp(created) },
    });
  }
  let depositLines: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }> = [];
  const deposit = (at: number) => {
    if (depositLines.length === 0) return;
    const total = depositLines.reduce((s, l) => s + Math.round(l.Amount * 100), 0) / 100;
    qbo.deposits.push({
      Id: String(900_000 + qbo.deposits.length),
      SyncToken: '0',
      TxnDate: day(at),
      DepositToAccountRef: { value: '35', name: 'Checking' },
      TotalAmt: total,
      Line: depositLines,
      MetaData: { CreateTime: stamp(at), LastUpdatedTime: stamp(at) },
    });
    depositLines = [];
  };
  for (let i = 0; i < invoices; i++) {
    const c = (i * 7) % customers;
    // Oldest first, the newest two hours ago: a live export, not a stale one.
    const issued = now.getTime() - 2 * 3_600_000 - Math.floor(((invoices - 1 - i) / invoices) * 360 * DAY);
    const item = items[i % items.length]!;
    const cls = classes[i % classes.length]!;
    const loc = locations[i % locations.length]!;
    const net = 100 + ((i * 37) % 900);
    const tax = Math.round(net * 8.25) / 100;
    const total = Math.round((net + tax) * 100) / 100;
    const paid = i % 2 === 0;
    const id = String(100_000 + i);
    const number = String(500_000 + i);
    const job = `J-${200_000 + i}`;
    const money = (v: number) => v.toFixed(2);
    up.jobs.push([
      `JB${i}`,
      job,
      `C${c}`,
      nameOf(c),
      'completed',
      stamp(issued - 3_600_000),
      'R. Alvarez',
      loc.name,
      'HVAC',
      money(total),
      stamp(issued - DAY),
      stamp(issued),
    ]);
    up.invoices.push([
      id,
      number,
      job,
      `C${c}`,
      nameOf(c),
      day(issued),
      day(issued + 30 * DAY),
      stamp(issued),
      money(total),
      money(tax),
      paid ? '0.00' : money(total),
      paid ? 'paid' : 'open',
      cls.name,
      loc.name,
      'HVAC',
      `${item.name}=${money(net)}`,
      `customer${c}@example.com`,
      'synced',
      '',
      stamp(issued),
      stamp(issued),
    ]);
    // A few in a thousand never reached QuickBooks, or were edited there.
    if (i % 500 === 7) continue;
    const qTotal = i % 500 === 11 ? total + 10 : total;
    const invoiceId = String(i + 1);
    const paymentId = String(400_000 + i);
    qbo.invoices.push({
      Id: invoiceId,
      SyncToken: '0',
      DocNumber: number,
      TxnDate: day(issued),
      DueDate: day(issued + 30 * DAY),
      CustomerRef: { value: String(c + 1), name: nameOf(c) },
      ClassRef: { value: cls.id, name: cls.name },
      DepartmentRef: { value: loc.id, name: loc.name },
      PrivateNote: `FieldPro invoice ${id} · job ${job}`,
      Line: [
        {
          Id: '1',
          LineNum: 1,
          Amount: net,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: item.id, name: item.name }, Qty: 1, UnitPrice: net, TaxCodeRef: { value: 'TAX' } },
        },
        { Amount: net, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
      ],
      TxnTaxDetail: { TotalTax: tax },
      TotalAmt: qTotal,
      Balance: paid ? 0 : qTotal,
      ...(paid ? { LinkedTxn: [{ TxnId: paymentId, TxnType: 'Payment' }] } : {}),
      MetaData: { CreateTime: stamp(issued), LastUpdatedTime: stamp(issued) },
    });
    if (!paid) continue;
    const received = issued + 3_600_000;
    up.payments.push([
      `P${i}`,
      `CC-${i}`,
      `C${c}`,
      nameOf(c),
      day(received),
      stamp(received),
      money(total),
      id,
      number,
      money(total),
      'card',
      stamp(received),
    ]);
    qbo.payments.push({
      Id: paymentId,
      SyncToken: '0',
      TxnDate: day(received),
      CustomerRef: { value: String(c + 1), name: nameOf(c) },
      TotalAmt: total,
      UnappliedAmt: 0,
      PaymentRefNum: `CC-${i}`,
      DepositToAccountRef: { value: '4', name: 'Undeposited Funds' },
      PrivateNote: `FieldPro payment P${i}`,
      Line: [{ Amount: total, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }],
      MetaData: { CreateTime: stamp(received), LastUpdatedTime: stamp(received) },
    });
    depositLines.push({ Amount: total, LinkedTxn: [{ TxnId: paymentId, TxnType: 'Payment' }] });
    if (depositLines.length === 20) deposit(Math.min(received + DAY, now.getTime() - 60_000));
  }
  deposit(now.getTime() - DAY);

  const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  const upstream = path.join(dir, 'upstream', 'fieldpro');
  mkdirSync(upstream, { recursive: true });
  writeFileSync(
    path.join(upstream, 'customers.csv'),
    csv(
      'id,name,first_name,last_name,company,email,phone,address,city,state,zip,quickbooks_id,active,balance,created_at,updated_at,sync_status,sync_error',
      up.customers,
    ),
  );
  writeFileSync(
    path.join(upstream, 'jobs.csv'),
    csv('id,number,customer_id,customer_name,status,completed_at,technician,location,business_unit,total,created_at,updated_at', up.jobs),
  );
  writeFileSync(
    path.join(upstream, 'invoices.csv'),
    csv(
      'id,number,job_number,customer_id,customer_name,date,due_date,issued_at,total,tax,balance,status,class,location,business_unit,lines,email,sync_status,sync_error,created_at,updated_at',
      up.invoices,
    ),
  );
  writeFileSync(
    path.join(upstream, 'payments.csv'),
    csv('id,reference,customer_id,customer_name,date,received_at,amount,invoice_id,invoice_number,applied,method,updated_at', up.payments),
  );
  const books = path.join(dir, 'quickbooks');
  mkdirSync(books, { recursive: true });
  const files: Record<string, unknown> = {
    ...Object.fromEntries(KEPT.map((name) => [name, demo[name]])),
    'Customer.json': qbo.customers,
    'Invoice.json': qbo.invoices,
    'Payment.json': qbo.payments,
    'Deposit.json': qbo.deposits,
  };
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(books, name), JSON.stringify(value));
}
