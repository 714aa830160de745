// The operator decision tree from the seed, applied to one incident: impact and frequency →
// diagnosis → urgency → capacity. Pure: same inputs and `now`, same verdict and the same path.
import type { Finding } from '../domain/finding';
import type { RootCause } from '../incidents/model';
import { formatCents } from '../domain/money';
import { DAY } from '../domain/time';
import type { WeeklyRuleStat } from '../ports/store';
import type { Rule } from '../rules/schema';
import { ACTION_LABELS, type Classification, type RecommendedAction } from './classification';
import type { Severity } from '../config/schema';
import { capacitySignal } from './capacity';
import { plural } from '../domain/plural';

export interface ClassifierSettings {
  diagnosisWindowMs: number;
  amountOverCents: number;
  closeWithinDays: number;
  capacityWeeks: number;
  capacityReopens: number;
}

export interface ClassifyInput {
  rule: Rule;
  /** Active findings of the incident. */
  findings: readonly Finding[];
  openedAt: string;
  reopenCount: number;
  /** ISO weeks with findings, oldest first. */
  weeksSeen: readonly string[];
  /** The six most recent ISO weeks, oldest first, including this one. */
  recentWeeks: readonly string[];
  rootCause: RootCause | null;
  daysToClose: number;
  weekly: readonly WeeklyRuleStat[];
  now: Date;
  settings: ClassifierSettings;
}

export function classify(input: ClassifyInput): Classification {
  const { rule, findings, settings } = input;
  const path: string[] = [];
  const live = findings.filter((f) => !f.suppressedBy);

  // 1. Frequency.
  const recentSeen = input.weeksSeen.filter((w) => input.recentWeeks.includes(w)).length;
  // The history backlog is one standing fact about the past, not a failure that repeats: it stays
  // "monitor" however many weeks it waits for company.history_from to be set.
  const once = rule.kind === 'backlog';
  const recurring = !once && (input.reopenCount >= 1 || recentSeen >= 3);
  if (recurring && input.reopenCount >= 1) path.push(`recurring (reopened ${input.reopenCount}×)`);
  else if (recurring) path.push(`recurring (${recentSeen} of last ${input.recentWeeks.length} weeks)`);
  else path.push('occasional');

  // 3 (needed by 1). Urgency.
  const atRisk = live.reduce((n, f) => n + f.amountCents, 0);
  const urgentBecause = urgency(input, live, atRisk);
  const urgent = urgentBecause !== undefined;

  // 1. Impact: from the rule, lowered by evidence that is minor on its own.
  const allMinor = live.length > 0 && live.every((f) => f.minor);
  const lowImpact = (rule.low_impact || allMinor) && !urgent;
  path.push(lowImpact ? `low impact${allMinor ? ' (minor differences)' : ''}` : `affects ${rule.impact.join(', ').replace(/_/g, ' ')}`);

  // 2. Diagnosis.
  const cause = causeOf(input);
  const ageMs = input.now.getTime() - Date.parse(input.openedAt);
  const unclearAfterWindow = cause === undefined && (ageMs >= settings.diagnosisWindowMs || input.reopenCount >= 2);
  if (cause !== undefined) path.push(`cause known: ${cause}`);
  else if (unclearAfterWindow)
    path.push(
      ageMs >= settings.diagnosisWindowMs
        ? `cause unclear after ${plural(Math.floor(ageMs / DAY), 'day')}`
        : `cause unclear after ${plural(input.reopenCount, 'reopening')}`,
    );
  else if (!lowImpact || recurring) path.push('cause not yet known');
  if (urgent) path.push(`urgent: ${urgentBecause}`);

  // 4. Capacity.
  const capacity = once ? undefined : capacitySignal(input.weekly, input.reopenCount, settings);
  if (capacity) path.push(capacity);

  let action: RecommendedAction;
  let severity: Severity;
  if (capacity) [action, severity] = ['modernization', 'high'];
  else if (lowImpact && !recurring) [action, severity] = ['monitor', 'low'];
  else if (cause !== undefined && urgent) [action, severity] = ['stabilization_sprint', 'critical'];
  else if (cause !== undefined) [action, severity] = ['fix_normal_course', 'medium'];
  else if (unclearAfterWindow) [action, severity] = ['systems_audit', 'high'];
  else [action, severity] = ['diagnostic_review', urgent ? 'high' : 'medium'];

  path.push(`→ ${ACTION_LABELS[action]}`);
  return {
    severity,
    action,
    path,
    impact: rule.impact,
    keyArea: !lowImpact,
    recurring,
    causeClear: cause !== undefined,
    urgent,
    strategic: capacity !== undefined,
  };
}

/** The cause, when the rule declares one, an operator marked one, or every finding shares one. */
function causeOf(input: ClassifyInput): string | undefined {
  if (input.rootCause) return input.rootCause.text;
  if (input.rule.cause) return input.rule.cause;
  const keys = new Set(input.findings.map((f) => f.rootCauseKey));
  if (keys.size === 1) {
    const [only] = keys;
    if (only) return only;
  }
  return undefined;
}

function urgency(input: ClassifyInput, live: readonly Finding[], atRisk: number): string | undefined {
  const u = input.rule.urgency ?? {};
  const threshold = u.amount_over ?? input.settings.amountOverCents;
  if (atRisk > threshold) return `${formatCents(atRisk)} at risk`;
  if (u.count_over !== undefined && live.length > u.count_over) return `${live.length} records affected`;
  if (u.customer_facing && live.some((f) => f.customerFacing)) return 'customer-facing';
  const closeWithin = u.close_within_days ?? (input.rule.impact.includes('accounting') ? input.settings.closeWithinDays : undefined);
  if (closeWithin !== undefined && atRisk > 0 && input.daysToClose <= closeWithin)
    return `books close in ${plural(input.daysToClose, 'day')}`;
  return undefined;
}

export function pathLine(c: Classification): string {
  const steps = c.path.slice(0, -1).join(' · ');
  return `${steps} ${c.path[c.path.length - 1]}`;
}
