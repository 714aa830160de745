// Evaluation and the lifecycle together: what a person sees in the thread when a record is touched
// while it is already the subject of an open incident.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/model';
import { updateIncidents } from '../../../src/incidents/update-incidents';
import { after, daysAgo, MINUTE, NOW } from '../../builders/clock';
import { evaluate } from '../../builders/context';
import { aLifecycleInput } from '../../builders/incidents';
import { anInvoice, aQbInvoice } from '../../builders/records';
import { shippedRule } from '../../builders/rules';

const rule = shippedRule('mismatch-invoice-amount');

function poll(incidents: Incident[], records: ReturnType<typeof anInvoice>[], at: Date): Incident[] {
  const findings = evaluate([rule], { records, now: at });
  const changes = updateIncidents(
    aLifecycleInput({ now: at, rules: [rule], evaluatedRuleIds: new Set([rule.id]), incidents, findings, nextNumber: 1 }),
  );
  return [...incidents.filter((i) => !changes.some((c) => c.after.id === i.id)), ...changes.map((c) => c.after)];
}

describe('an open mismatch whose record is touched again', () => {
  it('stays open while the touched record settles, when the totals still differ', () => {
    const wrongTotal = anInvoice({ totalCents: 47_000, updatedAt: daysAgo(2) });
    let incidents = poll([], [wrongTotal, aQbInvoice()], NOW);
    expect(incidents.map((i) => i.status)).toEqual(['open']);

    // A payment is applied in QuickBooks: the invoice's last-updated time moves, its total is still $385.00.
    const touched = aQbInvoice({ updatedAt: after(MINUTE).toISOString(), balanceCents: 0 });
    for (const minutes of [5, 10, 15]) incidents = poll(incidents, [wrongTotal, touched], after(minutes * MINUTE));

    expect(incidents.map((i) => i.status)).toEqual(['open']);
  });
});
