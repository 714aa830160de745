// The week in incidents: how many opened and resolved, how many are still open and how many keep
// coming back, how long resolution took, and which open one is oldest.
import type { Severity } from '../config/schema';
import { activeFindings, type Incident, type IncidentEvent } from '../incidents/model';
import type { IncidentFigures } from './snapshot';
import { inDigestWindow, type DigestWindow } from './window';

export function computeIncidentFigures(
  incidents: readonly Incident[],
  events: ReadonlyMap<string, readonly IncidentEvent[]>,
  window: DigestWindow,
  now: Date,
): IncidentFigures {
  const inWindow = (e: IncidentEvent) => inDigestWindow(e.at, window);
  let opened = 0;
  const resolvedIncidents = new Set<string>();
  const durations: number[] = [];
  for (const incident of incidents) {
    const history = [...(events.get(incident.id) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
    if (history.some((e) => e.type === 'opened' && inWindow(e))) opened++;
    let startedAt: string | undefined;
    for (const e of history) {
      if (e.type === 'opened' || e.type === 'reopened') startedAt = e.at;
      if (e.type !== 'resolved' || !inWindow(e)) continue;
      resolvedIncidents.add(incident.id);
      const openFor = startedAt
        ? Date.parse(e.at) - Date.parse(startedAt)
        : typeof e.data.openFor === 'number'
          ? e.data.openFor
          : undefined;
      if (openFor !== undefined) durations.push(openFor);
    }
  }

  const unresolved = incidents.filter((i) => i.status !== 'resolved');
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const i of unresolved) bySeverity[i.classification.severity]++;
  // The oldest open problem is the one whose oldest record waits longest, not the incident opened first:
  // a first poll opens every incident at once, over records weeks old.
  const withSince = unresolved.map((i) => ({ i, since: oldestRecordSince(i) }));
  const oldest = withSince.sort((a, b) => a.since.localeCompare(b.since) || a.i.number - b.i.number)[0];
  return {
    opened,
    resolved: resolvedIncidents.size,
    open: unresolved.length,
    recurring: unresolved.filter((i) => i.classification.recurring).length,
    bySeverity,
    meanTimeToResolveMs:
      resolvedIncidents.size > 0 && durations.length > 0 ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
    everResolved: incidents.some((i) => i.status === 'resolved' || i.resolvedAt !== null),
    oldestOpen: oldest
      ? {
          number: oldest.i.number,
          title: oldest.i.title,
          openedAt: oldest.i.openedAt,
          since: oldest.since,
          ageMs: Math.max(0, now.getTime() - Date.parse(oldest.since)),
        }
      : null,
  };
}

/** When the incident's oldest active record became a problem (its opening when no record says). */
function oldestRecordSince(incident: Incident): string {
  const dates = activeFindings(incident)
    .map((f) => f.finding.since)
    .filter((s): s is string => !!s && !Number.isNaN(Date.parse(s)))
    .map((s) => new Date(s).toISOString());
  return [...dates, incident.openedAt].sort()[0]!;
}
