// The /sync-status view model: overall health, each source's state, open incidents by severity,
// money at risk and the oldest unsynced record. Built from stored state only (no source is called).
import { ACTION_LABELS, SEVERITY_RANK } from '../classify/classification';
import { pathLine } from '../classify/classify';
import type { Severity } from '../config/schema';
import { activeFindings, type Incident } from '../incidents/model';
import { moneyAtRiskOnce } from '../incidents/money-once';
import type { PollRun, SourceHealth } from '../ports/store';
import { statusFinding, type StatusFinding } from './status-findings';

export interface StatusIncident {
  id: string;
  number: number;
  rule: string;
  title: string;
  status: Incident['status'];
  severity: Severity;
  action: string;
  actionLabel: string;
  path: string;
  findingCount: number;
  /** This incident's own live findings summed: a record in two incidents counts in both. */
  moneyAtRiskCents: number;
  openedAt: string;
  /** Its active findings, biggest money first, with the records they name. */
  findings: StatusFinding[];
}

export interface StatusView {
  health: 'healthy' | 'degraded' | 'failing';
  lastPoll: PollRun | null;
  sources: Array<{
    id: string;
    state: 'ok' | 'failing' | 'never read';
    lastOkAt: string | null;
    error: string | null;
    records: number;
    newestRecordAt: string | null;
  }>;
  bySeverity: Record<Severity, number>;
  /** The company's: each record counted once, even when it sits in two incidents. */
  moneyAtRiskCents: number;
  oldestUnsynced: { label: string; since: string } | null;
  incidents: StatusIncident[];
  /** A filtered answer: the whole company's count, beside the matches listed in `incidents`. */
  overall?: { openIncidents: number };
}

export function buildStatusView(incidents: readonly Incident[], health: readonly SourceHealth[], lastPoll: PollRun | null): StatusView {
  const open = incidents
    .filter((i) => i.status !== 'resolved')
    .sort((a, b) => SEVERITY_RANK[b.classification.severity] - SEVERITY_RANK[a.classification.severity] || a.number - b.number);
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  let oldest: StatusView['oldestUnsynced'] = null;
  const list = open.map((i): StatusIncident => {
    bySeverity[i.classification.severity]++;
    const live = activeFindings(i).filter((f) => !f.finding.suppressedBy);
    const atRisk = live.reduce((n, f) => n + f.finding.amountCents, 0);
    for (const f of live) {
      if ((f.finding.kind === 'late' || f.finding.kind === 'missing') && f.finding.since && (!oldest || f.finding.since < oldest.since)) {
        oldest = { label: f.finding.subject.label, since: f.finding.since };
      }
    }
    return {
      id: i.id,
      number: i.number,
      rule: i.ruleId,
      title: i.title,
      status: i.status,
      severity: i.classification.severity,
      action: i.classification.action,
      actionLabel: ACTION_LABELS[i.classification.action],
      path: pathLine(i.classification),
      findingCount: activeFindings(i).length,
      moneyAtRiskCents: atRisk,
      openedAt: i.openedAt,
      findings: activeFindings(i)
        .sort((a, b) => b.finding.amountCents - a.finding.amountCents || a.key.localeCompare(b.key))
        .map(statusFinding),
    };
  });
  const sources = health.map((h) => ({
    id: h.sourceId,
    state: h.lastOkAt === null ? ('never read' as const) : h.consecutiveFailures > 0 ? ('failing' as const) : ('ok' as const),
    lastOkAt: h.lastOkAt,
    error: h.consecutiveFailures > 0 ? (h.lastError?.message ?? null) : null,
    records: h.recordCount,
    newestRecordAt: h.newestRecordAt,
  }));
  const failing = sources.some((s) => s.state !== 'ok');
  return {
    health: failing || bySeverity.critical > 0 ? 'failing' : bySeverity.high + bySeverity.medium > 0 ? 'degraded' : 'healthy',
    lastPoll,
    sources,
    bySeverity,
    moneyAtRiskCents: moneyAtRiskOnce(open),
    oldestUnsynced: oldest,
    incidents: list,
  };
}
