import { describe, expect, it } from 'vitest';
import { updateIncidents } from '../../../src/incidents/update-incidents';
import type { Incident } from '../../../src/incidents/model';
import { after, daysAgo, hoursAgo, MINUTE, minutesAgo, NOW } from '../../builders/clock';
import { evaluate } from '../../builders/context';
import { aLifecycleInput } from '../../builders/incidents';
import { aDeposit, anInvoice, aPayment, aQbInvoice, aQbPayment } from '../../builders/records';
import type { Rule } from '../../../src/rules/schema';
import { aRule, shippedRule, shippedRules } from '../../builders/rules';

const INVOICE_MISMATCHES = shippedRules()
  .filter((r) => r.kind === 'mismatch' && r.entity === 'invoice')
  .map((r) => r.id);

describe('an invoice void on both sides', () => {
  it('is not compared on total, tax or balance, whatever the voided upstream record still shows', () => {
    // Field tools keep the original total on a voided invoice; QuickBooks zeroes it.
    const records = [
      anInvoice({ status: 'void', totalCents: 38_500, taxCents: 2_310, balanceCents: 38_500, updatedAt: daysAgo(4) }),
      aQbInvoice({
        status: 'void',
        totalCents: 0,
        taxCents: 0,
        balanceCents: 0,
        privateNote: 'Voided - FieldPro invoice inv-1043',
        updatedAt: daysAgo(4),
      }),
    ];

    expect(evaluate(INVOICE_MISMATCHES, { records })).toEqual([]);
  });

  it('is still reported when it is void on one side only', () => {
    const records = [anInvoice({ status: 'void', balanceCents: 38_500, updatedAt: daysAgo(4) }), aQbInvoice({ updatedAt: daysAgo(4) })];

    expect(evaluate(INVOICE_MISMATCHES, { records }).map((f) => f.ruleId)).toEqual(['mismatch-invoice-status']);
  });
});

describe('grace after an edit, for every comparison', () => {
  it('gives every mismatch rule an hour of grace unless it says otherwise', () => {
    const graceOf = (rule: Rule) => (rule.kind === 'mismatch' ? rule.grace : undefined);
    expect(graceOf(aRule('mismatch'))).toBe(60 * MINUTE);
    expect(graceOf(shippedRule('mismatch-invoice-tax'))).toBe(60 * MINUTE);
  });

  it('does not open a tax difference on an invoice edited 20 minutes ago', () => {
    const records = [anInvoice({ taxCents: 2_310, updatedAt: minutesAgo(20) }), aQbInvoice({ taxCents: 2_390 })];

    expect(evaluate('mismatch-invoice-tax', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });

  it('waits on an edit made in QuickBooks as on one made upstream', () => {
    const records = [anInvoice({ taxCents: 2_310 }), aQbInvoice({ taxCents: 2_390, updatedAt: minutesAgo(20) })];

    expect(evaluate('mismatch-invoice-tax', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });

  it('counts a payment recorded against the invoice as an edit of its balance', () => {
    // Paid upstream two hours ago; the invoice rows themselves were last touched days ago.
    const records = [
      anInvoice({ balanceCents: 0, status: 'paid', updatedAt: daysAgo(3) }),
      aQbInvoice({ updatedAt: daysAgo(3) }),
      aPayment({ receivedAt: hoursAgo(2), createdAt: hoursAgo(2), updatedAt: hoursAgo(2) }),
    ];

    expect(evaluate('mismatch-invoice-balance', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });

  it('does not call a deposit short while its fee line is being entered', () => {
    const records = [aQbPayment(), aDeposit({ totalCents: 37_300, updatedAt: minutesAgo(10) })];

    expect(evaluate('deposit-fee-gap', { records }).map((f) => f.holdOnly)).toEqual([true]);
  });

  it('reports a tax difference once both sides have been left alone for the hour', () => {
    const records = [anInvoice({ taxCents: 2_310, updatedAt: hoursAgo(2) }), aQbInvoice({ taxCents: 2_390, updatedAt: hoursAgo(3) })];

    expect(evaluate('mismatch-invoice-tax', { records }).map((f) => f.holdOnly ?? false)).toEqual([false]);
  });

  it('keeps an open tax incident open while the invoice is edited again', () => {
    const rule = shippedRule('mismatch-invoice-tax');
    const poll = (incidents: Incident[], records: ReturnType<typeof anInvoice>[], at: Date): Incident[] => {
      const findings = evaluate([rule], { records, now: at });
      const changes = updateIncidents(
        aLifecycleInput({ now: at, rules: [rule], evaluatedRuleIds: new Set([rule.id]), incidents, findings, nextNumber: 1 }),
      );
      return [...incidents.filter((i) => !changes.some((c) => c.after.id === i.id)), ...changes.map((c) => c.after)];
    };
    let incidents = poll([], [anInvoice({ taxCents: 2_310, updatedAt: daysAgo(2) }), aQbInvoice({ taxCents: 2_390 })], NOW);
    expect(incidents.map((i) => i.status)).toEqual(['open']);

    const editing = aQbInvoice({ taxCents: 2_395, updatedAt: after(MINUTE).toISOString() });
    for (const minutes of [5, 10, 15])
      incidents = poll(incidents, [anInvoice({ taxCents: 2_310, updatedAt: daysAgo(2) }), editing], after(minutes * MINUTE));

    expect(incidents.map((i) => i.status)).toEqual(['open']);
  });
});
