// Real-shaped QuickBooks payloads, mapped by the adapter's own mappers and judged by the shipped rules:
// the defects real books showed (discount lines, Undeposited Funds known by id, deposits carrying more
// than payments, tracking switched on but unused, an orphan invoice still billed).
import { describe, expect, it } from 'vitest';
import type { QueryEntity } from '../../../adapters/quickbooks/client';
import { ENTITIES } from '../../../adapters/quickbooks/entities';
import { mapCompany } from '../../../adapters/quickbooks/map-company';
import type { MapContext } from '../../../adapters/quickbooks/map-support';
import { classify } from '../../../src/classify/classify';
import type { CanonicalRecord, DepositRecord, InvoiceRecord } from '../../../src/domain/records';
import { daysAgo } from '../../builders/clock';
import { evaluate } from '../../builders/context';
import { aClassifyInput } from '../../builders/incidents';
import { anInvoice as anUpstreamInvoice, QUICKBOOKS } from '../../builders/records';
import { aRule, shippedRule } from '../../builders/rules';
import {
  aDeposit,
  aDiscountLine,
  anAccount,
  anInvoice,
  aNameListEntry,
  aPayment,
  aSalesLine,
  aSubTotalLine,
  somePreferences,
} from './builders';

type Wire = Record<string, unknown>;

const ctx: MapContext = { source: QUICKBOOKS, resourceBase: 'http://127.0.0.1:1/v3/company/123', defaultCountry: 'US' };

/** The canonical records the QuickBooks source would hand on for these rows. */
function books(rows: Partial<Record<QueryEntity, Wire[]>>): CanonicalRecord[] {
  return ENTITIES.flatMap((spec) =>
    (rows[spec.entity] ?? []).map((raw) => {
      const mapped = spec.map(raw, ctx);
      if (!mapped.record) throw new Error(`expected a record, got problem: ${mapped.problem.message}`);
      return mapped.record;
    }),
  );
}

/** MetaData of a row created `days` ago (QuickBooks stamps the company's offset). */
function createdDaysAgo(days: number): Wire {
  const stamp = new Date(Date.parse(daysAgo(days)) - 7 * 3_600_000).toISOString().slice(0, 19) + '-07:00';
  return { MetaData: { CreateTime: stamp, LastUpdatedTime: stamp }, TxnDate: stamp.slice(0, 10) };
}

const preferences = (accounting: Wire) => mapCompany(somePreferences(accounting), {}, ctx).preferences;

describe('discount lines on a QuickBooks invoice', () => {
  const discounted = (overrides: Wire = {}) =>
    anInvoice({
      Id: '239',
      DocNumber: '1043',
      PrivateNote: 'FieldPro invoice inv-1043',
      DepartmentRef: { value: '2', name: 'North' },
      Line: [
        aSalesLine(150, { Description: 'AC tune-up' }),
        aSalesLine(50, { Description: 'Filter' }),
        aSubTotalLine(200),
        aDiscountLine(20, 10),
      ],
      TxnTaxDetail: { TotalTax: 14.4 },
      TotalAmt: 194.4,
      Balance: 194.4,
      ...createdDaysAgo(3),
      ...overrides,
    });

  it('keeps the discount as a negative line marked as a discount, so the lines add up to the total before tax', () => {
    const [invoice] = books({ Invoice: [discounted()] }) as InvoiceRecord[];

    expect(invoice!.lines.map((l) => [l.amountCents, l.discount ?? false])).toEqual([
      [15_000, false],
      [5_000, false],
      [-2_000, true],
    ]);
    expect(invoice!.lines.reduce((n, l) => n + l.amountCents, 0) + invoice!.taxCents!).toBe(invoice!.totalCents);
  });

  it('does not ask a discount line for a class when classes are tracked per line', () => {
    const residential = { ClassRef: { value: '77', name: 'Residential' } };
    const perLine = discounted({
      Line: [aSalesLine(150, {}, residential), aSalesLine(50, {}, residential), aSubTotalLine(200), aDiscountLine(20, 10)],
    });

    const found = evaluate('incomplete-invoice-class', {
      records: [anUpstreamInvoice(), ...books({ Invoice: [perLine] })],
      prefs: preferences({ ClassTrackingPerTxnLine: true }),
    });

    expect(found).toEqual([]);
  });

  it('does not call a discount line an invoice line without an item', () => {
    const itemRequired = aRule('incomplete', { id: 'incomplete-invoice-item', required: ['item'] });

    expect(evaluate([itemRequired], { records: books({ Invoice: [discounted()] }) })).toEqual([]);
  });

  it('does not blame a discount line for holding an upstream invoice back', () => {
    const held = anUpstreamInvoice({
      issuedAt: daysAgo(6),
      lines: [
        { item: 'Furnace Repair', amountCents: 40_000 },
        { discount: true, item: 'Loyalty discount', amountCents: -1_500 },
      ],
    });

    const [finding] = evaluate('missing-invoice', { records: [held, ...books({ Item: [aNameListEntry('Furnace Repair')] })] });

    expect(finding!.rootCauseKey).toBeUndefined();
  });
});

describe('payments in Undeposited Funds, known by their account', () => {
  const undeposited = anAccount('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', { Id: '4' });
  const checking = anAccount('Checking', 'Bank', 'Checking', { Id: '35' });
  const payment = (ref: Wire) =>
    aPayment({ Id: '163', PaymentRefNum: '10264', TotalAmt: 100, DepositToAccountRef: ref, ...createdDaysAgo(9) });

  it('reports a payment whose deposit account reference carries only the id', () => {
    const [finding, ...rest] = evaluate('undeposited-payment', {
      records: books({ Payment: [payment({ value: '4' })], Account: [undeposited, checking] }),
    });

    expect(rest).toEqual([]);
    expect(finding!.summary).toBe('Payment 10264 ($100.00) in Undeposited Funds for 9 days');
    expect(finding!.evidence).toEqual([{ field: 'deposit account', quickbooks: 'Undeposited Funds' }]);
  });

  it('knows Undeposited Funds by its sub-type after the company renamed it', () => {
    const renamed = anAccount('Payments to deposit', 'Other Current Asset', 'UndepositedFunds', { Id: '4' });

    const found = evaluate('undeposited-payment', {
      records: books({ Payment: [payment({ value: '4', name: 'Payments to deposit' })], Account: [renamed] }),
    });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['163']);
  });

  it('says nothing about a payment deposited to a bank account whose name mentions undeposited', () => {
    const bank = anAccount('Undeposited checks (old bank)', 'Bank', 'Checking', { Id: '36' });

    expect(
      evaluate('undeposited-payment', {
        records: books({ Payment: [payment({ value: '36', name: 'Undeposited checks (old bank)' })], Account: [bank, undeposited] }),
      }),
    ).toEqual([]);
  });

  it('falls back to the reference name when the Account list was not read', () => {
    const found = evaluate('undeposited-payment', {
      records: books({ Payment: [payment({ value: '4', name: 'Undeposited Funds' }), { ...payment({ value: '4' }), Id: '164' }] }),
    });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['163']);
  });
});

describe('deposits that carry more than payments', () => {
  const payments = [aPayment({ Id: '163', TotalAmt: 150.1 }), aPayment({ Id: '164', PaymentRefNum: '10265', TotalAmt: 142.2 })];
  const deposit = (total: number) =>
    aDeposit({
      Id: '301',
      TotalAmt: total,
      Line: [
        { Amount: 150.1, LinkedTxn: [{ TxnId: '163', TxnType: 'Payment', TxnLineId: '0' }] },
        { Amount: 142.2, LinkedTxn: [{ TxnId: '164', TxnType: 'Payment', TxnLineId: '0' }] },
        { Amount: 85, LinkedTxn: [{ TxnId: '12', TxnType: 'SalesReceipt', TxnLineId: '0' }] },
        {
          Amount: 40,
          DetailType: 'DepositLineDetail',
          Description: 'Scrap copper',
          DepositLineDetail: { AccountRef: { value: '90', name: 'Other Income' } },
        },
        {
          Amount: -7.79,
          DetailType: 'DepositLineDetail',
          Description: 'Merchant fees',
          DepositLineDetail: { AccountRef: { value: '88', name: 'Merchant Fees' } },
        },
      ],
    });

  it('reads the sales receipt and other income beside the payments and the fee', () => {
    const [mapped] = books({ Deposit: [deposit(409.51)] }) as DepositRecord[];

    expect(mapped).toMatchObject({
      paymentIds: ['163', '164'],
      salesReceiptIds: ['sr-12'],
      otherCents: 12_500,
      feeCents: 779,
      totalCents: 40_951,
    });
  });

  it('says nothing when payments, sales receipt and other income less the fee make the total', () => {
    expect(evaluate('deposit-fee-gap', { records: books({ Payment: payments, Deposit: [deposit(409.51)] }) })).toEqual([]);
  });

  it('still reports a real gap on such a deposit', () => {
    const [finding, ...rest] = evaluate('deposit-fee-gap', { records: books({ Payment: payments, Deposit: [deposit(405.01)] }) });

    expect(rest).toEqual([]);
    expect(finding!.amountCents).toBe(450);
    expect(finding!.summary).toMatch(/its 2 payments total \$292\.30 and \$125\.00 of other money: \$4\.50 unexplained$/);
  });
});

describe('class or location tracking switched on but unused', () => {
  const prefs = preferences({ ClassTrackingPerTxn: true, TrackDepartments: true });
  const invoice = (id: string, overrides: Wire = {}) =>
    anInvoice({ Id: id, DocNumber: `90${id}`, DepartmentRef: { value: '2', name: 'North' }, ...createdDaysAgo(3), ...overrides });

  it('gives one company-level finding when no invoice carries a class', () => {
    const found = evaluate('incomplete-invoice-class', { records: books({ Invoice: [invoice('1'), invoice('2'), invoice('3')] }), prefs });

    expect(found.map((f) => f.subject)).toEqual([
      { side: 'quickbooks', source: QUICKBOOKS, entity: 'source', sourceId: 'preferences:class', label: 'Class tracking' },
    ]);
    expect(found[0]!.summary).toMatch(/^Class tracking is on in QuickBooks but none of 3 invoices carries a class/);
  });

  it('gives one finding per dimension when neither class nor location is used', () => {
    const bare = ['1', '2'].map((id) => invoice(id, { DepartmentRef: undefined }));

    const found = evaluate('incomplete-invoice-class', { records: books({ Invoice: bare }), prefs });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['preferences:class', 'preferences:location']);
  });

  it('keeps one finding per invoice when some invoices carry a class and others do not', () => {
    const records = books({ Invoice: [invoice('1', { ClassRef: { value: '77', name: 'Residential' } }), invoice('2'), invoice('3')] });

    const found = evaluate('incomplete-invoice-class', { records, prefs });

    expect(found.map((f) => f.subject.label)).toEqual(['Invoice 902', 'Invoice 903']);
  });
});

describe('an orphan QuickBooks invoice still billed to the customer', () => {
  const orphan = (overrides: Wire = {}) =>
    anInvoice({ Id: '4002', DocNumber: '2210', TotalAmt: 412, Balance: 412, EmailStatus: 'EmailSent', ...createdDaysAgo(3), ...overrides });
  const landing = (records: CanonicalRecord[]) => {
    const findings = evaluate(['orphan-invoice', 'deleted-upstream-invoice'], { records });
    const rule = shippedRule(findings[0]?.ruleId ?? 'orphan-invoice');
    return { findings, verdict: classify(aClassifyInput({ rule, findings })) };
  };

  it('is customer-facing and urgent when its upstream record was deleted', () => {
    const { findings, verdict } = landing(books({ Invoice: [orphan({ PrivateNote: 'FieldPro invoice inv-2210 · job J-5120' })] }));

    expect(findings[0]!.customerFacing).toBe(true);
    expect(findings[0]!.summary).toMatch(
      /its upstream record was deleted .* still billed to the customer \(\$412\.00 open, invoice e-mailed\)$/,
    );
    expect(verdict.action).not.toBe('monitor');
    expect(verdict.path).toContain('urgent: customer-facing');
  });

  it('leaves an occasional hand-typed invoice on monitor, even when it was e-mailed', () => {
    const { findings, verdict } = landing(books({ Invoice: [orphan()] }));

    expect(findings[0]!.customerFacing).toBe(false);
    expect(verdict.action).toBe('monitor');
  });

  it('is no longer customer-facing once the customer has paid it', () => {
    const { findings } = landing(books({ Invoice: [orphan({ PrivateNote: 'FieldPro invoice inv-2210 · job J-5120', Balance: 0 })] }));

    expect(findings[0]!.customerFacing).toBe(false);
  });
});
