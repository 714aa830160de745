// The judge itself can fail: a missing finding lowers recall, an extra one lowers precision and is
// charged to the legitimate situation whose records it names.
import { describe, expect, it } from 'vitest';
import { aFinding } from '../builders/findings';
import type { Finding } from '../../src/domain/finding';
import type { HardNegative, Label } from './model';
import { formatScore, score, type IncidentView } from './score';

const invoiceRef = (sourceId: string, side: 'upstream' | 'quickbooks' = 'upstream') => ({
  side,
  source: side === 'upstream' ? 'fieldpro' : 'quickbooks',
  entity: 'invoice' as const,
  sourceId,
  label: `Invoice ${sourceId}`,
});
const findingOn = (ruleId: string, sourceId: string, extra: Partial<Finding> = {}) =>
  aFinding({ ruleId, key: `${ruleId}|${sourceId}`, subject: invoiceRef(sourceId), ...extra });

const labels: Label[] = [
  { id: 'late', row: 10, ruleId: 'late-invoice', records: ['upstream/invoice/FP-1'], action: ['monitor'], severity: 'low', note: 'late' },
  {
    id: 'zero',
    row: 13,
    ruleId: 'incomplete-invoice-zero',
    records: ['quickbooks/invoice/77'],
    also: ['mismatch-invoice-amount'],
    note: 'blank',
  },
];
const negatives: HardNegative[] = [{ situation: 'void-on-both-sides', records: ['upstream/invoice/FP-9'], note: 'void' }];
const incidentsFor = (findings: Finding[], action = 'monitor', severity = 'low'): IncidentView[] =>
  findings.map((f) => ({ ruleId: f.ruleId, groupKey: 'all', action, severity, findingKeys: [f.key] }));

describe('the labelled-suite scorer', () => {
  const late = findingOn('late-invoice', 'FP-1');
  const zero = findingOn('incomplete-invoice-zero', 'Q', { related: [invoiceRef('77', 'quickbooks')] });

  it('gives full recall and precision when every label is found and nothing else is', () => {
    const s = score({ labels, negatives, findings: [late, zero], incidents: incidentsFor([late, zero]) });
    expect([s.recall, s.precision, s.falsePositives]).toEqual([1, 1, []]);
  });

  it('lowers recall and names the label when a labelled finding is missing', () => {
    const s = score({ labels, negatives, findings: [zero], incidents: incidentsFor([zero]) });
    expect(s.recall).toBe(0.5);
    expect(s.missed.map((l) => l.id)).toEqual(['late']);
    expect(s.perRow).toContainEqual({ row: 10, labels: 1, found: 0 });
  });

  it('does not count a finding of the right record but the wrong rule as finding the label', () => {
    const s = score({ labels, negatives, findings: [findingOn('missing-invoice', 'FP-1'), zero], incidents: [] });
    expect(s.missed.map((l) => l.id)).toEqual(['late']);
    expect(s.falsePositives[0]!.situation).toBe('wrong rule on label late (expected late-invoice)');
  });

  it('lowers precision and charges the situation when a finding names a hard negative', () => {
    const extra = findingOn('mismatch-invoice-amount', 'FP-9');
    const s = score({ labels, negatives, findings: [late, zero, extra], incidents: incidentsFor([late, zero]) });
    expect(s.precision).toBeCloseTo(2 / 3);
    expect([s.fpBySituation, s.fpByRule]).toEqual([{ 'void-on-both-sides': 1 }, { 'mismatch-invoice-amount': 1 }]);
  });

  it('accepts a second rule a label allows on its records without counting it for recall', () => {
    const alsoFinding = findingOn('mismatch-invoice-amount', 'X', { related: [invoiceRef('77', 'quickbooks')] });
    const s = score({ labels, negatives, findings: [late, alsoFinding], incidents: incidentsFor([late]) });
    expect([s.precision, s.missed.map((l) => l.id)]).toEqual([1, ['zero']]);
  });

  it('leaves findings held while an edit settles, or suppressed by a stale source, out of precision', () => {
    const held = findingOn('mismatch-invoice-amount', 'FP-9', { holdOnly: true });
    const suppressed = findingOn('late-invoice', 'FP-5', { suppressedBy: 'FieldPro export' });
    const s = score({ labels, negatives, findings: [late, zero, held, suppressed], incidents: incidentsFor([late, zero]) });
    expect([s.alerting, s.held, s.suppressed, s.precision]).toEqual([2, 1, 1, 1]);
  });

  it('fails the classification check when the incident lands elsewhere than labelled', () => {
    const s = score({ labels, negatives, findings: [late, zero], incidents: incidentsFor([late, zero], 'diagnostic_review', 'medium') });
    expect(s.classification).toEqual([
      { label: 'late', ruleId: 'late-invoice', expected: 'monitor / low', got: 'diagnostic_review / medium', ok: false },
    ]);
    expect(formatScore('t', s)).toContain('CLASSIFIED late (late-invoice): expected monitor / low, got diagnostic_review / medium');
  });
});
