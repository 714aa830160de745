// The incident lifecycle, as one pure step per poll: findings join incidents by dedup key
// (rule × group); incidents open, gain and lose findings, resolve after N clean polls, and reopen
// (a recurrence). Every transition becomes an event.
import { createHash } from 'node:crypto';
import { classify, type ClassifierSettings } from '../classify/classify';
import { SEVERITY_RANK, type Classification } from '../classify/classification';
import type { Finding } from '../domain/finding';
import { isoWeek } from '../domain/time';
import type { WeeklyRuleStat } from '../ports/store';
import type { Rule } from '../rules/schema';
import { activeFindings, type Incident, type IncidentChange, type IncidentEvent, type IncidentFinding } from './model';

export interface LifecycleInput {
  companyId: string;
  now: Date;
  timeZone: string;
  rules: readonly Rule[];
  /** Rules that ran this poll: an incident of a rule that did not run is left as it is. */
  evaluatedRuleIds: ReadonlySet<string>;
  incidents: readonly Incident[];
  findings: readonly Finding[];
  nextNumber: number;
  resolveAfterCleanPolls: number;
  settings: ClassifierSettings;
  daysToClose: number;
  weekly: readonly WeeklyRuleStat[];
}

export function incidentId(companyId: string, ruleId: string, groupKey: string): string {
  return `inc_${createHash('sha1').update(`${companyId}\u0000${ruleId}\u0000${groupKey}`).digest('hex').slice(0, 16)}`;
}

export function updateIncidents(input: LifecycleInput): IncidentChange[] {
  const at = input.now.toISOString();
  const week = isoWeek(input.now, input.timeZone);
  const recentWeeks = lastWeeks(input.now, input.timeZone, 6);
  const rules = new Map(input.rules.map((r) => [r.id, r]));
  const existing = new Map(input.incidents.map((i) => [i.id, i]));
  const grouped = new Map<string, Finding[]>();
  const open = new Set(input.incidents.filter((i) => i.status !== 'resolved').flatMap((i) => activeFindings(i).map((f) => f.key)));
  for (const f of input.findings) {
    if (f.holdOnly && !open.has(f.key)) continue;
    const id = incidentId(input.companyId, f.ruleId, f.groupKey);
    grouped.set(id, [...(grouped.get(id) ?? []), f]);
  }
  let nextNumber = input.nextNumber;
  const changes: IncidentChange[] = [];
  const ids = new Set([...grouped.keys(), ...existing.keys()]);

  for (const id of ids) {
    const before = existing.get(id) ?? null;
    const findings = grouped.get(id) ?? [];
    const rule = rules.get(findings[0]?.ruleId ?? before?.ruleId ?? '');
    if (!rule) continue;
    if (findings.length === 0 && (!before || before.status === 'resolved' || !input.evaluatedRuleIds.has(rule.id))) continue;

    const events: IncidentEvent[] = [];
    const event = (type: IncidentEvent['type'], data: Record<string, unknown> = {}) =>
      events.push({ incidentId: id, companyId: input.companyId, at, type, actor: 'sentinel', data });

    const after: Incident = before
      ? { ...before, findings: activeFindings(before).map((f) => ({ ...f })) }
      : {
          id,
          number: nextNumber++,
          companyId: input.companyId,
          ruleId: rule.id,
          groupKey: findings[0]!.groupKey,
          title: titleOf(rule, findings[0]!.groupKey),
          status: 'open',
          openedAt: at,
          changedAt: at,
          resolvedAt: null,
          snoozedUntil: null,
          acknowledgedBy: null,
          cleanPolls: 0,
          reopenCount: 0,
          weeksSeen: [],
          rootCause: null,
          classification: undefined as never,
          findings: [],
        };
    if (!before) event('opened', { groupKey: after.groupKey });

    if (before?.status === 'resolved' && findings.length > 0) {
      Object.assign(after, {
        status: 'open',
        resolvedAt: null,
        acknowledgedBy: null,
        snoozedUntil: null,
        reopenCount: before.reopenCount + 1,
        openedAt: at,
      });
      event('reopened', { reopenCount: after.reopenCount });
    }
    if (after.status === 'snoozed' && after.snoozedUntil && Date.parse(after.snoozedUntil) <= input.now.getTime()) {
      Object.assign(after, { status: 'open', snoozedUntil: null });
      event('unsnoozed');
    }

    const { added, resolved, refreshed, touched } = diffFindings(after.findings, findings, at);
    after.findings = [...refreshed, ...added, ...resolved];
    if (added.length > 0) event('findings_added', { keys: added.map((f) => f.key) });
    if (resolved.length > 0) event('findings_resolved', { keys: resolved.map((f) => f.key) });

    if (findings.length > 0) {
      after.cleanPolls = 0;
      if (after.weeksSeen[after.weeksSeen.length - 1] !== week) after.weeksSeen = [...after.weeksSeen, week].slice(-12);
    } else {
      after.cleanPolls = (before?.cleanPolls ?? 0) + 1;
      if (after.cleanPolls >= input.resolveAfterCleanPolls) {
        Object.assign(after, { status: 'resolved', resolvedAt: at, snoozedUntil: null });
        event('resolved', { openFor: input.now.getTime() - Date.parse(after.openedAt) });
      }
    }

    const live = after.findings.filter((f) => f.resolvedAt === null).map((f) => f.finding);
    after.classification = classifyIncident(
      after,
      rule,
      input,
      recentWeeks,
      live.length > 0 ? live : before ? activeFindings(before).map((f) => f.finding) : [],
    );
    const was = before?.classification;
    if (was && after.status !== 'resolved' && was.severity !== after.classification.severity) {
      const up = SEVERITY_RANK[after.classification.severity] > SEVERITY_RANK[was.severity];
      event(up ? 'escalated' : 'deescalated', {
        from: was.severity,
        to: after.classification.severity,
        action: after.classification.action,
      });
    }

    const changed =
      events.length > 0 || !before || before.cleanPolls !== after.cleanPolls || touched || was?.action !== after.classification.action;
    if (!changed) continue;
    if (events.length > 0) after.changedAt = at;
    changes.push({ before, after, events, added, resolved });
  }
  return changes;
}

/** What classifying an incident needs besides the incident itself. */
export type ClassifyContext = Pick<LifecycleInput, 'now' | 'timeZone' | 'daysToClose' | 'weekly' | 'settings'>;

/**
 * The decision tree applied to an incident as it stands: by the poll after each change, and by an
 * operator command (a root cause marked by hand re-classifies at once).
 */
export function classifyIncident(
  incident: Incident,
  rule: Rule,
  ctx: ClassifyContext,
  recentWeeks = lastWeeks(ctx.now, ctx.timeZone, 6),
  findings: readonly Finding[] = activeFindings(incident).map((f) => f.finding),
): Classification {
  return classify({
    rule,
    findings,
    openedAt: incident.openedAt,
    reopenCount: incident.reopenCount,
    weeksSeen: incident.weeksSeen,
    recentWeeks,
    rootCause: incident.rootCause,
    daysToClose: ctx.daysToClose,
    weekly: ctx.weekly.filter((w) => w.ruleId === rule.id),
    now: ctx.now,
    settings: ctx.settings,
  });
}

/** New findings are added, vanished ones resolved, continuing ones refreshed when their facts changed. */
function diffFindings(active: IncidentFinding[], current: readonly Finding[], at: string) {
  const now = new Map(current.map((f) => [f.key, f]));
  const known = new Set(active.map((f) => f.key));
  const added: IncidentFinding[] = current
    .filter((f) => !known.has(f.key))
    .map((finding) => ({ key: finding.key, finding, firstSeenAt: at, lastSeenAt: at, resolvedAt: null }));
  const resolved: IncidentFinding[] = active.filter((f) => !now.has(f.key)).map((f) => ({ ...f, resolvedAt: at }));
  let touched = false;
  const refreshed = active
    .filter((f) => now.has(f.key))
    .map((f) => {
      const next = now.get(f.key)!;
      const material = next.amountCents !== f.finding.amountCents || next.suppressedBy !== f.finding.suppressedBy;
      if (!material) return f;
      touched = true;
      return { ...f, finding: next, lastSeenAt: at };
    });
  return { added, resolved, refreshed, touched };
}

function titleOf(rule: Rule, groupKey: string): string {
  return groupKey === 'all' ? rule.title : `${rule.title} · ${groupKey}`;
}

function lastWeeks(now: Date, zone: string, n: number): string[] {
  const weeks: string[] = [];
  for (let i = n - 1; i >= 0; i--) weeks.push(isoWeek(new Date(now.getTime() - i * 7 * 86_400_000), zone));
  return weeks;
}
