// Channel health: when a chat refuses an alert for a reason only a person can fix (the bot was
// removed from the channel, the channel is gone, the token was revoked), the alert stays queued in
// the outbox and the problem becomes an operator-facing incident: shown by /sync-status and App
// Home, and posted to every other channel that still works. Channel-neutral: Slack raises it for
// not_in_channel / channel_not_found / invalid_auth, Teams for 403 BotNotInConversationRoster.
import { SentinelError } from '../domain/errors';
import type { AlertView } from './alert-view';
import type { OutboxDraft } from './outbox';

export const CHANNEL_HEALTH_RULE = 'channel-health';

/** What a channel adapter throws when only a person can fix the delivery. */
export class ChannelProblemError extends SentinelError {
  constructor(
    code: string,
    readonly problem: { kind: string; summary: string; fix: string },
    opts: { cause?: unknown } = {},
  ) {
    super(code, 'config', `${problem.summary} — ${problem.fix}`, { ...opts, retryable: false });
    this.name = 'ChannelProblemError';
  }
}

export interface ChannelProblem {
  companyId: string;
  /** Configured channel name. */
  channel: string;
  /** Platform's reason: not_in_channel, invalid_auth, BotNotInConversationRoster … */
  kind: string;
  summary: string;
  fix: string;
  /** One per episode, so a channel that breaks again gets a fresh notice. */
  episode: number;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

/** The outbox key of a problem's notice thread in other channels. */
export function problemIncidentId(p: Pick<ChannelProblem, 'channel' | 'episode'>): string {
  return `${CHANNEL_HEALTH_RULE}:${p.channel}:${p.episode}`;
}

/** The notice as an alert view, so every channel renders it with the code it already has. */
export function problemView(p: ChannelProblem): AlertView {
  const resolved = p.resolvedAt !== null;
  return {
    incidentId: problemIncidentId(p),
    number: 0,
    title: `Alerts to channel "${p.channel}" are held: ${p.summary}`,
    ruleId: CHANNEL_HEALTH_RULE,
    status: resolved ? 'resolved' : 'open',
    severity: 'high',
    action: 'fix_normal_course',
    actionLabel: resolved ? 'Nothing: the held alerts have been delivered' : p.fix,
    pathLine: `${p.kind} from the chat platform · alerts stay queued until this is fixed, none are dropped`,
    strategic: false,
    findingCount: 0,
    suppressedCount: 0,
    amountAtRiskCents: 0,
    locations: [],
    impact: [],
    topFindings: [],
    openedAt: p.openedAt,
    ...(p.resolvedAt ? { resolvedAt: p.resolvedAt } : {}),
  };
}

/** Notices for a newly opened problem: a parent in every other channel. */
export function planProblemOpened(p: ChannelProblem, channels: readonly string[], at: string): OutboxDraft[] {
  return channels
    .filter((c) => c !== p.channel)
    .map((channel) => ({
      companyId: p.companyId,
      incidentId: problemIncidentId(p),
      channel,
      op: 'post_parent' as const,
      body: { kind: 'parent' as const, view: problemView(p) },
      createdAt: at,
    }));
}

/** Notices for a fixed problem, to the channels that were told: the parent edited to resolved and a line in its thread. */
export function planProblemResolved(p: ChannelProblem, told: readonly string[], at: string): OutboxDraft[] {
  const view = problemView(p);
  return told
    .filter((c) => c !== p.channel)
    .flatMap((channel): OutboxDraft[] => [
      { companyId: p.companyId, incidentId: view.incidentId, channel, op: 'edit_parent', body: { kind: 'parent', view }, createdAt: at },
      {
        companyId: p.companyId,
        incidentId: view.incidentId,
        channel,
        op: 'reply',
        body: {
          kind: 'thread',
          update: {
            incidentId: view.incidentId,
            number: 0,
            purpose: 'operator',
            headline: `Fixed: alerts to "${p.channel}" are flowing again`,
            lines: [],
            moreCount: 0,
            severity: 'high',
          },
        },
        createdAt: at,
      },
    ]);
}

/** Held-alert problems as plain text for the command line ('' when there are none). */
export function renderProblemsText(problems: readonly ChannelProblem[]): string {
  if (problems.length === 0) return '';
  return `${['Alerts held — a person must fix:', ...problems.map((p) => `  ✗ ${p.channel}: ${p.summary} (${p.kind}) — ${p.fix}`)].join('\n')}\n\n`;
}
