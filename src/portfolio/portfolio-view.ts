// The owner's weekly view over every company: chat-neutral, like the per-company DigestView. The console
// text (render-text.ts), Slack's blocks (adapters/slack/render-portfolio.ts) and the Teams card
// (adapters/teams/cards/portfolio-card.ts) are each a rendering of this one view.
import type { Severity } from '../config/schema';
import type { HealthBand, SignalId } from '../digest/snapshot';

/** A figure's move since the company's previous digest. */
export interface PortfolioChange {
  /** "↑ $300.00", "↓ 1.5 pts", "no change", or "first week" when there is no earlier digest. */
  text: string;
  /** The raw difference (cents, points, count); null when there is nothing to compare with. */
  delta: number | null;
  /** Whether the move is bad news for the owner; null when it did not move or cannot be compared. */
  worse: boolean | null;
}

export interface PortfolioFigure {
  value: string;
  change: PortfolioChange;
}

export interface PortfolioCompany {
  id: string;
  name: string;
  /** 1 is the company to worry about most: lowest health, then most money at risk. */
  rank: number;
  health: { score: number; band: HealthBand; label: string; change: PortfolioChange };
  trust: PortfolioFigure & { share: number | null };
  moneyAtRisk: PortfolioFigure & { cents: number };
  incidents: PortfolioFigure & { open: number; bySeverity: Record<Severity, number> };
  /** The Growth Systems Review signals that fired this week, by their labels. */
  signals: Array<{ id: SignalId; label: string }>;
  /** The top problem that calls for a Stabilization Sprint ("#12 Invoice missing from QuickBooks"), if any. */
  sprint: string | null;
}

/** A company with no digest for the week: listed so nobody mistakes silence for health. */
export interface PortfolioPending {
  id: string;
  name: string;
  /** "not polled yet", or "no digest for 2026-W14 (latest 2026-W12)". */
  note: string;
}

export interface LookFirst {
  id: string;
  name: string;
  /** One sentence: why this company comes before the others. */
  reason: string;
}

export interface PortfolioTotals {
  companies: number;
  reported: number;
  pending: number;
  bands: Record<HealthBand, number>;
  /** Revenue-weighted: every company's reconciled revenue over every company's invoiced revenue. */
  trust: PortfolioFigure & { share: number | null };
  moneyAtRisk: PortfolioFigure & { cents: number };
  incidents: PortfolioFigure & { open: number; bySeverity: Record<Severity, number> };
  /** Companies for which at least one review signal fired. */
  reviewRequested: number;
}

export interface ChartBar {
  label: string;
  cents: number;
  band: HealthBand;
  /** Printed after the bar: "trust 96.0% · 3 open". */
  note: string;
}

export interface PortfolioView {
  name: string;
  week: string;
  /** Every company with a digest this week, worst first. */
  companies: PortfolioCompany[];
  pending: PortfolioPending[];
  totals: PortfolioTotals;
  /** At most three, each with its reason. */
  lookFirst: LookFirst[];
  chart: { title: string; bars: ChartBar[]; figures: string[] };
}
