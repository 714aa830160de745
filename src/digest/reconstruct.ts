// The trend before the first digest. A first install has no stored weeks, but the records the sources
// hold carry their own dates (issued, paid, completed): each still-open problem is placed in the weeks
// since its record went wrong. Problems already fixed before the install left no trace, so these weeks
// are a floor, and the chart marks them as reconstructed.
import type { Severity } from '../config/schema';
import { DAY, isoWeek } from '../domain/time';
import type { Incident } from '../incidents/model';
import { liveFindingsOncePerRecord } from '../incidents/money-once';
import type { ReconstructedWeek } from './snapshot';

/** The `weeks` - 1 weeks before the one of `now`, oldest first, as the open records say they were. */
export function reconstructWeeks(incidents: readonly Incident[], now: Date, zone: string, weeks: number): ReconstructedWeek[] {
  const open = incidents.filter((i) => i.status !== 'resolved');
  const live = liveFindingsOncePerRecord(open);
  const sinceOf = (since: string | undefined, fallback: string) => {
    const ms = Date.parse(since ?? fallback);
    return Number.isNaN(ms) ? Date.parse(fallback) : ms;
  };
  const out: ReconstructedWeek[] = [];
  for (let i = weeks - 1; i >= 1; i--) {
    const end = now.getTime() - i * 7 * DAY;
    const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const incident of open) {
      const wrongBy = incident.findings.some((f) => f.resolvedAt === null && sinceOf(f.finding.since, f.firstSeenAt) <= end);
      if (wrongBy) bySeverity[incident.classification.severity]++;
    }
    const moneyAtRiskCents = live
      .filter((f) => sinceOf(f.finding.since, f.firstSeenAt) <= end)
      .reduce((n, f) => n + f.finding.amountCents, 0);
    out.push({ week: isoWeek(new Date(end), zone), bySeverity, moneyAtRiskCents });
  }
  return out;
}
