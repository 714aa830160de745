// Scores a run against its labels: a finding matches a label by rule id and by naming one of the
// label's records (subject or related). Recall per catalogue row, precision over every alerting
// finding, false positives per legitimate situation and per rule, and the first-occurrence
// classification of each labelled incident. Pure: no I/O.
import type { Finding, RecordRef } from '../../src/domain/finding';
import type { HardNegative, Label } from './model';

export interface IncidentView {
  ruleId: string;
  groupKey: string;
  action: string;
  severity: string;
  findingKeys: string[];
}

export interface ClassificationCheck {
  label: string;
  ruleId: string;
  expected: string;
  got: string;
  ok: boolean;
}

export interface Score {
  /** Findings that open an incident: not held while an edit settles, not suppressed by a stale source. */
  alerting: number;
  held: number;
  suppressed: number;
  truePositives: number;
  precision: number;
  recall: number;
  perRow: Array<{ row: number; labels: number; found: number }>;
  missed: Label[];
  falsePositives: Array<{ ruleId: string; situation: string; summary: string }>;
  fpBySituation: Record<string, number>;
  fpByRule: Record<string, number>;
  /** Per rule: labels, labels found, false positives, F1 (duplicate-customer's target is F1 ≥ 0.95). */
  perRule: Array<{ ruleId: string; labels: number; found: number; fp: number; f1: number }>;
  classification: ClassificationCheck[];
}

export const refKey = (r: RecordRef): string => `${r.side}/${r.entity}/${r.sourceId}`;

const keysOf = (f: Finding): string[] => [refKey(f.subject), ...f.related.map(refKey)];

export function matchesLabel(f: Finding, l: Label): boolean {
  return f.ruleId === l.ruleId && keysOf(f).some((k) => l.records.includes(k));
}

function acceptedBy(f: Finding, l: Label): boolean {
  return (f.ruleId === l.ruleId || (l.also ?? []).includes(f.ruleId)) && keysOf(f).some((k) => l.records.includes(k));
}

export function score(input: {
  labels: readonly Label[];
  negatives: readonly HardNegative[];
  findings: readonly Finding[];
  incidents: readonly IncidentView[];
}): Score {
  const alerting = input.findings.filter((f) => !f.holdOnly && !f.suppressedBy);
  const found = new Map<Label, Finding[]>();
  for (const l of input.labels)
    found.set(
      l,
      alerting.filter((f) => matchesLabel(f, l)),
    );
  const falsePositives: Score['falsePositives'] = [];
  let truePositives = 0;
  for (const f of alerting) {
    if (input.labels.some((l) => acceptedBy(f, l))) {
      truePositives++;
      continue;
    }
    const keys = keysOf(f);
    const negative = input.negatives.find((n) => keys.some((k) => n.records.includes(k)));
    const label = negative ? undefined : input.labels.find((l) => keys.some((k) => l.records.includes(k)));
    const situation = negative?.situation ?? (label ? `wrong rule on label ${label.id} (expected ${label.ruleId})` : '(not labelled)');
    falsePositives.push({ ruleId: f.ruleId, situation, summary: f.summary });
  }
  const rows = [...new Set(input.labels.map((l) => l.row))].sort((a, b) => a - b);
  const perRow = rows.map((row) => {
    const ls = input.labels.filter((l) => l.row === row);
    return { row, labels: ls.length, found: ls.filter((l) => found.get(l)!.length > 0).length };
  });
  const missed = input.labels.filter((l) => found.get(l)!.length === 0);
  const count = (pick: (fp: Score['falsePositives'][number]) => string) =>
    falsePositives.reduce<Record<string, number>>((acc, fp) => ({ ...acc, [pick(fp)]: (acc[pick(fp)] ?? 0) + 1 }), {});
  return {
    alerting: alerting.length,
    held: input.findings.filter((f) => f.holdOnly).length,
    suppressed: input.findings.filter((f) => f.suppressedBy).length,
    truePositives,
    precision: alerting.length === 0 ? 1 : truePositives / alerting.length,
    recall: input.labels.length === 0 ? 1 : (input.labels.length - missed.length) / input.labels.length,
    perRow,
    missed,
    falsePositives,
    fpBySituation: count((fp) => fp.situation),
    fpByRule: count((fp) => fp.ruleId),
    perRule: perRule(input.labels, missed, falsePositives),
    classification: classify(input.labels, found, input.incidents),
  };
}

function perRule(labels: readonly Label[], missed: readonly Label[], fps: Score['falsePositives']): Score['perRule'] {
  const ids = [...new Set([...labels.map((l) => l.ruleId), ...fps.map((f) => f.ruleId)])].sort();
  return ids.map((ruleId) => {
    const n = labels.filter((l) => l.ruleId === ruleId).length;
    const found = n - missed.filter((l) => l.ruleId === ruleId).length;
    const fp = fps.filter((f) => f.ruleId === ruleId).length;
    // Pairs found vs pairs wrongly raised: F1 over labels (each label is one pair or one record).
    const f1 = found === 0 ? 0 : (2 * found) / (2 * found + (n - found) + fp);
    return { ruleId, labels: n, found, fp, f1 };
  });
}

function classify(labels: readonly Label[], found: Map<Label, Finding[]>, incidents: readonly IncidentView[]): ClassificationCheck[] {
  const out: ClassificationCheck[] = [];
  for (const l of labels) {
    if (!l.action && !l.severity) continue;
    const expected = `${l.action?.join('|') ?? '*'} / ${l.severity ?? '*'}`;
    const finding = found.get(l)![0];
    const incident = finding && incidents.find((i) => i.findingKeys.includes(finding.key));
    if (!incident) {
      out.push({ label: l.id, ruleId: l.ruleId, expected, got: 'no incident', ok: false });
      continue;
    }
    const ok = (!l.action || l.action.includes(incident.action)) && (!l.severity || l.severity === incident.severity);
    out.push({ label: l.id, ruleId: l.ruleId, expected, got: `${incident.action} / ${incident.severity}`, ok });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A table a person reads in the test output. */
export function formatScore(name: string, s: Score): string {
  const lines = [
    `── ${name}`,
    `   alerting findings ${s.alerting} (held while settling ${s.held}, suppressed ${s.suppressed}) · recall ${pct(s.recall)} · precision ${pct(s.precision)}`,
  ];
  lines.push(`   row  labels found  recall`);
  for (const r of s.perRow)
    lines.push(
      `   ${String(r.row || '—').padStart(3)}  ${String(r.labels).padStart(6)} ${String(r.found).padStart(5)}  ${pct(r.found / r.labels).padStart(6)}`,
    );
  for (const m of s.missed) lines.push(`   MISSED row ${m.row || '—'} ${m.ruleId}: ${m.note}`);
  const table = (title: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
    if (entries.length > 0) lines.push(`   ${title}: ${entries.map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  };
  lines.push(
    `   per rule: ${s.perRule.map((r) => `${r.ruleId} ${r.found}/${r.labels}${r.fp ? ` +${r.fp} FP` : ''}${r.labels ? ` F1 ${r.f1.toFixed(2)}` : ''}`).join(' · ')}`,
  );
  table('false positives per situation', s.fpBySituation);
  table('false positives per rule', s.fpByRule);
  for (const c of s.classification.filter((x) => !x.ok))
    lines.push(`   CLASSIFIED ${c.label} (${c.ruleId}): expected ${c.expected}, got ${c.got}`);
  return lines.join('\n');
}
