// A company's status view as `status` and `/sync-status` read it, with only what a test is about set.
import type { Severity } from '../../src/config/schema';
import type { StatusView } from '../../src/status/status-view';

export function statusView(over: {
  health?: StatusView['health'];
  open?: Partial<Record<Severity, number>>;
  moneyAtRiskCents?: number;
  lastPollAt?: string | null;
}): StatusView {
  const at = over.lastPollAt === undefined ? '2026-11-18T14:55:00.000Z' : over.lastPollAt;
  return {
    health: over.health ?? 'healthy',
    lastPoll: at ? { companyId: 'x', startedAt: at, finishedAt: at, ok: true, sources: {}, findingCount: 0, recordCount: 0 } : null,
    sources: [],
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, ...over.open },
    moneyAtRiskCents: over.moneyAtRiskCents ?? 0,
    oldestUnsynced: null,
    incidents: [],
  };
}
