import { ACTION_LABELS } from '../classify/classification';
import { pathLine } from '../classify/classify';
import type { Finding } from '../domain/finding';
import { contentHash } from '../domain/hash';
import { localTime } from '../domain/time';
import { activeFindings, type Incident } from '../incidents/model';
import type { Rule } from '../rules/schema';
import { brokenHopLabel } from '../trace/trace';
import type { AlertView, FindingLine } from './alert-view';

export const TOP_FINDINGS = 5;

/** Thread replies list at most this many findings; the rest are counted (and the full list is shared). */
export const MAX_THREAD_LINES = 20;

/** Whether an incident has more records than a thread message lists: its full list is then shared. */
export function listsAll(findingCount: number): boolean {
  return findingCount > MAX_THREAD_LINES;
}

export function findingLine(f: Finding): FindingLine {
  const hop = brokenHopLabel(f.trace);
  return {
    key: f.key,
    summary: f.summary,
    amountCents: f.amountCents,
    ...(hop ? { brokenHop: hop } : {}),
    ...(f.suppressedBy ? { suppressed: true } : {}),
  };
}

/** Biggest money first, then oldest: what a person should look at first. */
export function byImportance(a: Finding, b: Finding): number {
  return b.amountCents - a.amountCents || (a.since ?? '').localeCompare(b.since ?? '') || a.key.localeCompare(b.key);
}

/** `zone` is the company's time zone: times in the view are also given as the company reads them. */
export function buildView(incident: Incident, rule: Rule | undefined, zone = 'UTC', now?: Date): AlertView {
  const active = activeFindings(incident).map((f) => f.finding);
  const live = active.filter((f) => !f.suppressedBy);
  const shown = (live.length > 0 ? live : active).slice().sort(byImportance);
  const oldest = active
    .map((f) => f.since)
    .filter((s): s is string => !!s)
    .sort()[0];
  const locations = [...new Set(active.map((f) => f.location).filter((l): l is string => !!l))].sort();
  const c = incident.classification;
  return {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    ruleId: incident.ruleId,
    status: incident.status,
    severity: c.severity,
    action: c.action,
    actionLabel: ACTION_LABELS[c.action],
    pathLine: pathLine(c),
    strategic: c.strategic,
    ...(rule?.fix ? { fix: rule.fix } : {}),
    ...(incident.rootCause?.text || rule?.cause ? { cause: incident.rootCause?.text ?? rule?.cause } : {}),
    findingCount: active.length,
    suppressedCount: active.length - live.length,
    amountAtRiskCents: live.reduce((n, f) => n + f.amountCents, 0),
    ...(oldest ? { oldestSince: oldest } : {}),
    locations,
    impact: [...c.impact],
    topFindings: shown.slice(0, TOP_FINDINGS).map(findingLine),
    ...(incident.acknowledgedBy ? { acknowledgedBy: incident.acknowledgedBy } : {}),
    ...(incident.snoozedUntil
      ? { snoozedUntil: incident.snoozedUntil, snoozedUntilText: localTime(incident.snoozedUntil, zone, now) }
      : {}),
    openedAt: incident.openedAt,
    ...(incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {}),
  };
}

export function viewHash(view: AlertView): string {
  return contentHash(view);
}
