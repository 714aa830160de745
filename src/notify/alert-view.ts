import type { RecommendedAction } from '../classify/classification';
import type { Severity } from '../config/schema';
import type { IncidentStatus } from '../incidents/model';

/** One finding as an alert shows it. */
export interface FindingLine {
  key: string;
  summary: string;
  /** The broken hop of the trace, e.g. "upstream invoice → QuickBooks invoice". */
  brokenHop?: string;
  amountCents: number;
  suppressed?: boolean;
}

/** Channel-neutral content of an incident's parent message; each channel renders it its own way. */
export interface AlertView {
  incidentId: string;
  number: number;
  title: string;
  ruleId: string;
  status: IncidentStatus;
  severity: Severity;
  action: RecommendedAction;
  actionLabel: string;
  /** "recurring (4 of last 6 weeks) · affects billing · cause unclear after 9 days → Systems Audit" */
  pathLine: string;
  strategic: boolean;
  fix?: string;
  cause?: string;
  findingCount: number;
  suppressedCount: number;
  amountAtRiskCents: number;
  oldestSince?: string;
  locations: string[];
  impact: string[];
  topFindings: FindingLine[];
  acknowledgedBy?: string;
  snoozedUntil?: string;
  /** snoozedUntil as the company reads it ("Mon 14 Dec, 01:23", company zone): what every renderer shows. */
  snoozedUntilText?: string;
  openedAt: string;
  resolvedAt?: string;
}

export type ThreadPurpose = 'new_findings' | 'resolved_findings' | 'escalation' | 'reminder' | 'resolution' | 'reopened' | 'operator';

/** A message in an incident's thread. */
export interface ThreadUpdate {
  incidentId: string;
  number: number;
  purpose: ThreadPurpose;
  headline: string;
  lines: FindingLine[];
  /** Lines left out to respect the chat's size limits. */
  moreCount: number;
  /** The full list goes into the thread next (Slack: a CSV file; elsewhere: "Show all records" or the CLI). */
  fullList?: boolean;
  severity: Severity;
}
