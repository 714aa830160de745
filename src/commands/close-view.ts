// `sync-status close`: what the bookkeeper must correct by hand before this month's books close —
// the open accounting problems dated in the period being closed (or earlier), with the money.
import { DateTime } from 'luxon';
import { ACTION_LABELS, SEVERITY_RANK } from '../classify/classification';
import type { Config, Severity } from '../config/schema';
import { daysToClose } from '../domain/time';
import { activeFindings, type Incident } from '../incidents/model';
import type { FindingLine } from '../notify/alert-view';
import { byImportance, findingLine } from '../notify/build-view';

export interface CloseItem {
  number: number;
  title: string;
  severity: Severity;
  actionLabel: string;
  findingCount: number;
  moneyCents: number;
  /** The most important records, at most five. */
  findings: FindingLine[];
}

export interface CloseView {
  /** The period being closed: "November 2026". */
  period: string;
  /** The day its books close, ISO date in the company's zone. */
  closeDate: string;
  daysToClose: number;
  items: CloseItem[];
  totalCents: number;
  totalFindings: number;
}

const TOP = 5;

export function buildCloseView(incidents: readonly Incident[], config: Config, now: Date): CloseView {
  const zone = config.company.time_zone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = daysToClose(now, zone, config.company.close_day);
  const close = today.plus({ days });
  // The books that close on the 5th of December are November's: records dated before December count.
  const periodEnd = close.startOf('month');
  const periodStart = periodEnd.minus({ months: 1 });

  const items: CloseItem[] = [];
  for (const incident of incidents) {
    if (incident.status === 'resolved' || !incident.classification.impact.includes('accounting')) continue;
    const due = activeFindings(incident)
      .map((f) => f.finding)
      .filter((f) => !f.suppressedBy && (!f.since || Date.parse(f.since) < periodEnd.toMillis()))
      .sort(byImportance);
    if (due.length === 0) continue;
    items.push({
      number: incident.number,
      title: incident.title,
      severity: incident.classification.severity,
      actionLabel: ACTION_LABELS[incident.classification.action],
      findingCount: due.length,
      moneyCents: due.reduce((n, f) => n + f.amountCents, 0),
      findings: due.slice(0, TOP).map(findingLine),
    });
  }
  items.sort((a, b) => b.moneyCents - a.moneyCents || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.number - b.number);
  return {
    period: periodStart.toFormat('LLLL yyyy'),
    closeDate: close.toISODate() ?? '',
    daysToClose: days,
    items,
    totalCents: items.reduce((n, i) => n + i.moneyCents, 0),
    totalFindings: items.reduce((n, i) => n + i.findingCount, 0),
  };
}
