import type { Classification } from '../classify/classification';
import type { Finding } from '../domain/finding';

export type IncidentStatus = 'open' | 'acknowledged' | 'snoozed' | 'resolved';

export interface IncidentFinding {
  key: string;
  finding: Finding;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Set when the finding stopped appearing; it then leaves the incident's active set. */
  resolvedAt: string | null;
}

export interface RootCause {
  text: string;
  by: 'rule' | 'evidence' | 'operator';
  actor?: string;
  at: string;
}

export interface Incident {
  /** Deterministic from company, rule and group, so the same problem always lands in the same incident. */
  id: string;
  /** Short per-company number people type: `sync-sentinel ack 12`. */
  number: number;
  companyId: string;
  ruleId: string;
  groupKey: string;
  title: string;
  status: IncidentStatus;
  openedAt: string;
  /** Last time anything about it changed (findings, status, severity). */
  changedAt: string;
  resolvedAt: string | null;
  snoozedUntil: string | null;
  acknowledgedBy: string | null;
  /** Consecutive polls with no active finding. */
  cleanPolls: number;
  /** Times it came back after resolving: each one is a recurrence. */
  reopenCount: number;
  /** ISO weeks (2026-W47) in which it had findings, newest last, at most 12. */
  weeksSeen: string[];
  rootCause: RootCause | null;
  classification: Classification;
  /** Active findings, and the ones resolved this cycle (resolvedAt set). */
  findings: IncidentFinding[];
}

export type IncidentEventType =
  | 'opened'
  | 'findings_added'
  | 'findings_resolved'
  | 'escalated'
  | 'deescalated'
  | 'acknowledged'
  | 'snoozed'
  | 'unsnoozed'
  | 'root_cause_set'
  | 'resolved'
  | 'reopened';

/** Append-only history: every transition of an incident, with who caused it. */
export interface IncidentEvent {
  incidentId: string;
  companyId: string;
  at: string;
  type: IncidentEventType;
  /** `sentinel` for the poller, else the chat or CLI user. */
  actor: string;
  data: Record<string, unknown>;
}

/** What one cycle (or one operator command) did to one incident. */
export interface IncidentChange {
  before: Incident | null;
  after: Incident;
  events: IncidentEvent[];
  added: IncidentFinding[];
  resolved: IncidentFinding[];
}

export function activeFindings(incident: Incident): IncidentFinding[] {
  return incident.findings.filter((f) => f.resolvedAt === null);
}
