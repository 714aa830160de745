// The channel-neutral digest: every figure as a person reads it, with its change from last week.
// It knows no chat: the console text (render-text.ts), Slack's blocks (adapters/slack/render-digest.ts)
// and the Teams card (adapters/teams/cards/digest-card.ts) are each a rendering of this one view.
import type { Severity } from '../config/schema';
import type { SignalId } from './snapshot';
import type { HealthBand } from './snapshot';

export interface DigestFigure {
  label: string;
  value: string;
  /** "+1.2 pts", "−$300.00", "no change", or "first digest" when there is no earlier week. */
  change: string;
  detail?: string;
}

export interface DigestLine {
  label: string;
  value: string;
}

export interface DigestProblem {
  /** "#12 · Invoice missing from QuickBooks · Austin" */
  title: string;
  severity: Severity;
  money: string;
  findings: number;
  action: string;
  path: string;
  fix?: string;
}

export interface DigestSignalLine {
  id: SignalId;
  label: string;
  fired: boolean;
  detail: string;
}

export interface TrendPoint {
  week: string;
  /** False for a week with no stored snapshot (the digest had not run yet). */
  hasData: boolean;
  /** Rebuilt from the records' own dates (no digest ran that week): the chart marks it so. */
  reconstructed?: boolean;
  bySeverity: Record<Severity, number>;
  moneyAtRiskCents: number;
}

export interface DigestView {
  companyName: string;
  week: string;
  /** "Mar 10 – Mar 17, 2026" in the company's zone. */
  period: string;
  health: { score: number; band: HealthBand; bandLabel: string; change: string; movers: string[] };
  trust: DigestFigure;
  moneyAtRisk: DigestFigure & { byAge: DigestLine[]; byLocation: DigestLine[] };
  incidents: DigestFigure & { lines: DigestLine[] };
  cleanup: DigestFigure;
  growth: DigestFigure & { weeks: DigestLine[] };
  top: DigestProblem[];
  recommendation: { requestReview: boolean; headline: string; signals: DigestSignalLine[] };
  trend: TrendPoint[];
  /** The figures printed on the chart and said beside it: "Now: 14 open · $12,300.00 at risk · 3 of 8 weeks reconstructed". */
  chartFigures: string[];
}
