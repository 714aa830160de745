import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import { severityMark } from '../notify/render-text';
import { NOT_POLLED, statusHeadline } from './headline';
import type { StatusView } from './status-view';
import { plural } from '../domain/plural';

export function renderStatusText(v: StatusView, now: Date): string {
  const ago = (iso: string | null | undefined) => (iso ? `${humanAge(Math.max(0, now.getTime() - Date.parse(iso)))} ago` : 'never');
  const lines = [
    statusHeadline(v),
    `Last poll: ${v.lastPoll ? `${ago(v.lastPoll.finishedAt)} — ${v.lastPoll.ok ? 'ok' : (v.lastPoll.error ?? 'failed')}` : NOT_POLLED}`,
    ...(v.oldestUnsynced ? [`Oldest unsynced: ${v.oldestUnsynced.label}, since ${ago(v.oldestUnsynced.since)}`] : []),
    'Sources:',
    ...v.sources.map(
      (s) =>
        `  ${s.state === 'ok' ? '✓' : '✗'} ${s.id}: ${s.state}, ${plural(s.records, 'record')}, last good read ${ago(s.lastOkAt)}${s.error ? ` — ${s.error}` : ''}`,
    ),
    ...(v.incidents.length ? ['Open incidents:'] : []),
    ...v.incidents.map(
      (i) =>
        `  ${severityMark(i.severity)} #${i.number} ${i.title} — ${plural(i.findingCount, 'record')}, ${formatCents(i.moneyAtRiskCents)} · ${i.actionLabel}${i.status !== 'open' ? ` (${i.status})` : ''}\n      ${i.path}`,
    ),
  ];
  return lines.join('\n');
}
