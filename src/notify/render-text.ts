// Plain-text rendering of alerts: the console channel, the CLI and every chat's fallback text.
import { formatCents } from '../domain/money';
import type { Severity } from '../config/schema';
import type { AlertView, FindingLine, ThreadUpdate } from './alert-view';
import { listsAll } from './build-view';
import { humanAge } from '../domain/time';

const MARK: Record<Severity, string> = { critical: '[CRITICAL]', high: '[HIGH]', medium: '[MEDIUM]', low: '[LOW]' };

export function severityMark(s: Severity): string {
  return MARK[s];
}

/**
 * Record text on one line with nothing a terminal acts on: control characters (escape sequences,
 * carriage returns, newlines that would fake another alert line) and bidi overrides become spaces.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** "#12 " for an incident; nothing for a notice that is not one (a channel problem has no number). */
export function numberPrefix(n: number): string {
  return n > 0 ? `#${n} ` : '';
}

export function renderFindingLine(f: FindingLine): string {
  const hop = f.brokenHop ? ` [${printable(f.brokenHop)}]` : '';
  return `${f.suppressed ? '(held back) ' : ''}${printable(f.summary)}${hop}`;
}

export function renderParentText(view: AlertView, now?: Date): string {
  const v = printableView(view);
  const status =
    v.status === 'resolved'
      ? 'RESOLVED'
      : v.status === 'acknowledged'
        ? `acknowledged by ${v.acknowledgedBy ?? '?'}`
        : v.status === 'snoozed'
          ? `snoozed until ${v.snoozedUntilText ?? v.snoozedUntil ?? '?'}`
          : 'open';
  const age = v.oldestSince && now ? `, oldest ${humanAge(Math.max(0, now.getTime() - Date.parse(v.oldestSince)))}` : '';
  const lines = [
    `${severityMark(v.severity)} ${numberPrefix(v.number)}${v.title} — ${status}`,
    `${v.findingCount} ${v.findingCount === 1 ? 'record' : 'records'}${v.suppressedCount ? ` (${v.suppressedCount} held back)` : ''} · ${formatCents(v.amountAtRiskCents)} at risk${age}${v.locations.length ? ` · ${v.locations.join(', ')}` : ''}`,
    `Why: ${v.pathLine}${v.strategic ? ' (strategic)' : ''}`,
    `Next: ${v.actionLabel}${v.fix ? ` — ${v.fix}` : ''}`,
    ...v.topFindings.map((f) => `  • ${renderFindingLine(f)}`),
  ];
  const more = v.findingCount - v.topFindings.length;
  if (more > 0)
    lines.push(
      listsAll(v.findingCount)
        ? `  … ${more} more: \`sync-sentinel records ${v.number}\` lists all ${v.findingCount}`
        : `  … ${more} more in the thread`,
    );
  return lines.join('\n');
}

export function renderThreadText(u: ThreadUpdate): string {
  const more =
    u.moreCount > 0 ? [`… and ${u.moreCount} more${u.fullList ? `: \`sync-sentinel records ${u.number}\` lists them all` : ''}`] : [];
  return [printable(u.headline), ...u.lines.map((f) => `• ${renderFindingLine(f)}`), ...more].join('\n');
}

function printableView(v: AlertView): AlertView {
  const opt = (t: string | undefined) => (t === undefined ? undefined : printable(t));
  return {
    ...v,
    title: printable(v.title),
    pathLine: printable(v.pathLine),
    actionLabel: printable(v.actionLabel),
    locations: v.locations.map(printable),
    ...(v.fix !== undefined ? { fix: opt(v.fix)! } : {}),
    ...(v.acknowledgedBy !== undefined ? { acknowledgedBy: opt(v.acknowledgedBy)! } : {}),
  };
}

/** The poll summary's word on low incidents kept out of chat ('' when there are none). */
export function lowNotPostedLine(count: number): string {
  if (count === 0) return '';
  const which = count === 1 ? '1 low-severity incident was' : `${count.toLocaleString('en-US')} low-severity incidents were`;
  return `${which} not posted to chat: low ones wait for the weekly digest. Set incidents.notify_low: true in the config to post them too.`;
}
