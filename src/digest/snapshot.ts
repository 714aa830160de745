// One week of the leadership digest, as stored. Every figure is kept as it was computed that week, so
// the trend survives rule edits, config changes and restarts: history is read, never recomputed.
import type { Severity } from '../config/schema';

export const AGE_BUCKETS = ['0-1d', '1-3d', '3-7d', '7d+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export type HealthBand = 'healthy' | 'watch' | 'at_risk' | 'critical';

/** Points the score lost to each part (the score is 100 minus their sum). */
export interface HealthParts {
  trust: number;
  incidents: number;
  money: number;
  cleanup: number;
}

export interface TrustFigures {
  /** Issued (not draft, not void) upstream invoices and their total. */
  invoices: number;
  invoicedCents: number;
  /** Those that reach QuickBooks once, with the same total, and paid there when paid upstream. */
  matchedInvoices: number;
  matchedCents: number;
  /** matchedCents / invoicedCents, or null when nothing was invoiced. */
  share: number | null;
}

export interface MoneyAtRisk {
  totalCents: number;
  byAge: Record<AgeBucket, number>;
  /** Largest first; "no location" collects findings without one. */
  byLocation: Array<{ location: string; cents: number }>;
}

export interface IncidentFigures {
  opened: number;
  resolved: number;
  open: number;
  recurring: number;
  bySeverity: Record<Severity, number>;
  /** Mean time from opening (or reopening) to resolution, of those resolved this week; null when none was. */
  meanTimeToResolveMs: number | null;
  /** Whether any incident was ever resolved ("none resolved yet" otherwise). Absent in snapshots stored before it existed. */
  everResolved?: boolean;
  /** The open incident with the oldest record; ageMs is that record's age (`since`), not the incident's. */
  oldestOpen: { number: number; title: string; openedAt: string; ageMs: number; since?: string } | null;
}

/** A week before the first stored digest, rebuilt from the record dates of the findings (marked so). */
export interface ReconstructedWeek {
  week: string;
  bySeverity: Record<Severity, number>;
  moneyAtRiskCents: number;
}

export interface CleanupFigures {
  /** Findings resolved this week by a QuickBooks edit with no upstream change, or by a non-integration user. */
  corrections: number;
  /** Of those, how many in the days before the month-end close. */
  beforeClose: number;
  minutes: number;
}

export interface GrowthWeek {
  week: string;
  findings: number;
  records: number;
  per1000: number;
}

export interface GrowthFigures {
  weeks: GrowthWeek[];
  /** Findings per 1,000 records rose while volume rose (later half of the window against the earlier). */
  rising: boolean;
  detail: string;
}

export interface TopProblem {
  number: number;
  title: string;
  severity: Severity;
  actionLabel: string;
  path: string;
  fix?: string;
  moneyCents: number;
  findings: number;
}

export type SignalId = 'recurring' | 'not_trusted' | 'manual_cleanup' | 'growth';

export interface ReviewSignal {
  id: SignalId;
  fired: boolean;
  detail: string;
}

export interface Recommendation {
  requestReview: boolean;
  signals: ReviewSignal[];
}

export interface DigestSnapshot {
  companyId: string;
  /** ISO week of the digest's end, in the company zone (2026-W12). */
  week: string;
  windowStart: string;
  windowEnd: string;
  health: { score: number; band: HealthBand; parts: HealthParts };
  trust: TrustFigures;
  moneyAtRisk: MoneyAtRisk;
  incidents: IncidentFigures;
  cleanup: CleanupFigures;
  growth: GrowthFigures;
  top: TopProblem[];
  recommendation: Recommendation;
  /** The trend's earlier weeks as the records say they were, for weeks no digest was stored (first install). */
  reconstructed?: ReconstructedWeek[];
}
