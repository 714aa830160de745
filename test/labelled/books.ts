// Both sides of the company's books as the sync would have left them: upstream export rows (field
// tool, web-payment export, financing export) and QuickBooks entities in their wire shape. Builders
// add one customer / sale / payment at a time; injections then edit the rows they were handed.
import { amt, DAY, dollars, HOUR, localDate, qbTime, utc } from './clock';
import { PRICE_BOOK, TAX_RATE, TECHNICIANS, type PriceItem, type Unit } from './catalog';
import { recordKey, type CsvRow, type RecordKey } from './model';
import type { Rng } from './random';

export type Wire = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ACCOUNTS = {
  undeposited: { Id: '4', Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds' },
  bank: { Id: '35', Name: 'Operating Checking', AccountType: 'Bank', AccountSubType: 'Checking' },
  fees: { Id: '62', Name: 'Merchant Processing Fees', AccountType: 'Expense', AccountSubType: 'BankCharges' },
  discounts: { Id: '86', Name: 'Discounts Given', AccountType: 'Income', AccountSubType: 'DiscountsRefundsGiven' },
  income: { Id: '79', Name: 'Service Income', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' },
} as const;

export interface Customer {
  up: CsvRow;
  qb?: Wire;
}

export interface Line {
  item: PriceItem;
  qty: number;
}

export type Method = 'card' | 'check' | 'ach';

export interface Pay {
  up: CsvRow;
  /** Which upstream export holds it. */
  source: string;
  qb?: Wire;
}

export interface Sale {
  job: CsvRow;
  inv: CsvRow;
  qb?: Wire;
  pays: Pay[];
  totalCents: number;
  taxCents: number;
  customer: Customer;
  unit: Unit;
}

export interface SaleSpec {
  customer: Customer;
  unit: Unit;
  issuedMs: number;
  lines?: Line[];
  discountCents?: number;
  /** The sync wrote a QuickBooks twin (default true). */
  synced?: boolean;
  /** How much of it was paid, and how. Paid amounts are recorded after `paidAfterMs`. */
  paid?: 'full' | 'partial' | 'none';
  method?: Method;
  /** The payment went through the web-payment export instead of the field tool. */
  web?: boolean;
  paidAfterMs?: number;
  /** The payment reached QuickBooks (default true). */
  paymentSynced?: boolean;
}

export class Books {
  readonly upCustomers: CsvRow[] = [];
  readonly jobs: CsvRow[] = [];
  readonly invoices: CsvRow[] = [];
  readonly payments: CsvRow[] = [];
  readonly webPayments: CsvRow[] = [];
  readonly financingPayments: CsvRow[] = [];
  readonly qb: Record<
    'Customer' | 'Invoice' | 'Payment' | 'SalesReceipt' | 'CreditMemo' | 'Deposit' | 'Item' | 'Class' | 'Department' | 'Account',
    Wire[]
  > = {
    Customer: [],
    Invoice: [],
    Payment: [],
    SalesReceipt: [],
    CreditMemo: [],
    Deposit: [],
    Item: [],
    Class: [],
    Department: [],
    Account: Object.values(ACCOUNTS).map((a) => ({ ...a, Active: true })),
  };
  /** QuickBooks payments the bookkeeper has not deposited yet (left in Undeposited Funds on purpose). */
  readonly keepUndeposited = new Set<Wire>();
  private seq = {
    customer: 1000,
    job: 40000,
    invoice: 20000,
    upPay: 70000,
    web: 300000,
    qbCustomer: 1,
    qbInvoice: 1000,
    qbPayment: 5000,
    qbOther: 9000,
  };
  private readonly items = new Map<string, Wire>();
  private readonly classes = new Map<string, Wire>();
  private readonly departments = new Map<string, Wire>();
  private readonly references = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly nowMs: number,
  ) {}

  nextCustomerId = () => `C-${++this.seq.customer}`;
  nextInvoiceNumber = () => String(++this.seq.invoice);
  nextQbId = (kind: 'qbInvoice' | 'qbPayment' | 'qbOther' | 'qbCustomer') => String(++this.seq[kind]);

  item(p: PriceItem): Wire {
    let w = this.items.get(p.name);
    if (!w) {
      w = {
        Id: String(200 + this.items.size),
        Name: p.name,
        FullyQualifiedName: p.name,
        Active: true,
        Type: 'Service',
        Taxable: p.taxable,
        UnitPrice: amt(p.cents),
        IncomeAccountRef: { value: ACCOUNTS.income.Id, name: ACCOUNTS.income.Name },
        MetaData: meta(this.nowMs - 1200 * DAY),
      };
      this.items.set(p.name, w);
      this.qb.Item.push(w);
    }
    return w;
  }

  classOf(name: string): Wire {
    let w = this.classes.get(name);
    if (!w) {
      w = {
        Id: `50000000000${String(12_300 + this.classes.size)}`,
        Name: name,
        FullyQualifiedName: name,
        Active: true,
        SubClass: false,
        MetaData: meta(this.nowMs - 1200 * DAY),
      };
      this.classes.set(name, w);
      this.qb.Class.push(w);
    }
    return w;
  }

  department(name: string): Wire {
    let w = this.departments.get(name);
    if (!w) {
      w = {
        Id: String(1 + this.departments.size),
        Name: name,
        FullyQualifiedName: name,
        Active: true,
        SubDepartment: false,
        MetaData: meta(this.nowMs - 1200 * DAY),
      };
      this.departments.set(name, w);
      this.qb.Department.push(w);
    }
    return w;
  }

  /** A customer upstream, and (when `synced`) the QuickBooks customer the sync created for it. */
  addCustomer(c: {
    display: string;
    first?: string;
    last?: string;
    company?: string;
    email?: string;
    phone?: string;
    qbPhone?: string;
    address: { line1: string; city: string; state: string; zip: string };
    createdMs: number;
    synced?: boolean;
    qbCreatedMs?: number;
  }): Customer {
    const id = this.nextCustomerId();
    const up: CsvRow = {
      id,
      name: c.display,
      first_name: c.first,
      last_name: c.last,
      company: c.company,
      email: c.email,
      phone: c.phone,
      address: c.address.line1,
      city: c.address.city,
      state: c.address.state,
      zip: c.address.zip,
      active: 'true',
      created_at: utc(c.createdMs),
      updated_at: utc(c.createdMs),
      // The sync tool stamps a customer only once it posted it.
      ...(c.synced !== false ? { sync_status: 'synced' } : {}),
    };
    this.upCustomers.push(up);
    const customer: Customer = { up };
    if (c.synced !== false) {
      const qbId = this.nextQbId('qbCustomer');
      up['quickbooks_id'] = qbId;
      customer.qb = {
        Id: qbId,
        SyncToken: '0',
        DisplayName: c.display,
        ...(c.first ? { GivenName: c.first } : {}),
        ...(c.last ? { FamilyName: c.last } : {}),
        ...(c.company ? { CompanyName: c.company } : {}),
        FullyQualifiedName: c.display,
        PrintOnCheckName: c.display,
        Active: true,
        Taxable: true,
        Job: false,
        ...(c.email ? { PrimaryEmailAddr: { Address: c.email } } : {}),
        ...((c.qbPhone ?? c.phone) ? { PrimaryPhone: { FreeFormNumber: c.qbPhone ?? c.phone } } : {}),
        BillAddr: {
          Id: String(10_000 + Number(qbId)),
          Line1: c.address.line1,
          City: c.address.city,
          CountrySubDivisionCode: c.address.state,
          PostalCode: c.address.zip,
        },
        Balance: 0,
        BalanceWithJobs: 0,
        CurrencyRef: { value: 'USD', name: 'United States Dollar' },
        PreferredDeliveryMethod: 'Email',
        MetaData: meta(c.qbCreatedMs ?? c.createdMs + 20 * 60_000),
      };
      this.qb.Customer.push(customer.qb);
    }
    return customer;
  }

  randomLines(unit: Unit): Line[] {
    const book = PRICE_BOOK[unit.trade];
    const services = book.filter((p) => !p.taxable && !p.perHour);
    const lines: Line[] = [{ item: this.rng.pick(services), qty: 1 }];
    if (this.rng.chance(0.55)) lines.push({ item: this.rng.pick(book.filter((p) => p.taxable)), qty: this.rng.int(1, 2) });
    if (this.rng.chance(0.3)) lines.push({ item: book.find((p) => p.perHour)!, qty: this.rng.int(1, 3) });
    return lines;
  }

  /** A completed job, its invoice on both sides and its payments, as a healthy sync leaves them. */
  addSale(spec: SaleSpec): Sale {
    const lines = spec.lines ?? this.randomLines(spec.unit);
    const discount = spec.discountCents ?? 0;
    const taxable = lines.filter((l) => l.item.taxable).reduce((n, l) => n + l.item.cents * l.qty, 0);
    const subtotal = lines.reduce((n, l) => n + l.item.cents * l.qty, 0);
    const taxCents = Math.round(taxable * TAX_RATE);
    const totalCents = subtotal - discount + taxCents;
    const number = this.nextInvoiceNumber();
    const invId = `FP-INV-${number}`;
    const jobNumber = `J-${++this.seq.job}`;
    const issued = spec.issuedMs;
    const completed = issued - this.rng.int(10, 240) * 60_000;
    const cust = spec.customer;
    const job: CsvRow = {
      id: `FP-JOB-${jobNumber.slice(2)}`,
      number: jobNumber,
      customer_id: cust.up['id'],
      customer_name: cust.up['name'],
      status: 'completed',
      completed_at: utc(completed),
      technician: this.rng.pick(TECHNICIANS),
      location: spec.unit.location,
      business_unit: spec.unit.name,
      total: dollars(totalCents),
      created_at: utc(completed - this.rng.int(1, 9) * DAY),
      updated_at: utc(completed),
    };
    this.jobs.push(job);
    const upLines = [
      ...lines.map((l) => `${l.item.name}=${dollars(l.item.cents * l.qty)}`),
      ...(discount ? [`Member Discount=-${dollars(discount)}`] : []),
    ].join('|');
    const inv: CsvRow = {
      id: invId,
      number,
      job_number: jobNumber,
      customer_id: cust.up['id'],
      customer_name: cust.up['name'],
      date: localDate(issued),
      due_date: localDate(issued + 30 * DAY),
      issued_at: utc(issued),
      total: dollars(totalCents),
      tax: dollars(taxCents),
      balance: dollars(totalCents),
      status: 'open',
      class: spec.unit.name,
      location: spec.unit.location,
      business_unit: spec.unit.name,
      lines: upLines,
      email: cust.up['email'],
      sync_status: 'exported',
      created_at: utc(issued),
      updated_at: utc(issued),
    };
    this.invoices.push(inv);
    const sale: Sale = { job, inv, pays: [], totalCents, taxCents, customer: cust, unit: spec.unit };
    // The sync posts within the hour; an invoice issued minutes ago may not be there yet.
    const postedAt = issued + this.rng.int(5, 50) * 60_000;
    if (spec.synced !== false && cust.qb && postedAt < this.nowMs) sale.qb = this.qbInvoice(sale, lines, discount, postedAt);
    const paid = spec.paid ?? 'full';
    if (paid !== 'none') {
      const amount = paid === 'full' ? totalCents : Math.round(totalCents * 0.4);
      const at = issued + (spec.paidAfterMs ?? this.rng.int(0, 12) * DAY + this.rng.int(1, 8) * HOUR);
      this.pay(sale, {
        amountCents: amount,
        atMs: Math.min(at, this.nowMs - HOUR),
        method:
          spec.method ??
          this.rng.weighted([
            ['card', 55],
            ['check', 25],
            ['ach', 20],
          ] as const),
        web: spec.web ?? false,
        synced: spec.paymentSynced !== false,
      });
    }
    return sale;
  }

  private qbInvoice(sale: Sale, lines: Line[], discount: number, createdMs: number): Wire {
    const id = this.nextQbId('qbInvoice');
    const cls = this.classOf(sale.unit.name);
    const dep = this.department(sale.unit.location);
    const wireLines: Wire[] = lines.map((l, i) => {
      const item = this.item(l.item);
      return {
        Id: String(i + 1),
        LineNum: i + 1,
        Description: l.item.name,
        Amount: amt(l.item.cents * l.qty),
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: {
          ItemRef: { value: item['Id'], name: l.item.name },
          UnitPrice: amt(l.item.cents),
          Qty: l.qty,
          TaxCodeRef: { value: l.item.taxable ? 'TAX' : 'NON' },
        },
      };
    });
    const subtotal = lines.reduce((n, l) => n + l.item.cents * l.qty, 0);
    wireLines.push({ Amount: amt(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    if (discount)
      wireLines.push({
        Amount: amt(discount),
        DetailType: 'DiscountLineDetail',
        DiscountLineDetail: { PercentBased: false, DiscountAccountRef: { value: ACCOUNTS.discounts.Id, name: ACCOUNTS.discounts.Name } },
      });
    const cust = sale.customer.qb!;
    const qb: Wire = {
      Id: id,
      SyncToken: '0',
      DocNumber: sale.inv['number'],
      TxnDate: sale.inv['date'],
      DueDate: sale.inv['due_date'],
      CustomerRef: { value: cust['Id'], name: cust['DisplayName'] },
      ClassRef: { value: cls['Id'], name: cls['Name'] },
      DepartmentRef: { value: dep['Id'], name: dep['Name'] },
      Line: wireLines,
      TxnTaxDetail: {
        TxnTaxCodeRef: { value: '3', name: 'Travis County' },
        TotalTax: amt(sale.taxCents),
        TaxLine: sale.taxCents
          ? [
              {
                Amount: amt(sale.taxCents),
                DetailType: 'TaxLineDetail',
                TaxLineDetail: {
                  TaxRateRef: { value: '5' },
                  PercentBased: true,
                  TaxPercent: 8.25,
                  NetAmountTaxable: amt(lines.filter((l) => l.item.taxable).reduce((n, l) => n + l.item.cents * l.qty, 0)),
                },
              },
            ]
          : [],
      },
      TotalAmt: amt(sale.totalCents),
      Balance: amt(sale.totalCents),
      CustomField: [],
      PrivateNote: `FieldPro invoice ${sale.inv['id']}`,
      ...(cust['PrimaryEmailAddr'] ? { BillEmail: { Address: cust['PrimaryEmailAddr'].Address } } : {}),
      EmailStatus: 'EmailSent',
      PrintStatus: 'NotSet',
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      LinkedTxn: [],
      MetaData: meta(createdMs),
    };
    this.qb.Invoice.push(qb);
    cust['Balance'] = amt(Math.round(cust['Balance'] * 100) + sale.totalCents);
    return qb;
  }

  /** A payment on a sale, in the field tool (or the web-payment export), and in QuickBooks when synced. */
  pay(sale: Sale, p: { amountCents: number; atMs: number; method: Method; web?: boolean; synced?: boolean; reference?: string }): Pay {
    const web = p.web === true;
    const id = web ? `WP-${++this.seq.web}` : `FP-PAY-${++this.seq.upPay}`;
    const reference = p.reference ?? this.uniqueReference(web ? 'card' : p.method);
    const up: CsvRow = {
      id,
      reference,
      customer_id: web ? undefined : sale.customer.up['id'],
      customer_name: sale.customer.up['name'],
      date: localDate(p.atMs),
      received_at: utc(p.atMs),
      amount: dollars(p.amountCents),
      invoice_id: web ? undefined : sale.inv['id'],
      invoice_number: sale.inv['number'],
      applied: dollars(p.amountCents),
      method: web ? 'Online card' : { card: 'Credit card', check: 'Check', ach: 'ACH' }[p.method],
      created_at: utc(p.atMs),
      updated_at: utc(p.atMs),
    };
    (web ? this.webPayments : this.payments).push(up);
    const pay: Pay = { up, source: web ? 'webpay' : 'fieldpro' };
    this.setUpstreamBalance(sale, -p.amountCents, p.atMs);
    if (p.synced !== false && sale.qb) {
      pay.qb = this.qbPayment(sale, [{ inv: sale.qb, cents: p.amountCents }], {
        ...p,
        reference,
        note: web ? `Web payment ${id}` : `FieldPro payment ${id}`,
      });
    }
    sale.pays.push(pay);
    return pay;
  }

  qbPayment(
    sale: Sale,
    apply: Array<{ inv: Wire; cents: number }>,
    p: { amountCents: number; atMs: number; method: Method; web?: boolean; reference?: string; note?: string },
  ): Wire {
    const cust = sale.customer.qb!;
    const toBank = p.method === 'ach' && !p.web;
    const qb: Wire = {
      Id: this.nextQbId('qbPayment'),
      SyncToken: '0',
      TxnDate: localDate(p.atMs),
      CustomerRef: { value: cust['Id'], name: cust['DisplayName'] },
      TotalAmt: amt(p.amountCents),
      UnappliedAmt: 0,
      ProcessPayment: false,
      ...(p.reference ? { PaymentRefNum: p.reference } : {}),
      PaymentMethodRef: {
        value: { card: '3', check: '2', ach: '7' }[p.web ? 'card' : p.method],
        name: { card: 'Visa', check: 'Check', ach: 'ACH' }[p.web ? 'card' : p.method],
      },
      // The sync writes only the account id; its name is optional on the wire.
      DepositToAccountRef: { value: toBank ? ACCOUNTS.bank.Id : ACCOUNTS.undeposited.Id },
      Line: apply.map((a) => ({ Amount: amt(a.cents), LinkedTxn: [{ TxnId: a.inv['Id'], TxnType: 'Invoice' }] })),
      ...(p.note ? { PrivateNote: p.note } : {}),
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      MetaData: meta(p.atMs + this.rng.int(3, 40) * 60_000),
    };
    this.qb.Payment.push(qb);
    for (const a of apply) this.applyInQuickBooks(a.inv, a.cents, qb['Id'], p.atMs);
    return qb;
  }

  applyInQuickBooks(inv: Wire, cents: number, paymentId: string, atMs: number, type = 'Payment'): void {
    inv['Balance'] = amt(Math.round(inv['Balance'] * 100) - cents);
    inv['LinkedTxn'].push({ TxnId: paymentId, TxnType: type });
    inv['MetaData'] = {
      ...inv['MetaData'],
      LastUpdatedTime: qbTime(Math.max(Date.parse(inv['MetaData'].LastUpdatedTime), atMs + 30 * 60_000)),
    };
    const cust = this.qb.Customer.find((c) => c['Id'] === inv['CustomerRef'].value);
    if (cust) cust['Balance'] = amt(Math.round(cust['Balance'] * 100) - cents);
  }

  setUpstreamBalance(sale: Sale, deltaCents: number, atMs: number): void {
    const balance = Math.round(Number(sale.inv['balance']) * 100) + deltaCents;
    sale.inv['balance'] = dollars(balance);
    sale.inv['status'] = balance === 0 ? 'paid' : 'open';
    sale.inv['updated_at'] = utc(Math.max(Date.parse(sale.inv['updated_at']!), atMs));
  }

  /** Check numbers and card authorisations are unique in this company, so a reference names one payment. */
  uniqueReference(method: Method): string {
    for (;;) {
      const ref = referenceFor(this.rng, method);
      if (!this.references.has(ref)) {
        this.references.add(ref);
        return ref;
      }
    }
  }

  keyOf = {
    upCustomer: (c: Customer): RecordKey => recordKey('upstream', 'customer', c.up['id']!),
    qbCustomer: (c: Customer): RecordKey => recordKey('quickbooks', 'customer', c.qb!['Id']),
    customer: (c: Customer): RecordKey[] => [
      recordKey('upstream', 'customer', c.up['id']!),
      ...(c.qb ? [recordKey('quickbooks', 'customer', c.qb['Id'])] : []),
    ],
    sale: (s: Sale): RecordKey[] => [
      recordKey('upstream', 'invoice', s.inv['id']!),
      recordKey('upstream', 'job', s.job['id']!),
      ...(s.qb ? [recordKey('quickbooks', 'invoice', s.qb['Id'])] : []),
      ...s.pays.flatMap((p) => [
        recordKey('upstream', 'payment', p.up['id']!),
        ...(p.qb ? [recordKey('quickbooks', 'payment', p.qb['Id'])] : []),
      ]),
    ],
  };
}

export function meta(createdMs: number, updatedMs = createdMs): { CreateTime: string; LastUpdatedTime: string } {
  return { CreateTime: qbTime(createdMs), LastUpdatedTime: qbTime(updatedMs) };
}

function referenceFor(rng: Rng, method: Method): string {
  if (method === 'check') return String(rng.int(1000, 99999));
  if (method === 'ach') return `ACH${rng.int(100000, 999999)}`;
  return `AUTH${rng.int(100000, 999999)}`;
}
