import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../../../src/domain/records';
import { evaluate } from '../../builders/context';
import { daysAgo } from '../../builders/clock';
import { aCompanyWithHistory } from '../../builders/history';
import { aCustomer, aJob, anInvoice, aPayment, aQbCustomer, aQbInvoice } from '../../builders/records';
import { aRule, shippedRules } from '../../builders/rules';

/** Three years in the field tool, the QuickBooks sync on since 1 September 2025 (NOW is 17 March 2026). */
const company = () => aCompanyWithHistory({ syncSince: '2025-09-01', years: 3, handTyped: 3 });
const everyRule = () => shippedRules();
const described = (findings: ReturnType<typeof evaluate>) => findings.map((f) => `${f.ruleId}: ${f.summary}`);

describe('the first poll of a company whose sync started long after its field-tool history', () => {
  it('raises one backlog finding naming the start and the setting, and nothing about each old record', () => {
    const records = company();
    const oldInvoices = records.filter((r) => r.side === 'upstream' && r.entity === 'invoice' && (r.txnDate ?? '') < '2025-09-01');
    expect(oldInvoices.length).toBeGreaterThan(400);

    const findings = evaluate(everyRule(), { records, history: 'infer' });

    expect(described(findings)).toEqual([expect.stringMatching(/^history-backlog: /)]);
    const [backlog] = findings;
    expect(backlog!.summary).toMatch(
      /^\d{3} invoices \(\$[\d,]+\.\d\d\), \d{3} payments \(\$[\d,]+\.\d\d\) and \d+ completed jobs from before 2025-09-02 /,
    );
    expect(backlog!.summary).toMatch(
      / never reached QuickBooks — they predate the sync\. Set company\.history_from: 2025-09-02 in sync-sentinel\.yaml to confirm, or an earlier date to check them\.$/,
    );
    expect(backlog!.subject).toEqual({
      side: 'upstream',
      source: 'fieldpro',
      entity: 'source',
      sourceId: 'history-backlog',
      label: 'History before 2025-09-02',
    });
    // The hand-typed old invoices reached QuickBooks in a way: they are not counted as never synced.
    expect(backlog!.evidence.find((e) => e.field === 'invoices never synced')?.upstream).toBe(oldInvoices.length - 3);
    // History is not money at risk today: it must not make the first poll urgent.
    expect(backlog!.amountCents).toBe(0);
  });

  it('keeps the same backlog finding from poll to poll while the history grows no older', () => {
    const first = evaluate('history-backlog', { records: company(), history: 'infer' });
    const second = evaluate('history-backlog', { records: company(), history: 'infer' });

    expect(second.map((f) => f.key)).toEqual(first.map((f) => f.key));
  });

  it('raises nothing at all once company.history_from is set', () => {
    expect(described(evaluate(everyRule(), { records: company(), history: '2025-09-01' }))).toEqual([]);
  });

  it('checks the older history when company.history_from is set earlier than the sync', () => {
    const findings = evaluate(everyRule(), { records: company(), history: '2025-08-01' });

    expect(findings.some((f) => f.ruleId === 'history-backlog')).toBe(false);
    const missing = findings.filter((f) => f.ruleId === 'missing-invoice');
    expect(missing.length).toBeGreaterThan(10);
    expect(missing.every((f) => (f.since ?? '') >= '2025-08-01')).toBe(true);
  });

  it('checks everything, as before, when no start is set or found', () => {
    const findings = evaluate(['missing-invoice', 'uninvoiced-job', 'missing-payment'], { records: company() });

    expect(findings.length).toBeGreaterThan(400);
  });
});

/** A payment received after the start for invoice 4100 of August. */
const paidInSeptember = () =>
  aPayment({
    sourceId: 'pay-sep',
    reference: 'R-sep',
    receivedAt: '2025-09-18T15:00:00.000Z',
    date: '2025-09-18',
    appliedTo: [{ invoiceId: 'inv-aug', amountCents: 38_500 }],
  });

describe('a real failure after the history start', () => {
  const withFailures = (): CanonicalRecord[] => [
    ...company(),
    anInvoice({
      sourceId: 'inv-new',
      number: '9001',
      customerId: 'c-30',
      issuedAt: daysAgo(4),
      txnDate: daysAgo(4).slice(0, 10),
      jobNumber: 'J-new',
    }),
    aJob({ sourceId: 'JB-new', number: 'J-new', customerId: 'c-30', completedAt: daysAgo(4) }),
    aJob({ sourceId: 'JB-lost', number: 'J-lost', customerId: 'c-30', completedAt: daysAgo(3) }),
    aPayment({ sourceId: 'pay-late', reference: 'R-late', receivedAt: daysAgo(3), date: daysAgo(3).slice(0, 10), appliedTo: [] }),
    aPayment({ sourceId: 'pay-lost', reference: 'R-lost', receivedAt: daysAgo(9), date: daysAgo(9).slice(0, 10), appliedTo: [] }),
  ];

  it('still fires on the first poll, with the start inferred', () => {
    const findings = evaluate(everyRule(), { records: withFailures(), history: 'infer' });

    expect(findings.map((f) => `${f.ruleId} ${f.subject.sourceId}`).sort()).toEqual([
      'history-backlog history-backlog',
      'late-payment pay-late',
      'missing-invoice inv-new',
      'missing-payment pay-lost',
      'uninvoiced-job JB-lost',
    ]);
  });

  it('still fires with company.history_from set', () => {
    const findings = evaluate(everyRule(), { records: withFailures(), history: '2025-09-01' });

    expect(findings.map((f) => f.ruleId).sort()).toEqual(['late-payment', 'missing-invoice', 'missing-payment', 'uninvoiced-job']);
  });

  it('counts a payment received after the start for an old invoice that never synced as history', () => {
    const old = '2025-08-20T15:00:00.000Z';
    const records = [anInvoice({ sourceId: 'inv-aug', number: '4100', issuedAt: old, txnDate: old.slice(0, 10) }), paidInSeptember()];

    expect(evaluate(['late-payment', 'missing-payment'], { records, history: '2025-09-01' })).toEqual([]);
  });

  it('reports a payment received after the start for an old invoice that is in QuickBooks', () => {
    const old = '2025-08-20T15:00:00.000Z';
    const records = [
      anInvoice({ sourceId: 'inv-aug', number: '4100', issuedAt: old, txnDate: old.slice(0, 10) }),
      aQbInvoice({
        sourceId: 'q-aug',
        number: '4100',
        issuedAt: old,
        txnDate: old.slice(0, 10),
        createdAt: old,
        privateNote: 'FieldPro invoice inv-aug',
      }),
      paidInSeptember(),
    ];

    const found = evaluate(['late-payment', 'missing-payment'], { records, history: '2025-09-01' });

    expect(found.map((f) => `${f.ruleId} ${f.subject.sourceId}`)).toEqual(['missing-payment pay-sep']);
  });

  it('reports a customer created before the start who still buys and never reached QuickBooks', () => {
    const old = '2024-02-01T15:00:00.000Z';
    const records = [
      anInvoice({ sourceId: 'a', number: 'A', issuedAt: daysAgo(30), txnDate: daysAgo(30).slice(0, 10) }),
      aQbInvoice({
        sourceId: 'qa',
        number: 'A',
        issuedAt: daysAgo(30),
        txnDate: daysAgo(30).slice(0, 10),
        privateNote: 'FieldPro invoice a',
      }),
      aCustomer({
        sourceId: 'c-old-active',
        externalId: undefined,
        displayName: 'Ruth Abernathy',
        email: 'ruth@example.com',
        phone: '+13125550199',
        createdAt: old,
      }),
      anInvoice({ sourceId: 'b', number: 'B', customerId: 'c-old-active', issuedAt: daysAgo(20), txnDate: daysAgo(20).slice(0, 10) }),
      aQbInvoice({
        sourceId: 'qb',
        number: 'B',
        issuedAt: daysAgo(20),
        txnDate: daysAgo(20).slice(0, 10),
        privateNote: 'FieldPro invoice b',
      }),
      aCustomer({
        sourceId: 'c-old-gone',
        externalId: undefined,
        displayName: 'Silas Whitcombe',
        email: 'silas@example.com',
        phone: '+13125550177',
        createdAt: old,
      }),
      aCustomer(),
      aQbCustomer(),
    ];

    const findings = evaluate('missing-customer', { records, history: '2026-01-01' });

    expect(findings.map((f) => f.subject.sourceId)).toEqual(['c-old-active']);
  });
});

describe('the history start beside a rule of its own', () => {
  const handMade = (sourceId: string, created: string) =>
    aQbInvoice({
      sourceId,
      number: sourceId,
      privateNote: undefined,
      createdAt: created,
      txnDate: created.slice(0, 10),
      issuedAt: created,
    });
  const records = () => [
    handMade('h-dec', '2025-12-10T15:00:00.000Z'),
    handMade('h-feb', '2026-02-10T15:00:00.000Z'),
    handMade('h-oct', '2025-10-10T15:00:00.000Z'),
  ];
  const orphanFrom = (notBefore: string) => aRule('orphan', { entity: 'invoice', not_before: notBefore, min_age: '1d' });

  it('lets the later of not_before and the company start win when not_before is later', () => {
    const found = evaluate([orphanFrom('2026-01-01')], { records: records(), history: '2025-11-01' });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['h-feb']);
  });

  it('lets the later of not_before and the company start win when the company start is later', () => {
    const found = evaluate([orphanFrom('2025-09-01')], { records: records(), history: '2025-11-01' });

    expect(found.map((f) => f.subject.sourceId).sort()).toEqual(['h-dec', 'h-feb']);
  });

  it('still pairs duplicate customers entered long before the start', () => {
    const twice = [
      aQbCustomer({ createdAt: '2023-05-01T15:00:00.000Z' }),
      aQbCustomer({ sourceId: '59', createdAt: '2023-06-01T15:00:00.000Z' }),
    ];

    expect(evaluate('duplicate-customer', { records: twice, history: '2025-11-01' })).toHaveLength(1);
  });
});
