import { describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../../../src/domain/records';
import type { Incident } from '../../../src/incidents/model';
import { renderTrace, traceRef } from '../../../src/status/trace-view';
import { reconcile } from '../../../src/trace/reconcile';
import { refOf } from '../../../src/trace/trace';
import { aMatching } from '../../builders/context';
import { aFindingAbout } from '../../builders/findings';
import { anIncident } from '../../builders/incidents';
import { aJob, anInvoice, aPayment, aQbInvoice, aQbPayment } from '../../builders/records';

const trace = (records: CanonicalRecord[], ref: string, incidents: Incident[] = []) =>
  traceRef(reconcile(records, aMatching()), ref, incidents);
const hopSummary = (hops: ReturnType<typeof trace>['chains'][number]['hops']) =>
  hops.map((h) => [h.hop, h.status, h.ref?.sourceId ?? null, h.ref?.amountCents ?? null]);

describe('trace by payment reference', () => {
  it('finds an upstream payment by its check number and walks to the invoice it pays, its QuickBooks twin and the QuickBooks payment', () => {
    const t = trace([aJob(), anInvoice(), aQbInvoice(), aPayment(), aQbPayment()], '7781');
    expect(t.chains.map((c) => c.label)).toEqual(['Payment 7781 → Invoice 1043']);
    expect(hopSummary(t.chains[0]!.hops)).toEqual([
      ['upstream_payment', 'ok', 'pay-1', 38_500],
      ['upstream_invoice', 'ok', 'inv-1043', 38_500],
      ['quickbooks_invoice', 'ok', '501', 38_500],
      ['quickbooks_payment', 'ok', '801', 38_500],
    ]);
  });

  it('understands "check 7781" and a reference typed in another case', () => {
    const records = [anInvoice(), aQbInvoice(), aPayment({ reference: 'CHK-7781' })];
    expect(trace(records, 'check chk-7781').chains.map((c) => c.label)).toEqual(['Payment CHK-7781 → Invoice 1043']);
    expect(trace([anInvoice(), aPayment()], 'check 7781').chains).toHaveLength(1);
  });

  it('gives one chain per invoice when one check pays two invoices, with the part paid on each', () => {
    const second = anInvoice({ sourceId: 'inv-1044', number: '1044', totalCents: 20_000, balanceCents: 20_000 });
    const check = aPayment({
      amountCents: 58_500,
      appliedTo: [
        { invoiceId: 'inv-1043', invoiceNumber: '1043', amountCents: 38_500 },
        { invoiceId: 'inv-1044', invoiceNumber: '1044', amountCents: 10_000 },
      ],
    });
    const t = trace([anInvoice(), second, aQbInvoice(), check], '7781');
    expect(t.chains.map((c) => c.label)).toEqual(['Payment 7781 → Invoice 1043', 'Payment 7781 → Invoice 1044']);
    expect(t.chains[1]!.hops[1]).toMatchObject({ hop: 'upstream_invoice', status: 'ok', note: 'this payment pays $100.00 of it' });
    expect(t.chains[1]!.hops[2]).toMatchObject({ hop: 'quickbooks_invoice', status: 'broken', note: 'not in QuickBooks' });
    expect(t.chains[0]!.hops[3]).toMatchObject({ hop: 'quickbooks_payment', status: 'broken', note: 'not in QuickBooks' });
  });

  it('traces a QuickBooks payment by reference from its upstream twin, once', () => {
    const t = trace([anInvoice(), aQbInvoice(), aPayment(), aQbPayment({ sourceId: '801', reference: '7781' })], '801');
    expect(t.chains).toHaveLength(1);
    expect(t.chains[0]!.hops[0]).toMatchObject({ hop: 'upstream_payment', ref: { sourceId: 'pay-1' } });
  });

  it('traces a QuickBooks payment no upstream payment matches back to the invoice it pays', () => {
    const t = trace([anInvoice(), aQbInvoice(), aQbPayment({ reference: '9920', privateNote: undefined })], '9920');
    expect(t.chains.map((c) => c.label)).toEqual(['Payment 9920 → Invoice 1043']);
    expect(hopSummary(t.chains[0]!.hops)).toEqual([
      ['upstream_payment', 'absent', null, null],
      ['upstream_invoice', 'ok', 'inv-1043', 38_500],
      ['quickbooks_invoice', 'ok', '501', 38_500],
      ['quickbooks_payment', 'ok', '801', 38_500],
    ]);
  });

  it('says when the QuickBooks twin of the payment is not applied to the invoice', () => {
    const t = trace([anInvoice(), aQbInvoice(), aPayment(), aQbPayment({ appliedTo: [], unappliedCents: 38_500 })], '7781');
    expect(t.chains[0]!.hops[3]).toMatchObject({
      hop: 'quickbooks_payment',
      status: 'broken',
      ref: { sourceId: '801' },
      note: 'not applied to an invoice',
    });
  });
});

describe('trace amounts and incidents', () => {
  it('names the open incidents that flag a record on the chain, as subject or related record, and not resolved ones', () => {
    const qbInvoice = aQbInvoice();
    const incidents = [
      anIncident({
        ruleId: 'mismatch-invoice-balance',
        number: 4,
        findings: [aFindingAbout(qbInvoice, { ruleId: 'mismatch-invoice-balance', related: [refOf(aPayment())] })],
      }),
      anIncident({ ruleId: 'late-payment', number: 9, findings: [aFindingAbout(aPayment(), { ruleId: 'late-payment' })] }),
      anIncident({
        ruleId: 'incomplete-invoice-class',
        number: 2,
        status: 'resolved',
        findings: [aFindingAbout(qbInvoice, { ruleId: 'incomplete-invoice-class' })],
      }),
    ];
    const t = trace([anInvoice(), qbInvoice, aPayment()], '7781', incidents);
    expect(t.chains[0]!.hops.map((h) => [h.hop, h.incidents ?? []])).toEqual([
      ['upstream_payment', [4, 9]],
      ['upstream_invoice', []],
      ['quickbooks_invoice', [4]],
      ['quickbooks_payment', []],
    ]);
  });

  it('prints the amount and the incidents on every hop of an invoice trace', () => {
    const incidents = [
      anIncident({
        ruleId: 'mismatch-invoice-total',
        number: 4,
        findings: [aFindingAbout(aQbInvoice(), { ruleId: 'mismatch-invoice-total' })],
      }),
    ];
    const text = renderTrace(trace([aJob(), anInvoice(), aQbInvoice(), aQbPayment()], '1043', incidents));
    expect(text.split('\n')).toEqual([
      'Invoice 1043:',
      '  ✓ job: Job J-6001 $385.00 (fieldpro JB9501)',
      '  ✓ upstream invoice: Invoice 1043 $385.00 (fieldpro inv-1043)',
      '  ✓ quickbooks invoice: Invoice 1043 $385.00 (quickbooks 501) · incident #4',
      '  ✓ quickbooks payment: Payment 7781 $385.00 (quickbooks 801)',
    ]);
  });

  it('says what it looks for when nothing matches', () => {
    expect(renderTrace(trace([anInvoice()], '5555'))).toBe(
      'Nothing found for "5555" — try a job number, an invoice number, a payment reference or a record id.',
    );
  });
});
