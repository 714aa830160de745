import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, type RecommendedAction } from '../../src/classify/classification';
import { classify, type ClassifyInput } from '../../src/classify/classify';
import type { Severity } from '../../src/config/schema';
import { aClassifyInput, aFinding, aRule, aWeek, daysBefore, findings, T0 } from './builders';

const lowImpactRule = aRule('mismatch', { low_impact: true });
const causedRule = aRule('mismatch', { cause: 'item AC Tune-Up is not mapped' });
const risingVolume = [aWeek('2026-W08', 10, 10_000), aWeek('2026-W09', 24, 12_000), aWeek('2026-W10', 42, 14_000), aWeek('2026-W11', 64, 16_000)];

interface Row {
  when: string;
  input: Partial<ClassifyInput>;
  action: RecommendedAction;
  severity: Severity;
  pathIncludes: string;
}

const rows: Row[] = [
  // Occasional and low impact.
  { when: 'occasional and the rule is low impact', input: { rule: lowImpactRule }, action: 'monitor', severity: 'low', pathIncludes: 'low impact' },
  { when: 'occasional and every finding is minor', input: { findings: findings(2, { minor: true }) }, action: 'monitor', severity: 'low', pathIncludes: 'low impact (minor differences)' },
  { when: 'seen in only one of the last 6 weeks, older weeks not counting', input: { rule: lowImpactRule, weeksSeen: ['2025-W40', '2025-W41', '2026-W11'] }, action: 'monitor', severity: 'low', pathIncludes: 'occasional' },
  // Recurring but low impact.
  { when: 'reopened once though low impact', input: { rule: lowImpactRule, reopenCount: 1 }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'recurring (reopened 1×)' },
  { when: 'seen in 3 of the last 6 weeks though low impact', input: { rule: lowImpactRule, weeksSeen: ['2026-W07', '2026-W09', '2026-W11'] }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'recurring (3 of last 6 weeks)' },
  // Key area, cause unknown.
  { when: 'it affects a key area and the cause is unknown', input: {}, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'affects billing · cause not yet known' },
  { when: 'a customer-facing finding on a rule without customer-facing urgency', input: { findings: [aFinding({ customerFacing: true })] }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'cause not yet known' },
  { when: 'findings point at different root causes', input: { findings: [aFinding({ key: 'a', rootCauseKey: 'item:AC Tune-Up' }), aFinding({ key: 'b', rootCauseKey: 'location:Austin' })] }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'cause not yet known' },
  // Urgent, cause unknown.
  { when: 'money at risk is over the threshold', input: { findings: [aFinding({ amountCents: 250_001 })] }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: $2,500.01 at risk' },
  { when: 'money at risk is over the rule’s own threshold', input: { rule: aRule('mismatch', { urgency: { amount_over: 100 } }), findings: [aFinding({ amountCents: 10_001 })] }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: $100.01 at risk' },
  { when: 'a finding is customer-facing and the rule says that is urgent', input: { rule: aRule('mismatch', { urgency: { customer_facing: true } }), findings: [aFinding({ customerFacing: true })] }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: customer-facing' },
  { when: 'more findings than the rule’s count_over', input: { rule: aRule('mismatch', { urgency: { count_over: 2 } }), findings: findings(3) }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: 3 records affected' },
  { when: 'an accounting rule with money at risk and the books close within the default days', input: { rule: aRule('mismatch', { impact: ['accounting'] }), daysToClose: 2 }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: books close in 2 days' },
  { when: 'the books close within the rule’s close_within_days', input: { rule: aRule('mismatch', { urgency: { close_within_days: 5 } }), daysToClose: 5 }, action: 'diagnostic_review', severity: 'high', pathIncludes: 'urgent: books close in 5 days' },
  { when: 'an accounting rule but the close is further off than the default days', input: { rule: aRule('mismatch', { impact: ['accounting'] }), daysToClose: 4 }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'affects accounting · cause not yet known' },
  // Cause clear, not urgent.
  { when: 'the rule declares the cause', input: { rule: causedRule }, action: 'fix_normal_course', severity: 'medium', pathIncludes: 'cause known: item AC Tune-Up is not mapped' },
  { when: 'an operator marked the root cause', input: { rootCause: { text: 'tech app offline in Austin', by: 'operator', actor: 'dana', at: T0.toISOString() } }, action: 'fix_normal_course', severity: 'medium', pathIncludes: 'cause known: tech app offline in Austin' },
  { when: 'every finding shares one root-cause key', input: { findings: findings(3, { rootCauseKey: 'item:AC Tune-Up' }) }, action: 'fix_normal_course', severity: 'medium', pathIncludes: 'cause known: item:AC Tune-Up' },
  // Cause clear and urgent.
  { when: 'the cause is known and money at risk is over the threshold', input: { rule: causedRule, findings: [aFinding({ amountCents: 300_000 })] }, action: 'stabilization_sprint', severity: 'critical', pathIncludes: 'cause known: item AC Tune-Up is not mapped · urgent: $3,000.00 at risk' },
  // Cause unclear after the diagnosis window.
  { when: 'open 9 days with no cause', input: { openedAt: daysBefore(T0, 9).toISOString() }, action: 'systems_audit', severity: 'high', pathIncludes: 'cause unclear after 9 days' },
  { when: 'open exactly the 7-day window with no cause', input: { openedAt: daysBefore(T0, 7).toISOString() }, action: 'systems_audit', severity: 'high', pathIncludes: 'cause unclear after 7 days' },
  { when: 'reopened twice with no cause', input: { reopenCount: 2, openedAt: daysBefore(T0, 2).toISOString() }, action: 'systems_audit', severity: 'high', pathIncludes: 'cause unclear after 2 reopenings' },
  // Capacity.
  { when: 'findings per 1,000 rise with volume over 4 weeks', input: { weekly: risingVolume }, action: 'modernization', severity: 'high', pathIncludes: 'findings per 1,000 records 1.0 → 4.0 as volume grew 10000 → 16000 over 4 weeks' },
  { when: 'reopened after 3 fixes', input: { reopenCount: 3 }, action: 'modernization', severity: 'high', pathIncludes: 'reopened after 3 fixes' },
  { when: 'the rate rises but volume does not', input: { weekly: [aWeek('2026-W08', 10, 10_000), aWeek('2026-W09', 20, 10_000), aWeek('2026-W10', 30, 10_000), aWeek('2026-W11', 40, 10_000)] }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'cause not yet known' },
  { when: 'the rate rises with volume for only 3 weeks', input: { weekly: risingVolume.slice(1) }, action: 'diagnostic_review', severity: 'medium', pathIncludes: 'cause not yet known' },
];

describe('classify walks the operator decision tree', () => {
  it.each(rows)('recommends $action ($severity) when $when', ({ input, action, severity, pathIncludes }) => {
    const c = classify(aClassifyInput(input));

    expect({ action: c.action, severity: c.severity }).toEqual({ action, severity });
    expect(c.path.join(' · ')).toContain(pathIncludes);
    expect(c.path.at(-1)).toBe(`→ ${ACTION_LABELS[action]}`);
    expect(c.strategic).toBe(action === 'modernization');
  });

  it('does not count suppressed findings toward money at risk', () => {
    const held = aFinding({ key: 'held', amountCents: 900_000, suppressedBy: 'quickbooks is stale' });

    const c = classify(aClassifyInput({ findings: [held, aFinding({ key: 'live', amountCents: 500 })] }));

    expect(c.urgent).toBe(false);
    expect(c.severity).toBe('medium');
  });

  it('counts the same finding toward money at risk when it is not suppressed', () => {
    const c = classify(aClassifyInput({ findings: [aFinding({ key: 'held', amountCents: 900_000 }), aFinding({ key: 'live', amountCents: 500 })] }));

    expect(c.urgent).toBe(true);
    expect(c.path).toContain('urgent: $9,005.00 at risk');
  });

  it('gives the same verdict and path for the same inputs', () => {
    const input = aClassifyInput({ openedAt: daysBefore(T0, 9).toISOString(), reopenCount: 1 });

    expect(classify(input)).toEqual(classify(input));
  });
});
