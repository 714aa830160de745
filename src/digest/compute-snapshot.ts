// This week's figures, from stored state only: records (for trust), incidents and their history,
// and the weekly per-rule counts. Pure: the caller loads, this decides.
import type { Incident, IncidentEvent } from '../incidents/model';
import type { WeeklyRuleStat } from '../ports/store';
import type { Reconciliation } from '../trace/reconcile';
import { computeGrowth } from './growth';
import { healthBand, healthParts, healthScore } from './health';
import { computeIncidentFigures } from './incident-figures';
import { computeCleanup } from './manual-cleanup';
import { computeMoneyAtRisk } from './money-at-risk';
import { recommend } from './recommend';
import { reconstructWeeks } from './reconstruct';
import type { DigestSnapshot } from './snapshot';
import { topProblems } from './top-problems';
import { computeTrust } from './trust';
import { digestWindow, weeksBefore } from './window';

export interface DigestSettings {
  timeZone: string;
  closeDay: number;
  closeWithinDays: number;
  minutesPerCorrection: number;
  integrationUsers: readonly string[];
  trustBelowPercent: number;
  cleanupHoursOver: number;
}

export interface SnapshotInput {
  companyId: string;
  now: Date;
  recon: Reconciliation;
  /** Every incident of the company, resolved ones included. */
  incidents: readonly Incident[];
  /** History per incident id. */
  events: ReadonlyMap<string, readonly IncidentEvent[]>;
  weekly: readonly WeeklyRuleStat[];
  /** The rule's fix text by rule id, shown with the top problems. */
  fixes: ReadonlyMap<string, string>;
  settings: DigestSettings;
}

/** Weeks the trend and growth figures cover. */
export const TREND_WEEKS = 8;

export function computeSnapshot(input: SnapshotInput): DigestSnapshot {
  const { now, settings } = input;
  const window = digestWindow(now, settings.timeZone);
  const trust = computeTrust(input.recon);
  const moneyAtRisk = computeMoneyAtRisk(input.incidents, now);
  const incidents = computeIncidentFigures(input.incidents, input.events, window, now);
  const cleanup = computeCleanup([...input.events.values()].flat(), window, settings);
  const growth = computeGrowth(input.weekly, weeksBefore(now, settings.timeZone, TREND_WEEKS - 1), window.week);
  const parts = healthParts(trust, incidents, moneyAtRisk, cleanup);
  const score = healthScore(parts);
  return {
    companyId: input.companyId,
    week: window.week,
    windowStart: window.start,
    windowEnd: window.end,
    health: { score, band: healthBand(score), parts },
    trust,
    moneyAtRisk,
    incidents,
    cleanup,
    growth,
    top: topProblems(input.incidents, input.fixes),
    recommendation: recommend(trust, incidents, cleanup, growth, settings),
    reconstructed: reconstructWeeks(input.incidents, now, settings.timeZone, TREND_WEEKS),
  };
}
