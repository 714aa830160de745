// The findings a correct checker must raise on the demo, recorded where each failure is injected
// and resolved to ids once ids exist.
import type { FindingSide, Gen, PendingFinding, World } from './model';

export interface ExpectedFinding {
  /** Catalogue row (CATALOGUE.md, 1–15); 0 for the malformed export row, which is no catalogue row. */
  row: number;
  /** The shipped rule that must fire (rules/default.yaml). */
  ruleId: string;
  side: FindingSide;
  source: string;
  /** The subject's id on its side (for a duplicate: the later record; for a stale source: the source id). */
  sourceId: string;
  note: string;
}

type Subject = PendingFinding['subject'];

export function expectFinding(g: Gen, row: number, ruleId: string, side: FindingSide, subject: Subject, note: string): void {
  g.w.expected.push({ row, ruleId, side, subject, note });
}

export function resolveExpected(w: World): ExpectedFinding[] {
  return w.expected.map(({ row, ruleId, side, subject, note }) => {
    if ('source' in subject && !('id' in subject)) return { row, ruleId, side, source: subject.source, sourceId: subject.source, note };
    const id = (subject as { id: string }).id;
    if (id === '') throw new Error(`demo: expected finding ${ruleId} names a record without an id`);
    // Upstream records come from FieldPro's export, except payments from the card processor's.
    const source = side === 'quickbooks' ? 'quickbooks' : 'source' in subject ? String(subject.source) : 'fieldpro';
    return { row, ruleId, side, source, sourceId: id, note };
  });
}
