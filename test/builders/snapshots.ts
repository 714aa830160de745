// Stored weekly digest snapshots of a company, described by the few figures a test cares about: the
// portfolio digest reads nothing else.
import type { Severity } from '../../src/config/schema';
import { ACTION_LABELS } from '../../src/classify/classification';
import { healthBand } from '../../src/digest/health';
import type { DigestSnapshot, SignalId } from '../../src/digest/snapshot';

export interface SnapshotFigures {
  companyId?: string;
  week?: string;
  score?: number;
  /** Reconciled share of invoiced revenue (0..1); null for no invoices. */
  trust?: number | null;
  /** Invoiced revenue the share is of. */
  invoicedCents?: number;
  moneyCents?: number;
  open?: Partial<Record<Severity, number>>;
  signals?: SignalId[];
  /** A top problem whose recommended action is a Stabilization Sprint, by its title. */
  sprint?: string;
}

const SIGNALS: SignalId[] = ['recurring', 'not_trusted', 'manual_cleanup', 'growth'];

/** A healthy week (score 95, 99% trust of $100,000, nothing open) unless told otherwise. */
export function aSnapshot(f: SnapshotFigures = {}): DigestSnapshot {
  const score = f.score ?? 95;
  const invoiced = f.invoicedCents ?? 10_000_000;
  const share = f.trust === undefined ? 0.99 : f.trust;
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, ...f.open };
  const open = bySeverity.critical + bySeverity.high + bySeverity.medium + bySeverity.low;
  const fired = new Set(f.signals ?? []);
  return {
    companyId: f.companyId ?? 'acme',
    week: f.week ?? '2026-W14',
    windowStart: '2026-03-26T14:00:00.000Z',
    windowEnd: '2026-04-02T14:00:00.000Z',
    health: { score, band: healthBand(score), parts: { trust: 0, incidents: 0, money: 0, cleanup: 0 } },
    trust: {
      invoices: 100,
      invoicedCents: share === null ? 0 : invoiced,
      matchedInvoices: share === null ? 0 : Math.round(share * 100),
      matchedCents: share === null ? 0 : Math.round(share * invoiced),
      share,
    },
    moneyAtRisk: { totalCents: f.moneyCents ?? 0, byAge: { '0-1d': f.moneyCents ?? 0, '1-3d': 0, '3-7d': 0, '7d+': 0 }, byLocation: [] },
    incidents: {
      opened: open,
      resolved: 0,
      open,
      recurring: fired.has('recurring') ? 1 : 0,
      bySeverity,
      meanTimeToResolveMs: null,
      oldestOpen: null,
    },
    cleanup: { corrections: 0, beforeClose: 0, minutes: 0 },
    growth: { weeks: [], rising: fired.has('growth'), detail: '' },
    top: f.sprint
      ? [
          {
            number: 12,
            title: f.sprint,
            severity: 'critical',
            actionLabel: ACTION_LABELS.stabilization_sprint,
            path: 'affects billing',
            moneyCents: f.moneyCents ?? 0,
            findings: 3,
          },
        ]
      : [],
    recommendation: {
      requestReview: fired.size > 0,
      signals: SIGNALS.map((id) => ({ id, fired: fired.has(id), detail: '' })),
    },
  };
}
