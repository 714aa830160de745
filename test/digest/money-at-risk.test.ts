import { describe, expect, it } from 'vitest';
import { computeMoneyAtRisk } from '../../src/digest/money-at-risk';
import { NOW } from '../builders/clock';
import { aFindingAbout } from '../builders/findings';
import { anIncident } from '../builders/incidents';
import { anInvoice, aQbInvoice } from '../builders/records';

describe('the digest money at risk', () => {
  it('counts an invoice that sits in a class incident and a tax incident once, at its larger amount', () => {
    const qb = aQbInvoice({ location: 'North' });
    const incidents = [
      anIncident({
        ruleId: 'incomplete-invoice-class',
        number: 5,
        findings: [aFindingAbout(qb, { ruleId: 'incomplete-invoice-class', amountCents: 38_500, location: 'North' })],
      }),
      anIncident({
        ruleId: 'mismatch-invoice-tax',
        number: 6,
        findings: [aFindingAbout(qb, { ruleId: 'mismatch-invoice-tax', amountCents: 2_100, location: 'North' })],
      }),
    ];
    const money = computeMoneyAtRisk(incidents, NOW);
    // Summed per incident this was $406.00; the invoice itself puts $385.00 at stake.
    expect(money.totalCents).toBe(38_500);
    expect(money.byLocation).toEqual([{ location: 'North', cents: 38_500 }]);
    expect(Object.values(money.byAge).reduce((n, c) => n + c, 0)).toBe(38_500);
  });

  it('adds different records, and leaves resolved incidents out', () => {
    const incidents = [
      anIncident({ number: 1, findings: [aFindingAbout(anInvoice())] }),
      anIncident({
        ruleId: 'late-invoice',
        number: 2,
        findings: [aFindingAbout(anInvoice({ sourceId: 'inv-1044', number: '1044', totalCents: 20_000 }), { ruleId: 'late-invoice' })],
      }),
      anIncident({
        ruleId: 'duplicate-invoice',
        number: 3,
        status: 'resolved',
        findings: [aFindingAbout(anInvoice({ sourceId: 'inv-1045', totalCents: 70_000 }))],
      }),
    ];
    expect(computeMoneyAtRisk(incidents, NOW).totalCents).toBe(58_500);
  });
});
