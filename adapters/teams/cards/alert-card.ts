// An incident's parent card and its thread replies, from the channel-neutral views.
import { formatCents } from '../../../src/domain/money';
import { humanAge } from '../../../src/domain/time';
import type { AlertView, FindingLine, ThreadUpdate } from '../../../src/notify/alert-view';
import { severityMark } from '../../../src/notify/render-text';
import { MAX_ROOT_CAUSE_LENGTH } from '../../../src/commands/incident-commands';
import { CHANNEL_HEALTH_RULE } from '../../../src/notify/channel-health';
import { listsAll } from '../../../src/notify/build-view';
import { executeAction, INPUTS, SNOOZE_CHOICES, VERBS } from './card-actions';
import { card, container, fitCard, para, severityColor, severityStyle, type AdaptiveCard, type CardElement } from './elements';
import { TEAMS_LIMITS } from './card-limits';
import { safeLine } from './safe-text';

export function renderParentCard(v: AlertView, now: Date): AdaptiveCard {
  const resolved = v.status === 'resolved';
  return fitCard(v.topFindings.length, (shown) => {
    const more = v.findingCount - shown;
    const body: CardElement[] = [
      container(
        [
          para([
            {
              text: `${severityMark(v.severity)} ${v.number ? `#${v.number} ` : ''}${v.title}`,
              weight: 'Bolder',
              size: 'Medium',
              color: resolved ? 'Good' : severityColor(v.severity),
            },
          ]),
          para([{ text: statusLine(v), isSubtle: true }], { spacing: 'None' }),
        ],
        resolved ? 'good' : severityStyle(v.severity),
      ),
      para([summaryLine(v, now)]),
      para([{ text: 'Why: ', weight: 'Bolder' }, `${v.pathLine}${v.strategic ? ' (strategic)' : ''}`], { spacing: 'Small' }),
      para(
        [
          { text: 'Next: ', weight: 'Bolder' },
          { text: `${v.actionLabel}${v.fix ? ` — ${v.fix}` : ''}`, max: 600 },
        ],
        { spacing: 'Small' },
      ),
      ...(v.cause
        ? [
            para(
              [
                { text: 'Cause: ', weight: 'Bolder' },
                { text: v.cause, max: 600 },
              ],
              { spacing: 'Small' },
            ),
          ]
        : []),
      ...findingParas(v.topFindings.slice(0, shown)),
      ...(more > 0
        ? [
            para(
              [
                {
                  text: listsAll(v.findingCount)
                    ? `… ${more} more: Show all records lists all ${v.findingCount}`
                    : `… ${more} more in the thread`,
                  isSubtle: true,
                },
              ],
              { spacing: 'Small' },
            ),
          ]
        : []),
    ];
    // A held-alerts notice is about a channel, not an incident: nothing to acknowledge or trace.
    return card(body, resolved || v.ruleId === CHANNEL_HEALTH_RULE ? [] : actions(v));
  });
}

export function renderThreadCard(u: ThreadUpdate): AdaptiveCard {
  return fitCard(u.lines.length, (shown) => {
    const more = u.moreCount + u.lines.length - shown;
    const loud = u.purpose === 'escalation' || u.purpose === 'reopened';
    const color = u.purpose === 'resolution' || u.purpose === 'resolved_findings' ? 'Good' : loud ? severityColor(u.severity) : undefined;
    return card([
      para([{ text: u.headline, weight: 'Bolder', ...(color ? { color } : {}), max: 600 }]),
      ...findingParas(u.lines.slice(0, shown)),
      ...(more > 0
        ? [
            para([{ text: `… and ${more} more${u.fullList ? ': Show all records on the alert lists them all' : ''}`, isSubtle: true }], {
              spacing: 'Small',
            }),
          ]
        : []),
    ]);
  });
}

/** The one-line summary Teams shows in notifications and the activity feed. */
export function parentSummary(v: AlertView): string {
  return safeLine(`${severityMark(v.severity)} ${v.number ? `#${v.number} ` : ''}${v.title} — ${v.status}`, TEAMS_LIMITS.summary);
}

export function threadSummary(u: ThreadUpdate): string {
  return safeLine(`${u.number ? `#${u.number}: ` : ''}${u.headline}`, TEAMS_LIMITS.summary);
}

function statusLine(v: AlertView): string {
  switch (v.status) {
    case 'resolved':
      return `Resolved${v.resolvedAt ? ` after ${humanAge(Date.parse(v.resolvedAt) - Date.parse(v.openedAt))}` : ''}`;
    case 'acknowledged':
      return `Acknowledged by ${v.acknowledgedBy ?? 'someone'}`;
    case 'snoozed':
      return `Snoozed until ${v.snoozedUntilText ?? v.snoozedUntil ?? '?'}`;
    default:
      return 'Open';
  }
}

function summaryLine(v: AlertView, now: Date): string {
  const records = `${v.findingCount} ${v.findingCount === 1 ? 'record' : 'records'}${v.suppressedCount ? ` (${v.suppressedCount} held back)` : ''}`;
  const age = v.oldestSince ? ` · oldest ${humanAge(Math.max(0, now.getTime() - Date.parse(v.oldestSince)))}` : '';
  const where = v.locations.length
    ? ` · ${v.locations.slice(0, 5).join(', ')}${v.locations.length > 5 ? ` +${v.locations.length - 5}` : ''}`
    : '';
  return `${records} · ${formatCents(v.amountAtRiskCents)} at risk${age}${where}`;
}

function findingParas(lines: readonly FindingLine[]): CardElement[] {
  return lines.map((f, i) =>
    para(
      [
        `• ${f.suppressed ? '(held back) ' : ''}`,
        { text: f.summary },
        ...(f.brokenHop ? [{ text: ` [${f.brokenHop}]`, isSubtle: true }] : []),
      ],
      { spacing: i === 0 ? 'Medium' : 'None' },
    ),
  );
}

function actions(v: AlertView): CardElement[] {
  const out: CardElement[] = [];
  if (v.status !== 'acknowledged') out.push(executeAction('Acknowledge', VERBS.acknowledge, v.incidentId, 'positive'));
  out.push({
    type: 'Action.ShowCard',
    title: 'Snooze',
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.ChoiceSet', id: INPUTS.snoozeFor, label: 'Snooze for', value: '1d', choices: SNOOZE_CHOICES }],
      actions: [executeAction('Snooze', VERBS.snooze, v.incidentId)],
    },
  });
  out.push({
    type: 'Action.ShowCard',
    title: 'Root cause known',
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: INPUTS.rootCause,
          label: 'What is the root cause?',
          isMultiline: true,
          maxLength: MAX_ROOT_CAUSE_LENGTH,
          isRequired: true,
          errorMessage: 'Say what the root cause is',
        },
      ],
      actions: [executeAction('Save root cause', VERBS.rootCause, v.incidentId)],
    },
  });
  out.push(executeAction('Show trace', VERBS.showTrace, v.incidentId));
  if (v.findingCount > v.topFindings.length)
    out.push(executeAction('Show all records', VERBS.showRecords, v.incidentId, undefined, { page: 1 }));
  return out;
}
