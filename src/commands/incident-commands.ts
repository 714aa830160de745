// Operator actions on an incident — acknowledge, snooze, mark the root cause — from any chat or the
// command line. Each re-classifies the incident and writes the change and its notifications (the parent
// edited, a line in the thread) in one transaction, through the same outbox as the poller.
import { ACTION_LABELS, SEVERITY_RANK } from '../classify/classification';
import type { Config } from '../config/schema';
import { asSentinelError } from '../domain/errors';
import { DAY, daysToClose, isoWeek, localTime } from '../domain/time';
import { classifyIncident, type ClassifyContext } from '../incidents/update-incidents';
import type { Incident, IncidentChange, IncidentEvent } from '../incidents/model';
import { planNotifications } from '../notify/plan';
import type { StorePort } from '../ports/store';
import type { Rule } from '../rules/schema';
import { classifierSettings } from '../cycle/settings';
import type { Actor } from './actor';
import { mayAct } from './permissions';

export type IncidentAction = { type: 'acknowledge' } | { type: 'snooze'; forMs: number } | { type: 'root_cause'; text: string };

export interface CommandDeps {
  config: Config;
  store: StorePort;
  rules: readonly Rule[];
  /** Configured channel names: the change is announced where the incident is routed. */
  channels: readonly string[];
  now: () => Date;
}

export type CommandResult =
  | { ok: true; changed: boolean; incident: Incident; message: string }
  | { ok: false; code: 'not_found' | 'forbidden' | 'invalid'; message: string };

/** Longest snooze: an incident snoozed for longer is one nobody means to fix. */
export const MAX_SNOOZE_MS = 30 * DAY;
export const MAX_ROOT_CAUSE_LENGTH = 500;

export async function runIncidentCommand(
  deps: CommandDeps,
  ref: string | number,
  action: IncidentAction,
  actor: Actor,
): Promise<CommandResult> {
  if (!mayAct(deps.config, actor)) {
    return {
      ok: false,
      code: 'forbidden',
      message:
        'You are not on the list of people who may change alerts here. Ask whoever runs sync-sentinel to add you (or your group or channel) to `actions.allow`.',
    };
  }
  const invalid = checkAction(action);
  if (invalid) return { ok: false, code: 'invalid', message: invalid };
  // A poll (or another command) in another process may commit between this read and this write: the
  // store refuses the stale write and the command is decided again on what is there now.
  for (let attempt = 1; ; attempt++) {
    try {
      return await decideAndCommit(deps, ref, action, actor);
    } catch (err) {
      if (asSentinelError(err, 'store.commit_command').code !== 'store.stale_decision' || attempt >= COMMAND_ATTEMPTS) throw err;
    }
  }
}

const COMMAND_ATTEMPTS = 8;

async function decideAndCommit(deps: CommandDeps, ref: string | number, action: IncidentAction, actor: Actor): Promise<CommandResult> {
  const companyId = deps.config.company.id;
  const basis = await deps.store.loadRevision(companyId);
  const before = await deps.store.loadIncident(companyId, ref);
  if (!before)
    return {
      ok: false,
      code: 'not_found',
      message: `There is no incident ${typeof ref === 'number' ? `#${ref}` : `"${ref}"`}. \`sync-status\` lists the open ones.`,
    };
  if (before.status === 'resolved') {
    return {
      ok: false,
      code: 'invalid',
      message: `#${before.number} is already resolved; it reopens by itself if the problem comes back.`,
    };
  }
  const rule = deps.rules.find((r) => r.id === before.ruleId);
  if (!rule)
    return {
      ok: false,
      code: 'invalid',
      message: `#${before.number} belongs to rule "${before.ruleId}", which is no longer in the rules files; it resolves at the next poll.`,
    };

  const now = deps.now();
  const at = now.toISOString();
  const zone = deps.config.company.time_zone;
  const after: Incident = { ...before, findings: before.findings.map((f) => ({ ...f })) };
  const events: IncidentEvent[] = [];
  const event = (type: IncidentEvent['type'], by: string, data: Record<string, unknown> = {}) =>
    events.push({ incidentId: before.id, companyId, at, type, actor: by, data });
  const who = { platform: actor.platform, userId: actor.id, ...(actor.channelId ? { channelId: actor.channelId } : {}) };
  let message: string;

  switch (action.type) {
    case 'acknowledge':
      if (before.status === 'acknowledged')
        return {
          ok: true,
          changed: false,
          incident: before,
          message: `#${before.number} was already acknowledged by ${before.acknowledgedBy ?? 'someone'}.`,
        };
      Object.assign(after, { status: 'acknowledged', acknowledgedBy: actor.name, snoozedUntil: null });
      event('acknowledged', actor.name, who);
      message = `#${before.number} acknowledged by ${actor.name}. Reminders stop; the alert keeps updating and resolves by itself once the records are fixed.`;
      break;
    case 'snooze': {
      const until = new Date(now.getTime() + action.forMs).toISOString();
      Object.assign(after, { status: 'snoozed', snoozedUntil: until });
      event('snoozed', actor.name, { ...who, until });
      message = `#${before.number} snoozed by ${actor.name} until ${localTime(until, zone, now)}. It wakes up then if it is still open.`;
      break;
    }
    case 'root_cause': {
      const text = action.text.trim();
      after.rootCause = { text, by: 'operator', actor: actor.name, at };
      event('root_cause_set', actor.name, { ...who, text });
      message = '';
      break;
    }
  }

  const ctx: ClassifyContext = {
    now,
    timeZone: zone,
    daysToClose: daysToClose(now, zone, deps.config.company.close_day),
    weekly: await deps.store.loadWeeklyStats(companyId, isoWeek(new Date(now.getTime() - 12 * 7 * DAY), zone)),
    settings: classifierSettings(deps.config),
  };
  after.classification = classifyIncident(after, rule, ctx);
  const was = before.classification;
  if (was.severity !== after.classification.severity) {
    const up = SEVERITY_RANK[after.classification.severity] > SEVERITY_RANK[was.severity];
    event(up ? 'escalated' : 'deescalated', 'sentinel', {
      from: was.severity,
      to: after.classification.severity,
      action: after.classification.action,
    });
  }
  if (action.type === 'root_cause') {
    message = `Root cause for #${before.number} recorded by ${actor.name}. It now reads: ${ACTION_LABELS[after.classification.action]} (${after.classification.severity}).`;
  }
  after.changedAt = at;

  const change: IncidentChange = { before, after, events, added: [], resolved: [] };
  const plan = planNotifications({
    now,
    changes: [change],
    incidents: [after],
    state: (await deps.store.loadNotifyState(companyId)).filter((s) => s.incidentId === before.id),
    rules: new Map([[rule.id, rule]]),
    routes: deps.config.routes,
    channels: deps.channels,
    notifyLow: deps.config.incidents.notify_low,
    timeZone: zone,
    repeatIntervalMs: deps.config.incidents.repeat_interval,
  });
  await deps.store.commitCommand(companyId, change, plan.outbox, plan.state, basis);
  return { ok: true, changed: true, incident: after, message };
}

function checkAction(action: IncidentAction): string | undefined {
  if (action.type === 'snooze' && !(Number.isFinite(action.forMs) && action.forMs >= 60_000 && action.forMs <= MAX_SNOOZE_MS)) {
    return 'Snooze for between a minute and 30 days, e.g. 1d or 1w.';
  }
  if (action.type === 'root_cause') {
    const text = action.text.trim();
    if (text.length === 0) return 'Say what the root cause is, e.g. "the Denver price book item is not mapped to a QuickBooks item".';
    if (text.length > MAX_ROOT_CAUSE_LENGTH)
      return `Keep the root cause under ${MAX_ROOT_CAUSE_LENGTH} characters (it has ${text.length}); put the detail in the thread.`;
  }
  return undefined;
}
