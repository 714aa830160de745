// Small builders for the unit tests: each gives a valid default and takes only what a test cares about.
import type { Classification } from '../../src/classify/classification';
import type { ClassifierSettings, ClassifyInput } from '../../src/classify/classify';
import type { RouteConfig } from '../../src/config/schema';
import type { Finding } from '../../src/domain/finding';
import { DAY } from '../../src/domain/time';
import type { Incident, IncidentChange, IncidentFinding } from '../../src/incidents/model';
import type { LifecycleInput } from '../../src/incidents/update-incidents';
import type { NotifyState, OutboxItem } from '../../src/notify/outbox';
import type { PlanInput } from '../../src/notify/plan';
import type { WeeklyRuleStat } from '../../src/ports/store';
import { ruleSchema, type Rule } from '../../src/rules/schema';

export const COMPANY = 'acme-hvac';
export const RULE_ID = 'invoice-total';
/** A Tuesday, mid-month: far from a month-end close. */
export const T0 = new Date('2026-03-10T12:00:00.000Z');

export const minutesAfter = (start: Date, minutes: number): Date => new Date(start.getTime() + minutes * 60_000);
export const daysBefore = (end: Date, days: number): Date => new Date(end.getTime() - days * DAY);

export function aFinding(overrides: Partial<Finding> = {}): Finding {
  const key = overrides.key ?? 'invoice:1043';
  return {
    ruleId: RULE_ID,
    kind: 'mismatch',
    entity: 'invoice',
    key,
    groupKey: 'all',
    subject: { side: 'quickbooks', source: 'quickbooks', entity: 'invoice', sourceId: key, label: `Invoice ${key}` },
    related: [],
    summary: `Invoice ${key} total differs`,
    evidence: [],
    trace: [],
    amountCents: 500,
    likelySide: 'sync',
    ...overrides,
  };
}

/** `count` findings with distinct keys (invoice:1 … invoice:n), otherwise alike. */
export function findings(count: number, overrides: Partial<Finding> = {}): Finding[] {
  return Array.from({ length: count }, (_, i) => aFinding({ ...overrides, key: `invoice:${i + 1}` }));
}

const KIND_DEFAULTS: Partial<Record<Rule['kind'], Record<string, unknown>>> = {
  mismatch: { entity: 'invoice', fields: [{ field: 'total' }] },
  late: { entity: 'invoice', grace: '24h' },
  missing: { entity: 'invoice', limit: '3d' },
  incomplete: { entity: 'invoice', side: 'quickbooks', required: ['class'] },
};

/** A rule as the rules file would give it, defaults applied by the schema. */
export function aRule(kind: Rule['kind'] = 'mismatch', overrides: Record<string, unknown> = {}): Rule {
  return ruleSchema.parse({ id: RULE_ID, title: 'Invoice totals differ', impact: ['billing'], kind, ...KIND_DEFAULTS[kind], ...overrides });
}

export function aClassifierSettings(overrides: Partial<ClassifierSettings> = {}): ClassifierSettings {
  return { diagnosisWindowMs: 7 * DAY, amountOverCents: 250_000, closeWithinDays: 3, capacityWeeks: 4, capacityReopens: 3, ...overrides };
}

export const RECENT_WEEKS = ['2026-W06', '2026-W07', '2026-W08', '2026-W09', '2026-W10', '2026-W11'];

export function aClassifyInput(overrides: Partial<ClassifyInput> = {}): ClassifyInput {
  return {
    rule: aRule(),
    findings: [aFinding()],
    openedAt: daysBefore(T0, 1).toISOString(),
    reopenCount: 0,
    weeksSeen: ['2026-W11'],
    recentWeeks: RECENT_WEEKS,
    rootCause: null,
    daysToClose: 20,
    weekly: [],
    now: T0,
    settings: aClassifierSettings(),
    ...overrides,
  };
}

export function aWeek(week: string, findingCount: number, records: number): WeeklyRuleStat {
  return { companyId: COMPANY, week, ruleId: RULE_ID, findings: findingCount, records };
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

export function anIncidentFinding(finding: Finding, at: Date = T0): IncidentFinding {
  return { key: finding.key, finding, firstSeenAt: at.toISOString(), lastSeenAt: at.toISOString(), resolvedAt: null };
}

/** An incident; `active` is a shorthand for its active findings. */
export function anIncident(overrides: Partial<Incident> & { active?: Finding[] } = {}): Incident {
  const { active = [aFinding()], ...rest } = overrides;
  return {
    id: 'inc_0001',
    number: 1,
    companyId: COMPANY,
    ruleId: RULE_ID,
    groupKey: 'all',
    title: 'Invoice totals differ',
    status: 'open',
    openedAt: T0.toISOString(),
    changedAt: T0.toISOString(),
    resolvedAt: null,
    snoozedUntil: null,
    acknowledgedBy: null,
    cleanPolls: 0,
    reopenCount: 0,
    weeksSeen: ['2026-W11'],
    rootCause: null,
    classification: aClassification(),
    findings: active.map((f) => anIncidentFinding(f)),
    ...rest,
  };
}

export function aChange(after: Incident, overrides: Partial<IncidentChange> = {}): IncidentChange {
  return { before: null, after, events: [], added: [], resolved: [], ...overrides };
}

export function aPoll(overrides: Partial<LifecycleInput> = {}): LifecycleInput {
  const rule = aRule();
  return {
    companyId: COMPANY,
    now: T0,
    timeZone: 'UTC',
    rules: [rule],
    evaluatedRuleIds: new Set([rule.id]),
    incidents: [],
    findings: [],
    nextNumber: 1,
    resolveAfterCleanPolls: 2,
    settings: aClassifierSettings(),
    daysToClose: 20,
    weekly: [],
    ...overrides,
  };
}

export function aRoute(channels: string[], match: RouteConfig['match'] = {}, continueMatching = false): RouteConfig {
  return { match, channels, continue: continueMatching };
}

export function aPlanInput(overrides: Partial<PlanInput> = {}): PlanInput {
  const rule = aRule();
  return {
    now: T0,
    changes: [],
    incidents: [],
    state: [],
    rules: new Map([[rule.id, rule]]),
    routes: [],
    channels: ['ops'],
    notifyLow: false,
    repeatIntervalMs: DAY,
    ...overrides,
  };
}

export function aNotifyState(overrides: Partial<NotifyState> = {}): NotifyState {
  return {
    companyId: COMPANY,
    incidentId: 'inc_0001',
    channel: 'ops',
    parentPlanned: true,
    viewHash: null,
    severity: 'medium',
    status: 'open',
    lastPlannedAt: T0.toISOString(),
    lastThreadAt: T0.toISOString(),
    ...overrides,
  };
}

let nextOutboxId = 1;

/** A queued outbox item; ids rise in creation order, as the store's would. */
export function anOutboxItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  const incidentId = overrides.incidentId ?? 'inc_a';
  return {
    id: nextOutboxId++,
    companyId: COMPANY,
    incidentId,
    channel: 'ops',
    op: 'reply',
    body: {
      kind: 'thread',
      update: { incidentId, number: 1, purpose: 'new_findings', headline: 'update', lines: [], moreCount: 0, severity: 'medium' },
    },
    createdAt: T0.toISOString(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0.toISOString(),
    lastError: null,
    ...overrides,
  };
}
