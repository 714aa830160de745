// Incidents, classifier inputs and lifecycle inputs with plain defaults.
import type { Classification } from '../../src/classify/classification';
import type { ClassifierSettings, ClassifyInput } from '../../src/classify/classify';
import type { Finding } from '../../src/domain/finding';
import { isoWeek } from '../../src/domain/time';
import type { Incident, IncidentChange, IncidentEvent, IncidentFinding } from '../../src/incidents/model';
import { incidentId, type LifecycleInput } from '../../src/incidents/update-incidents';
import type { WeeklyRuleStat } from '../../src/ports/store';
import { DAY, daysAgo, NOW } from './clock';
import { aFinding } from './findings';
import { aRule } from './rules';

export const COMPANY = 'acme-hvac';
export const ZONE = 'America/Chicago';

/** The shipped classifier defaults (config/schema.ts). */
export function classifierSettings(overrides: Partial<ClassifierSettings> = {}): ClassifierSettings {
  return { diagnosisWindowMs: 7 * DAY, amountOverCents: 250_000, closeWithinDays: 3, capacityWeeks: 4, capacityReopens: 3, ...overrides };
}

/** The six ISO weeks up to `now`, oldest first, as the lifecycle passes them. */
export function recentWeeks(now: Date = NOW): string[] {
  return [5, 4, 3, 2, 1, 0].map((i) => isoWeek(new Date(now.getTime() - i * 7 * DAY), ZONE));
}

export function aClassifyInput(overrides: Partial<ClassifyInput> = {}): ClassifyInput {
  const now = overrides.now ?? NOW;
  return {
    rule: aRule('mismatch', { impact: ['billing'] }),
    findings: [aFinding()],
    openedAt: daysAgo(1, now),
    reopenCount: 0,
    weeksSeen: [isoWeek(now, ZONE)],
    recentWeeks: recentWeeks(now),
    rootCause: null,
    daysToClose: 20,
    weekly: [],
    now,
    settings: classifierSettings(),
    ...overrides,
  };
}

/** Weekly stats of one rule: each entry is [records, findings], oldest week first, ending this week. */
export function weeklyStats(ruleId: string, weeks: Array<[records: number, findings: number]>, now: Date = NOW): WeeklyRuleStat[] {
  return weeks.map(([records, findings], i) => ({
    companyId: COMPANY,
    ruleId,
    week: isoWeek(new Date(now.getTime() - (weeks.length - 1 - i) * 7 * DAY), ZONE),
    records,
    findings,
  }));
}

export function aClassification(overrides: Partial<Classification> = {}): Classification {
  return {
    severity: 'medium',
    action: 'diagnostic_review',
    path: ['occasional', 'affects billing', 'cause not yet known', '→ Run a diagnostic review'],
    impact: ['billing'],
    keyArea: true,
    recurring: false,
    causeClear: false,
    urgent: false,
    strategic: false,
    ...overrides,
  };
}

export function anIncidentFinding(finding: Finding, overrides: Partial<IncidentFinding> = {}): IncidentFinding {
  return { key: finding.key, finding, firstSeenAt: daysAgo(1), lastSeenAt: daysAgo(1), resolvedAt: null, ...overrides };
}

type IncidentOverrides = Omit<Partial<Incident>, 'findings' | 'classification'> & {
  /** Active findings of the incident. */
  findings?: Finding[];
  classification?: Partial<Classification>;
};

/** An open, medium incident of missing-invoice with one active finding, opened a day ago. */
export function anIncident(overrides: IncidentOverrides = {}): Incident {
  const { findings = [aFinding()], classification, ...rest } = overrides;
  const ruleId = rest.ruleId ?? 'missing-invoice';
  const groupKey = rest.groupKey ?? 'all';
  return {
    id: incidentId(COMPANY, ruleId, groupKey),
    number: 7,
    companyId: COMPANY,
    ruleId,
    groupKey,
    title: 'Invoice missing from QuickBooks',
    status: 'open',
    openedAt: daysAgo(1),
    changedAt: daysAgo(1),
    resolvedAt: null,
    snoozedUntil: null,
    acknowledgedBy: null,
    cleanPolls: 0,
    reopenCount: 0,
    weeksSeen: [isoWeek(NOW, ZONE)],
    rootCause: null,
    ...rest,
    classification: aClassification(classification),
    findings: findings.map((f) => anIncidentFinding(f)),
  };
}

export function anEvent(incident: Incident, type: IncidentEvent['type'], overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  return { incidentId: incident.id, companyId: incident.companyId, at: NOW.toISOString(), type, actor: 'sentinel', data: {}, ...overrides };
}

/** What a poll did to an incident: `after` with its events, added and resolved findings. */
export function aChange(after: Incident, overrides: Partial<IncidentChange> = {}): IncidentChange {
  return { before: null, after, events: [], added: [], resolved: [], ...overrides };
}

export function aLifecycleInput(overrides: Partial<LifecycleInput> = {}): LifecycleInput {
  return {
    companyId: COMPANY,
    now: NOW,
    timeZone: ZONE,
    rules: [],
    evaluatedRuleIds: new Set(),
    incidents: [],
    findings: [],
    nextNumber: 1,
    resolveAfterCleanPolls: 2,
    settings: classifierSettings(),
    daysToClose: 20,
    weekly: [],
    ...overrides,
  };
}
