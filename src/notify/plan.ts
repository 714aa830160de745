// The notification planner: from what changed and what each channel was already told, decide what
// to send. Pure; the result is written to the outbox in the same transaction as the change.
import { ACTION_LABELS, SEVERITY_RANK } from '../classify/classification';
import type { RouteConfig } from '../config/schema';
import { formatCents } from '../domain/money';
import { humanAge, localTime } from '../domain/time';
import { activeFindings, type Incident, type IncidentChange, type IncidentFinding } from '../incidents/model';
import type { Rule } from '../rules/schema';
import type { ThreadPurpose, ThreadUpdate } from './alert-view';
import { buildView, byImportance, findingLine, MAX_THREAD_LINES, TOP_FINDINGS, viewHash } from './build-view';

export { MAX_THREAD_LINES };
import type { NotifyState, OutboxDraft } from './outbox';
import { recordsOf } from './records-list';
import { routeIncident } from './route';

export interface PlanInput {
  now: Date;
  changes: readonly IncidentChange[];
  /** Every incident, changed or not (reminders come due on quiet ones). */
  incidents: readonly Incident[];
  state: readonly NotifyState[];
  rules: ReadonlyMap<string, Rule>;
  routes: readonly RouteConfig[];
  channels: readonly string[];
  notifyLow: boolean;
  repeatIntervalMs: number;
  /** The company's time zone: every time in a message is written in it. */
  timeZone?: string;
}

export interface Plan {
  outbox: OutboxDraft[];
  state: NotifyState[];
  /** Open low-severity incidents no channel has been told of: they wait for the digest (incidents.notify_low). */
  lowNotPosted: number;
}

export function planNotifications(input: PlanInput): Plan {
  const at = input.now.toISOString();
  const changes = new Map(input.changes.map((c) => [c.after.id, c]));
  const states = new Map(input.state.map((s) => [`${s.incidentId}\u0000${s.channel}`, s]));
  const incidents = new Map(input.incidents.map((i) => [i.id, i]));
  for (const c of input.changes) incidents.set(c.after.id, c.after);
  const plan: Plan = { outbox: [], state: [], lowNotPosted: 0 };

  for (const incident of incidents.values()) {
    const change = changes.get(incident.id);
    const rule = input.rules.get(incident.ruleId);
    // A thread already started stays told, even when escalation routes the incident elsewhere too.
    const told = input.channels.filter((c) => states.get(`${incident.id}\u0000${c}`)?.parentPlanned);
    if (told.length === 0 && !input.notifyLow && incident.status !== 'resolved' && incident.classification.severity === 'low')
      plan.lowNotPosted++;
    for (const channel of new Set([...routeIncident(incident, rule, input.routes, input.channels), ...told])) {
      const st = states.get(`${incident.id}\u0000${channel}`) ?? fresh(incident, channel);
      const drafts = planChannel(input, incident, rule, change, st, at);
      if (drafts.length === 0) continue;
      plan.outbox.push(...drafts.map((d) => ({ companyId: incident.companyId, incidentId: incident.id, channel, createdAt: at, ...d })));
      plan.state.push(st);
    }
  }
  return plan;
}

type Draft = Pick<OutboxDraft, 'op' | 'body'>;

function planChannel(
  input: PlanInput,
  incident: Incident,
  rule: Rule | undefined,
  change: IncidentChange | undefined,
  st: NotifyState,
  at: string,
): Draft[] {
  const zone = input.timeZone ?? 'UTC';
  const view = buildView(incident, rule, zone, input.now);
  const hash = viewHash(view);
  const out: Draft[] = [];
  const thread = (purpose: ThreadPurpose, headline: string, lines: IncidentFinding[] = [], broadcast = false) => {
    const sorted = lines.map((l) => l.finding).sort(byImportance);
    const update: ThreadUpdate = {
      incidentId: incident.id,
      number: incident.number,
      purpose,
      headline,
      lines: sorted.slice(0, MAX_THREAD_LINES).map(findingLine),
      moreCount: Math.max(0, sorted.length - MAX_THREAD_LINES),
      severity: incident.classification.severity,
      ...(purpose === 'new_findings' && sorted.length > MAX_THREAD_LINES ? { fullList: true } : {}),
    };
    out.push({ op: broadcast ? 'broadcast' : 'reply', body: { kind: 'thread', update } });
    st.lastThreadAt = at;
  };
  // More records than a thread message lists: the whole list goes into the thread too, again only
  // when it changed materially (not on every poll that moved one record).
  const shareList = () => {
    const count = activeFindings(incident).length;
    if (incident.status === 'resolved' || count <= MAX_THREAD_LINES) return;
    if (st.recordsShared !== undefined && st.recordsShared !== null && !listChanged(st.recordsShared, count)) return;
    out.push({ op: 'reply', body: { kind: 'records', list: recordsOf(incident), at, timeZone: zone } });
    st.recordsShared = count;
  };

  if (!st.parentPlanned) {
    // Never told: resolved ones stay untold; low ones wait for the digest unless asked for.
    if (incident.status === 'resolved' || (incident.classification.severity === 'low' && !input.notifyLow)) return [];
    out.push({ op: 'post_parent', body: { kind: 'parent', view } });
    const active = activeFindings(incident);
    if (active.length > TOP_FINDINGS) thread('new_findings', `All ${active.length} records`, active);
    shareList();
    Object.assign(st, {
      parentPlanned: true,
      viewHash: hash,
      severity: view.severity,
      status: view.status,
      lastPlannedAt: at,
      lastThreadAt: at,
    });
    return out;
  }

  const events = new Set(change?.events.map((e) => e.type) ?? []);
  if (events.has('reopened'))
    thread(
      'reopened',
      `Reopened (${ordinal(incident.reopenCount)} recurrence) — ${ACTION_LABELS[incident.classification.action]}`,
      [],
      true,
    );
  const added = (change?.added ?? []).filter((f) => !f.finding.suppressedBy);
  if (added.length > 0 && incident.status !== 'resolved')
    thread('new_findings', `${added.length} new ${added.length === 1 ? 'record' : 'records'}`, added);
  const resolved = change?.resolved ?? [];
  if (resolved.length > 0 && incident.status !== 'resolved') thread('resolved_findings', `${resolved.length} fixed`, resolved);
  if (added.length > 0 || resolved.length > 0) shareList();
  if (
    st.severity &&
    SEVERITY_RANK[view.severity] > SEVERITY_RANK[st.severity as keyof typeof SEVERITY_RANK] &&
    incident.status !== 'resolved'
  ) {
    thread('escalation', `Escalated to ${view.severity}: ${view.actionLabel} — ${view.pathLine}`, [], true);
  }
  for (const e of change?.events ?? []) {
    if (e.actor === 'sentinel') continue;
    thread('operator', operatorLine(e.type, e.actor, e.data, zone, input.now));
  }
  if (incident.status === 'resolved' && st.status !== 'resolved') {
    thread('resolution', `Resolved after ${humanAge(Date.parse(incident.resolvedAt ?? at) - Date.parse(incident.openedAt))}`);
  } else if (reminderDue(input, incident, st, at)) {
    const active = activeFindings(incident);
    thread(
      'reminder',
      `Still open after ${humanAge(input.now.getTime() - Date.parse(incident.openedAt))}: ${active.length} ${active.length === 1 ? 'record' : 'records'}, ${formatCents(view.amountAtRiskCents)} at risk — ${view.actionLabel}`,
    );
  }
  if (hash !== st.viewHash) out.unshift({ op: 'edit_parent', body: { kind: 'parent', view } });
  if (out.length === 0) return [];
  Object.assign(st, { viewHash: hash, severity: view.severity, status: view.status, lastPlannedAt: at });
  return out;
}

/** A shared list is refreshed when its count moved by 10 % or by 5 records, whichever comes first. */
export function listChanged(shared: number, now: number): boolean {
  const moved = Math.abs(now - shared);
  return moved >= 5 || moved >= shared * 0.1;
}

function reminderDue(input: PlanInput, incident: Incident, st: NotifyState, at: string): boolean {
  if (incident.status !== 'open') return false;
  const last = Date.parse(st.lastThreadAt ?? st.lastPlannedAt ?? at);
  return input.now.getTime() - last >= input.repeatIntervalMs;
}

function fresh(incident: Incident, channel: string): NotifyState {
  return {
    companyId: incident.companyId,
    incidentId: incident.id,
    channel,
    parentPlanned: false,
    viewHash: null,
    severity: null,
    status: null,
    lastPlannedAt: null,
    lastThreadAt: null,
  };
}

function operatorLine(type: string, actor: string, data: Record<string, unknown>, zone: string, now: Date): string {
  switch (type) {
    case 'acknowledged':
      return `Acknowledged by ${actor}`;
    case 'snoozed':
      return `Snoozed by ${actor} until ${typeof data['until'] === 'string' ? localTime(data['until'], zone, now) : '?'}`;
    case 'root_cause_set':
      return `Root cause marked by ${actor}: ${String(data['text'] ?? '')}`;
    default:
      return `${type.replace(/_/g, ' ')} by ${actor}`;
  }
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
