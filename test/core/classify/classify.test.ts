import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, type RecommendedAction } from '../../../src/classify/classification';
import { classify, pathLine, type ClassifyInput } from '../../../src/classify/classify';
import type { Severity } from '../../../src/config/schema';
import { daysAgo, NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { aClassifyInput, recentWeeks, weeklyStats } from '../../builders/incidents';
import { aRule, shippedRule } from '../../builders/rules';

const weeks = recentWeeks(NOW);
const lowImpactRule = aRule('late', { impact: ['billing', 'accounting'], low_impact: true });
const keyAreaRule = aRule('missing', { impact: ['billing'] });
const ruleWithCause = aRule('duplicate', {
  entity: 'invoice',
  keys: [['link']],
  impact: ['billing'],
  cause: 'The sync posted the invoice twice',
});

interface Branch {
  name: string;
  input: Partial<ClassifyInput>;
  action: RecommendedAction;
  severity: Severity;
  /** Fragments the path must contain, in order. */
  path: string[];
  strategic?: boolean;
}

const branches: Branch[] = [
  {
    name: 'occasional and low impact → document and monitor',
    input: { rule: lowImpactRule, findings: [aFinding({ amountCents: 14_900 })] },
    action: 'monitor',
    severity: 'low',
    path: ['occasional', 'low impact', '→ Document and monitor'],
  },
  {
    name: 'occasional, every finding minor → document and monitor',
    input: {
      rule: keyAreaRule,
      findings: [aFinding({ amountCents: 1, minor: true }), aFinding({ key: 'invoice:2', amountCents: 1, minor: true })],
    },
    action: 'monitor',
    severity: 'low',
    path: ['occasional', 'low impact (minor differences)', '→ Document and monitor'],
  },
  {
    name: 'recurring (reopened) but low impact → diagnostic review',
    input: { rule: lowImpactRule, reopenCount: 1 },
    action: 'diagnostic_review',
    severity: 'medium',
    path: ['recurring (reopened 1×)', 'low impact', 'cause not yet known', '→ Run a diagnostic review'],
  },
  {
    name: 'recurring (seen 3 of the last 6 weeks) but low impact → diagnostic review',
    input: { rule: lowImpactRule, weeksSeen: [weeks[1]!, weeks[3]!, weeks[5]!] },
    action: 'diagnostic_review',
    severity: 'medium',
    path: ['recurring (3 of last 6 weeks)', 'low impact', '→ Run a diagnostic review'],
  },
  {
    name: 'a key area, cause unknown → diagnostic review',
    input: { rule: keyAreaRule },
    action: 'diagnostic_review',
    severity: 'medium',
    path: ['occasional', 'affects billing', 'cause not yet known', '→ Run a diagnostic review'],
  },
  {
    name: 'urgent (money over the threshold) but cause unknown → diagnostic review, high',
    input: { rule: keyAreaRule, findings: [aFinding({ amountCents: 300_000 })] },
    action: 'diagnostic_review',
    severity: 'high',
    path: ['affects billing', 'cause not yet known', 'urgent: $3,000.00 at risk', '→ Run a diagnostic review'],
  },
  {
    name: 'cause declared by the rule, not urgent → fix in the normal course',
    input: { rule: ruleWithCause },
    action: 'fix_normal_course',
    severity: 'medium',
    path: ['cause known: The sync posted the invoice twice', '→ Fix in the normal course'],
  },
  {
    name: 'cause shared by every finding (root-cause key), not urgent → fix in the normal course',
    input: { rule: keyAreaRule, findings: someFindings(3, { rootCauseKey: 'item "A/C Tune Up Plus" not mapped in QuickBooks' }) },
    action: 'fix_normal_course',
    severity: 'medium',
    path: ['cause known: item "A/C Tune Up Plus" not mapped in QuickBooks', '→ Fix in the normal course'],
  },
  {
    name: 'cause marked by an operator, not urgent → fix in the normal course',
    input: { rule: keyAreaRule, rootCause: { text: 'tech skipped the invoice step', by: 'operator', actor: 'maria', at: daysAgo(1) } },
    action: 'fix_normal_course',
    severity: 'medium',
    path: ['cause known: tech skipped the invoice step', '→ Fix in the normal course'],
  },
  {
    name: 'cause clear and money over the threshold → Stabilization Sprint',
    input: { rule: ruleWithCause, findings: [aFinding({ amountCents: 250_001 })] },
    action: 'stabilization_sprint',
    severity: 'critical',
    path: ['cause known: The sync posted the invoice twice', 'urgent: $2,500.01 at risk', '→ Stabilization Sprint'],
  },
  {
    name: 'cause clear and customer-facing → Stabilization Sprint',
    input: {
      rule: aRule('duplicate', {
        entity: 'invoice',
        keys: [['link']],
        impact: ['billing'],
        cause: 'posted twice',
        urgency: { customer_facing: true },
      }),
      findings: [aFinding({ customerFacing: true })],
    },
    action: 'stabilization_sprint',
    severity: 'critical',
    path: ['cause known: posted twice', 'urgent: customer-facing', '→ Stabilization Sprint'],
  },
  {
    name: 'cause clear and the books close in 2 days (accounting) → Stabilization Sprint',
    input: { rule: aRule('missing', { impact: ['billing', 'accounting'], cause: 'batch not posted' }), daysToClose: 2 },
    action: 'stabilization_sprint',
    severity: 'critical',
    path: ['affects billing, accounting', 'cause known: batch not posted', 'urgent: books close in 2 days', '→ Stabilization Sprint'],
  },
  {
    name: 'cause unclear after the diagnosis window (9 days open) → Systems Audit',
    input: { rule: keyAreaRule, openedAt: daysAgo(9) },
    action: 'systems_audit',
    severity: 'high',
    path: ['occasional', 'affects billing', 'cause unclear after 9 days', '→ Systems Audit'],
  },
  {
    name: 'cause unclear after two reopenings → Systems Audit',
    input: { rule: keyAreaRule, reopenCount: 2, openedAt: daysAgo(9) },
    action: 'systems_audit',
    severity: 'high',
    path: ['recurring (reopened 2×)', 'affects billing', 'cause unclear after 9 days', '→ Systems Audit'],
  },
  {
    name: 'findings per 1,000 rising with volume over 4 weeks → modernization, strategic',
    input: {
      rule: keyAreaRule,
      weekly: weeklyStats('test-missing', [
        [1_000, 1],
        [1_500, 3],
        [2_000, 6],
        [2_600, 10],
      ]),
    },
    action: 'modernization',
    severity: 'high',
    path: ['findings per 1,000 records 1.0 → 3.8 as volume grew 1000 → 2600 over 4 weeks', '→ Plan modernization after diagnosis'],
    strategic: true,
  },
  {
    name: 'reopened after 3 fixes → modernization, strategic',
    input: { rule: ruleWithCause, reopenCount: 3 },
    action: 'modernization',
    severity: 'high',
    path: ['recurring (reopened 3×)', 'reopened after 3 fixes', '→ Plan modernization after diagnosis'],
    strategic: true,
  },
];

/** Asserts `fragments` appear in `path`, each after the one before. */
function expectInOrder(path: string[], fragments: string[]) {
  let from = 0;
  for (const fragment of fragments) {
    const at = path.findIndex((step, i) => i >= from && step.includes(fragment));
    expect(at, `"${fragment}" after step ${from} in ${JSON.stringify(path)}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

describe('the decision tree', () => {
  it.each(branches)('$name', ({ input, action, severity, path, strategic = false }) => {
    const c = classify(aClassifyInput(input));

    expect({ action: c.action, severity: c.severity, strategic: c.strategic }).toEqual({ action, severity, strategic });
    expectInOrder(c.path, path);
    expect(c.path[c.path.length - 1]).toBe(path[path.length - 1]);
  });
});

describe('the path an alert shows', () => {
  it('reads as one line: steps joined by " · ", then the action', () => {
    const c = classify(
      aClassifyInput({ rule: aRule('missing', { impact: ['billing', 'accounting'] }), reopenCount: 2, openedAt: daysAgo(9) }),
    );

    expect(pathLine(c)).toBe('recurring (reopened 2×) · affects billing, accounting · cause unclear after 9 days → Systems Audit');
  });

  it('says the reopenings, not "after 0 days", when two reopenings make the cause unclear on the day it reopened', () => {
    // The lifecycle restarts openedAt when an incident reopens, so the second reopening is always "0 days" old.
    const c = classify(aClassifyInput({ rule: keyAreaRule, reopenCount: 2, openedAt: NOW.toISOString() }));

    expect(c.action).toBe('systems_audit');
    expect(pathLine(c)).not.toContain('after 0 days');
  });
});

describe('what does not make an incident urgent', () => {
  it('leaves money at the threshold exactly as not urgent', () => {
    expect(classify(aClassifyInput({ rule: keyAreaRule, findings: [aFinding({ amountCents: 250_000 })] })).urgent).toBe(false);
  });

  it('does not count held-back findings toward the money at risk', () => {
    const c = classify(
      aClassifyInput({ rule: keyAreaRule, findings: [aFinding({ amountCents: 300_000, suppressedBy: 'QuickBooks Online' })] }),
    );

    expect(c.urgent).toBe(false);
    expect(c.severity).toBe('medium');
  });

  it('does not call a close urgent for a rule outside accounting', () => {
    expect(classify(aClassifyInput({ rule: aRule('missing', { impact: ['dispatch'], cause: 'x' }), daysToClose: 1 })).urgent).toBe(false);
  });

  it('does not call a customer-facing finding urgent when the rule does not ask for it', () => {
    expect(classify(aClassifyInput({ rule: keyAreaRule, findings: [aFinding({ customerFacing: true })] })).urgent).toBe(false);
  });

  it('does not see a capacity signal when volume fell while the rate rose', () => {
    const c = classify(
      aClassifyInput({
        rule: keyAreaRule,
        weekly: weeklyStats('test-missing', [
          [2_000, 2],
          [1_800, 3],
          [1_600, 4],
          [1_500, 6],
        ]),
      }),
    );

    expect(c.strategic).toBe(false);
  });
});

describe('the catalogue’s first-occurrence verdicts on shipped rules', () => {
  it('a stale source is critical: cause clear and urgent (count over 0)', () => {
    const c = classify(aClassifyInput({ rule: shippedRule('stale-source'), findings: [aFinding({ amountCents: 0 })] }));

    expect([c.action, c.severity]).toEqual(['stabilization_sprint', 'critical']);
  });

  it('a late invoice inside the hard limit is monitored', () => {
    const c = classify(aClassifyInput({ rule: shippedRule('late-invoice'), findings: [aFinding({ amountCents: 14_900 })] }));

    expect([c.action, c.severity]).toEqual(['monitor', 'low']);
  });

  it('a one-cent tax difference is monitored', () => {
    const c = classify(
      aClassifyInput({ rule: shippedRule('mismatch-invoice-tax'), findings: [aFinding({ amountCents: 1, minor: true })] }),
    );

    expect([c.action, c.severity]).toEqual(['monitor', 'low']);
  });
});

describe('the history backlog', () => {
  it('stays "document and monitor" however many weeks it waits for history_from', () => {
    const backlog = aFinding({ kind: 'backlog', amountCents: 0 });
    const c = classify(
      aClassifyInput({
        rule: shippedRule('history-backlog'),
        findings: [backlog],
        openedAt: daysAgo(40),
        weeksSeen: weeks,
        reopenCount: 1,
        daysToClose: 1,
      }),
    );

    expect([c.action, c.severity, c.recurring]).toEqual(['monitor', 'low', false]);
    expect(pathLine(c)).toBe(
      'occasional · low impact · cause known: These records are older than the QuickBooks sync; the sync never carried them. → Document and monitor',
    );
  });
});

const mismatchRule = aRule('mismatch', { impact: ['billing'] });
const lowImpactMismatch = aRule('mismatch', { impact: ['billing'], low_impact: true });
const causedMismatch = aRule('mismatch', { impact: ['billing'], cause: 'item AC Tune-Up is not mapped' });
const risingVolume: Array<[records: number, findings: number]> = [
  [10_000, 10],
  [12_000, 24],
  [14_000, 42],
  [16_000, 64],
];

interface Row {
  when: string;
  input: Partial<ClassifyInput>;
  action: RecommendedAction;
  severity: Severity;
  pathIncludes: string;
}

/** One condition at a time, from the default input (a billing mismatch, cause unknown, opened a day ago). */
const rows: Row[] = [
  // Occasional and low impact.
  {
    when: 'occasional and the rule is low impact',
    input: { rule: lowImpactMismatch },
    action: 'monitor',
    severity: 'low',
    pathIncludes: 'low impact',
  },
  {
    when: 'occasional and every finding is minor',
    input: { findings: someFindings(2, { minor: true }) },
    action: 'monitor',
    severity: 'low',
    pathIncludes: 'low impact (minor differences)',
  },
  {
    when: 'seen in only one of the last 6 weeks, older weeks not counting',
    input: { rule: lowImpactMismatch, weeksSeen: ['2025-W40', '2025-W41', weeks[5]!] },
    action: 'monitor',
    severity: 'low',
    pathIncludes: 'occasional',
  },
  // Recurring but low impact.
  {
    when: 'reopened once though low impact',
    input: { rule: lowImpactMismatch, reopenCount: 1 },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'recurring (reopened 1×)',
  },
  {
    when: 'seen in 3 of the last 6 weeks though low impact',
    input: { rule: lowImpactMismatch, weeksSeen: [weeks[1]!, weeks[3]!, weeks[5]!] },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'recurring (3 of last 6 weeks)',
  },
  // Key area, cause unknown.
  {
    when: 'it affects a key area and the cause is unknown',
    input: {},
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'affects billing · cause not yet known',
  },
  {
    when: 'a customer-facing finding on a rule without customer-facing urgency',
    input: { findings: [aFinding({ customerFacing: true })] },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'cause not yet known',
  },
  {
    when: 'findings point at different root causes',
    input: { findings: [aFinding({ key: 'a', rootCauseKey: 'item:AC Tune-Up' }), aFinding({ key: 'b', rootCauseKey: 'location:Austin' })] },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'cause not yet known',
  },
  // Urgent, cause unknown.
  {
    when: 'money at risk is over the threshold',
    input: { findings: [aFinding({ amountCents: 250_001 })] },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: $2,500.01 at risk',
  },
  {
    when: 'money at risk is over the rule’s own threshold',
    input: {
      rule: aRule('mismatch', { impact: ['billing'], urgency: { amount_over: 100 } }),
      findings: [aFinding({ amountCents: 10_001 })],
    },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: $100.01 at risk',
  },
  {
    when: 'a finding is customer-facing and the rule says that is urgent',
    input: {
      rule: aRule('mismatch', { impact: ['billing'], urgency: { customer_facing: true } }),
      findings: [aFinding({ customerFacing: true })],
    },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: customer-facing',
  },
  {
    when: 'more findings than the rule’s count_over',
    input: { rule: aRule('mismatch', { impact: ['billing'], urgency: { count_over: 2 } }), findings: someFindings(3) },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: 3 records affected',
  },
  {
    when: 'an accounting rule with money at risk and the books close within the default days',
    input: { rule: aRule('mismatch', { impact: ['accounting'] }), daysToClose: 2 },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: books close in 2 days',
  },
  {
    when: 'the books close within the rule’s close_within_days',
    input: { rule: aRule('mismatch', { impact: ['billing'], urgency: { close_within_days: 5 } }), daysToClose: 5 },
    action: 'diagnostic_review',
    severity: 'high',
    pathIncludes: 'urgent: books close in 5 days',
  },
  {
    when: 'an accounting rule but the close is further off than the default days',
    input: { rule: aRule('mismatch', { impact: ['accounting'] }), daysToClose: 4 },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'affects accounting · cause not yet known',
  },
  // Cause clear, not urgent.
  {
    when: 'the rule declares the cause',
    input: { rule: causedMismatch },
    action: 'fix_normal_course',
    severity: 'medium',
    pathIncludes: 'cause known: item AC Tune-Up is not mapped',
  },
  {
    when: 'an operator marked the root cause',
    input: { rootCause: { text: 'tech app offline in Austin', by: 'operator', actor: 'dana', at: NOW.toISOString() } },
    action: 'fix_normal_course',
    severity: 'medium',
    pathIncludes: 'cause known: tech app offline in Austin',
  },
  {
    when: 'every finding shares one root-cause key',
    input: { findings: someFindings(3, { rootCauseKey: 'item:AC Tune-Up' }) },
    action: 'fix_normal_course',
    severity: 'medium',
    pathIncludes: 'cause known: item:AC Tune-Up',
  },
  // Cause clear and urgent.
  {
    when: 'the cause is known and money at risk is over the threshold',
    input: { rule: causedMismatch, findings: [aFinding({ amountCents: 300_000 })] },
    action: 'stabilization_sprint',
    severity: 'critical',
    pathIncludes: 'cause known: item AC Tune-Up is not mapped · urgent: $3,000.00 at risk',
  },
  // Cause unclear after the diagnosis window.
  {
    when: 'open 9 days with no cause',
    input: { openedAt: daysAgo(9) },
    action: 'systems_audit',
    severity: 'high',
    pathIncludes: 'cause unclear after 9 days',
  },
  {
    when: 'open exactly the 7-day window with no cause',
    input: { openedAt: daysAgo(7) },
    action: 'systems_audit',
    severity: 'high',
    pathIncludes: 'cause unclear after 7 days',
  },
  {
    when: 'reopened twice with no cause',
    input: { reopenCount: 2, openedAt: daysAgo(2) },
    action: 'systems_audit',
    severity: 'high',
    pathIncludes: 'cause unclear after 2 reopenings',
  },
  // Capacity.
  {
    when: 'findings per 1,000 rise with volume over 4 weeks',
    input: { weekly: weeklyStats(mismatchRule.id, risingVolume) },
    action: 'modernization',
    severity: 'high',
    pathIncludes: 'findings per 1,000 records 1.0 → 4.0 as volume grew 10000 → 16000 over 4 weeks',
  },
  {
    when: 'reopened after 3 fixes',
    input: { reopenCount: 3 },
    action: 'modernization',
    severity: 'high',
    pathIncludes: 'reopened after 3 fixes',
  },
  {
    when: 'the rate rises but volume does not',
    input: {
      weekly: weeklyStats(mismatchRule.id, [
        [10_000, 10],
        [10_000, 20],
        [10_000, 30],
        [10_000, 40],
      ]),
    },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'cause not yet known',
  },
  {
    when: 'the rate rises with volume for only 3 weeks',
    input: { weekly: weeklyStats(mismatchRule.id, risingVolume.slice(1)) },
    action: 'diagnostic_review',
    severity: 'medium',
    pathIncludes: 'cause not yet known',
  },
];

describe('the decision tree, one condition at a time', () => {
  it.each(rows)('recommends $action ($severity) when $when', ({ input, action, severity, pathIncludes }) => {
    const c = classify(aClassifyInput(input));

    expect({ action: c.action, severity: c.severity }).toEqual({ action, severity });
    expect(c.path.join(' · ')).toContain(pathIncludes);
    expect(c.path.at(-1)).toBe(`→ ${ACTION_LABELS[action]}`);
    expect(c.strategic).toBe(action === 'modernization');
  });

  it('does not count suppressed findings toward money at risk, while a live one beside them still counts', () => {
    const held = aFinding({ key: 'held', amountCents: 900_000, suppressedBy: 'quickbooks is stale' });

    const c = classify(aClassifyInput({ findings: [held, aFinding({ key: 'live', amountCents: 500 })] }));

    expect(c.urgent).toBe(false);
    expect(c.severity).toBe('medium');
  });

  it('counts the same finding toward money at risk when it is not suppressed', () => {
    const c = classify(
      aClassifyInput({ findings: [aFinding({ key: 'held', amountCents: 900_000 }), aFinding({ key: 'live', amountCents: 500 })] }),
    );

    expect(c.urgent).toBe(true);
    expect(c.path).toContain('urgent: $9,005.00 at risk');
  });

  it('gives the same verdict and path for the same inputs', () => {
    const input = aClassifyInput({ openedAt: daysAgo(9), reopenCount: 1 });

    expect(classify(input)).toEqual(classify(input));
  });
});
