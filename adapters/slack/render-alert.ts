// Block Kit for an incident's parent message and its thread replies. Everything from a record is
// escaped (escape.ts) and cut to Block Kit's limits (block-limits.ts); the fallback `text` is the
// same story in one line for notifications.
import { formatCents } from '../../src/domain/money';
import { humanAge } from '../../src/domain/time';
import type { Severity } from '../../src/config/schema';
import type { AlertView, FindingLine, ThreadUpdate } from '../../src/notify/alert-view';
import { CHANNEL_HEALTH_RULE } from '../../src/notify/channel-health';
import { numberPrefix } from '../../src/notify/render-text';
import { listsAll } from '../../src/notify/build-view';
import { ACTIONS } from './action-ids';
import { cut, fitBlocks, LIMITS, type Block } from './block-limits';
import { escapeControl, mrkdwn, plain } from './escape';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const MARKER: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
};

export function severityMarker(severity: Severity, resolved = false): string {
  return resolved ? ':white_check_mark:' : MARKER[severity];
}

export function md(text: string, max: number = LIMITS.sectionText): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, max) } };
}

export function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, LIMITS.contextText) }] };
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: cut(plain(text), LIMITS.headerText), emoji: true } };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: cut(text, LIMITS.buttonText) },
    value,
    ...(style ? { style } : {}),
  };
}

function statusWord(v: AlertView): string {
  switch (v.status) {
    case 'resolved':
      return v.resolvedAt ? `Resolved after ${humanAge(Math.max(0, Date.parse(v.resolvedAt) - Date.parse(v.openedAt)))}` : 'Resolved';
    case 'acknowledged':
      return `Acknowledged by ${mrkdwn(v.acknowledgedBy ?? 'someone')}`;
    case 'snoozed':
      return `Snoozed until ${mrkdwn(v.snoozedUntilText ?? v.snoozedUntil ?? '?')}`;
    default:
      return 'Open';
  }
}

export function findingText(f: FindingLine): string {
  const hop = f.brokenHop ? ` — _${mrkdwn(f.brokenHop)}_` : '';
  return `• ${f.suppressed ? '(held back) ' : ''}${mrkdwn(f.summary)}${hop}`;
}

/** Lines joined into as few sections as fit 3,000 characters each. */
export function lineSections(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines.map((l) => cut(l, LIMITS.sectionText))) {
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(md(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(md(current));
  return out;
}

export function renderParent(v: AlertView, now: Date): SlackMessage {
  const resolved = v.status === 'resolved';
  const title = `${severityMarker(v.severity, resolved)} ${v.severity.toUpperCase()} · ${numberPrefix(v.number)}${v.title}`;
  const records = `${v.findingCount}${v.suppressedCount ? ` (${v.suppressedCount} held back)` : ''}`;
  const fields = [
    `*Status*\n${statusWord(v)}`,
    `*Records*\n${records}`,
    `*Money at risk*\n${formatCents(v.amountAtRiskCents)}`,
    ...(v.oldestSince ? [`*Oldest*\n${humanAge(Math.max(0, now.getTime() - Date.parse(v.oldestSince)))}`] : []),
    ...(v.locations.length ? [`*Location*\n${mrkdwn(v.locations.join(', '))}`] : []),
    ...(v.impact.length ? [`*Affects*\n${mrkdwn(v.impact.join(', ').replace(/_/g, ' '))}`] : []),
  ].map((text) => ({ type: 'mrkdwn', text: cut(text, LIMITS.fieldText) }));
  // A channel problem's next step is our own sentence ("/invite @sync-sentinel"): escaped, not defused.
  const label = v.ruleId === CHANNEL_HEALTH_RULE ? escapeControl(v.actionLabel) : mrkdwn(v.actionLabel);
  const next = `*Next:* ${label}${v.fix ? ` — ${mrkdwn(v.fix)}` : ''}`;
  const blocks: Block[] = [
    header(title),
    { type: 'section', fields: fields.slice(0, LIMITS.fields) },
    md(`*Why:* ${mrkdwn(v.pathLine)}${v.strategic ? ' _(strategic)_' : ''}\n${next}${v.cause ? `\n*Cause:* ${mrkdwn(v.cause)}` : ''}`),
  ];
  if (v.topFindings.length > 0) blocks.push(...lineSections(v.topFindings.map(findingText)));
  const more = v.findingCount - v.topFindings.length;
  const where = listsAll(v.findingCount) ? `${more} more · all ${v.findingCount} in the thread (CSV)` : `${more} more in the thread`;
  blocks.push(
    context(
      `${more > 0 ? `${where} · ` : ''}rule \`${mrkdwn(v.ruleId)}\` · opened ${humanAge(Math.max(0, now.getTime() - Date.parse(v.openedAt)))} ago`,
    ),
  );
  const actions = resolved || v.ruleId === CHANNEL_HEALTH_RULE ? [] : [actionsBlock(v)];
  return {
    text: cut(fallback(v), LIMITS.fallbackText),
    blocks: fitBlocks([...blocks, ...actions], LIMITS.blocksPerMessage, actions.length),
  };
}

function actionsBlock(v: AlertView): Block {
  const ref = String(v.number);
  return {
    type: 'actions',
    block_id: `incident_${ref}`,
    elements: [
      ...(v.status === 'acknowledged' ? [] : [button('Acknowledge', ACTIONS.acknowledge, ref, 'primary')]),
      button('Snooze 1 day', ACTIONS.snoozeDay, ref),
      button('Snooze 1 week', ACTIONS.snoozeWeek, ref),
      ...(v.cause ? [] : [button('Root cause known', ACTIONS.rootCause, ref)]),
      button('Show trace', ACTIONS.showTrace, ref),
    ],
  };
}

function fallback(v: AlertView): string {
  const state = v.status === 'resolved' ? 'RESOLVED' : v.status.toUpperCase();
  return `[${v.severity.toUpperCase()}] ${numberPrefix(v.number)}${mrkdwn(v.title)} — ${state} · ${v.findingCount} ${v.findingCount === 1 ? 'record' : 'records'} · ${formatCents(v.amountAtRiskCents)} at risk · ${mrkdwn(v.actionLabel)}`;
}

export function renderThread(u: ThreadUpdate): SlackMessage {
  const lines = u.lines.map(findingText);
  const headline = `*${mrkdwn(u.headline)}*`;
  const blocks: Block[] = [md(headline), ...lineSections(lines)];
  if (u.moreCount > 0) blocks.push(context(`… and ${u.moreCount} more${u.fullList ? ' — all of them in the CSV file below' : ''}`));
  return { text: cut(`${numberPrefix(u.number)}${mrkdwn(u.headline)}`, LIMITS.fallbackText), blocks: fitBlocks(blocks) };
}
