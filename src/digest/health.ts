// The health score: 100 minus what each part costs. Trust weighs most, because numbers nobody trusts
// make every other figure moot. Each part is capped so one bad area cannot hide the others.
import type { CleanupFigures, HealthBand, HealthParts, IncidentFigures, MoneyAtRisk, TrustFigures } from './snapshot';

export const HEALTH_CAPS: HealthParts = { trust: 40, incidents: 30, money: 15, cleanup: 15 };
const SEVERITY_POINTS = { critical: 10, high: 5, medium: 2, low: 0.5 } as const;

export function healthParts(trust: TrustFigures, incidents: IncidentFigures, money: MoneyAtRisk, cleanup: CleanupFigures): HealthParts {
  // Two points per percentage point of revenue not reconciled end to end.
  const trustLost = trust.share === null ? 0 : (1 - trust.share) * 100 * 2;
  const incidentsLost = Object.entries(incidents.bySeverity).reduce(
    (n, [sev, count]) => n + SEVERITY_POINTS[sev as keyof typeof SEVERITY_POINTS] * count,
    0,
  );
  // One point per percent of invoiced revenue at risk (all of it when nothing was invoiced).
  const moneyLost =
    money.totalCents === 0 ? 0 : trust.invoicedCents > 0 ? (money.totalCents / trust.invoicedCents) * 100 : HEALTH_CAPS.money;
  // Two points per estimated hour of cleanup by hand.
  const cleanupLost = (cleanup.minutes / 60) * 2;
  return {
    trust: cap(trustLost, HEALTH_CAPS.trust),
    incidents: cap(incidentsLost, HEALTH_CAPS.incidents),
    money: cap(moneyLost, HEALTH_CAPS.money),
    cleanup: cap(cleanupLost, HEALTH_CAPS.cleanup),
  };
}

export function healthScore(parts: HealthParts): number {
  return Math.max(0, Math.round(100 - parts.trust - parts.incidents - parts.money - parts.cleanup));
}

export function healthBand(score: number): HealthBand {
  if (score >= 85) return 'healthy';
  if (score >= 70) return 'watch';
  if (score >= 50) return 'at_risk';
  return 'critical';
}

export const BAND_LABELS: Record<HealthBand, string> = { healthy: 'Healthy', watch: 'Watch', at_risk: 'At risk', critical: 'Critical' };

/** Rounded to a tenth, so stored parts compare cleanly week over week. */
function cap(points: number, max: number): number {
  return Math.round(Math.min(max, Math.max(0, points)) * 10) / 10;
}
