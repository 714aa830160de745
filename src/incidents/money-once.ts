// Company money at risk counts each record once. One invoice can sit in two incidents (a total
// mismatch and a balance mismatch, a class incident and a late one); adding both would overstate
// what is at stake, so company totals keep, per subject record, only its largest finding.
import type { RecordRef } from '../domain/finding';
import { activeFindings, type Incident, type IncidentFinding } from './model';

/** The record a finding is about, on its side and source: the unit money at risk is counted in. */
export function recordKey(ref: Pick<RecordRef, 'side' | 'source' | 'sourceId'>): string {
  return `${ref.side}|${ref.source}|${ref.sourceId}`;
}

/** Live findings (active, not suppressed, not resolved incidents) — one per subject record, the largest amount wins. */
export function liveFindingsOncePerRecord(incidents: readonly Incident[]): IncidentFinding[] {
  const byRecord = new Map<string, IncidentFinding>();
  for (const incident of incidents) {
    if (incident.status === 'resolved') continue;
    for (const f of activeFindings(incident)) {
      if (f.finding.suppressedBy) continue;
      const key = recordKey(f.finding.subject);
      const kept = byRecord.get(key);
      if (!kept || f.finding.amountCents > kept.finding.amountCents) byRecord.set(key, f);
    }
  }
  return [...byRecord.values()];
}

/** The company's money at risk: each record counted once, at its largest amount. */
export function moneyAtRiskOnce(incidents: readonly Incident[]): number {
  return liveFindingsOncePerRecord(incidents).reduce((n, f) => n + f.finding.amountCents, 0);
}
