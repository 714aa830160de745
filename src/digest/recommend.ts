// When to request a Growth Systems Review: the seed's four signals, each named when it fires.
import { formatCents } from '../domain/money';
import type { CleanupFigures, GrowthFigures, IncidentFigures, Recommendation, ReviewSignal, TrustFigures } from './snapshot';

export interface ReviewSettings {
  trustBelowPercent: number;
  cleanupHoursOver: number;
}

export const SIGNAL_LABELS = {
  recurring: 'The issue is recurring',
  not_trusted: 'The numbers are not trusted',
  manual_cleanup: 'Manual cleanup before decisions',
  growth: 'Growth makes it costlier',
} as const;

export function recommend(
  trust: TrustFigures,
  incidents: IncidentFigures,
  cleanup: CleanupFigures,
  growth: GrowthFigures,
  settings: ReviewSettings,
): Recommendation {
  const hours = cleanup.minutes / 60;
  const percent = trust.share === null ? null : trust.share * 100;
  const signals: ReviewSignal[] = [
    {
      id: 'recurring',
      fired: incidents.recurring > 0,
      detail:
        incidents.recurring > 0
          ? `${plural(incidents.recurring, 'open incident')} ${incidents.recurring === 1 ? 'keeps' : 'keep'} coming back`
          : 'no open incident is recurring',
    },
    {
      id: 'not_trusted',
      fired: percent !== null && percent < settings.trustBelowPercent,
      detail:
        percent === null
          ? 'no invoiced revenue to reconcile yet'
          : `${percent.toFixed(1)}% of ${formatCents(trust.invoicedCents)} invoiced reconciles end to end (bar: ${settings.trustBelowPercent}%)`,
    },
    {
      id: 'manual_cleanup',
      fired: cleanup.beforeClose > 0 || (cleanup.corrections > 0 && hours >= settings.cleanupHoursOver),
      detail:
        cleanup.corrections === 0
          ? 'no records corrected by hand this week'
          : `${plural(cleanup.corrections, 'record')} corrected by hand (≈${hours.toFixed(1)} h), ${cleanup.beforeClose} in the days before close`,
    },
    { id: 'growth', fired: growth.rising, detail: growth.detail },
  ];
  return { requestReview: signals.some((s) => s.fired), signals };
}

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
