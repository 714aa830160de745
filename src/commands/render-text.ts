// A sync-status answer as plain text: the command line and the console channel.
import { formatCents } from '../domain/money';
import { severityMark } from '../notify/render-text';
import { renderStatusText } from '../status/render-status';
import { renderTrace } from '../status/trace-view';
import type { StatusAnswer } from './status-answer';
import type { StatusFilters } from './status-query';
import { plural } from '../domain/plural';

export function renderAnswerText(answer: StatusAnswer, now: Date, command = 'sync-status'): string {
  switch (answer.kind) {
    case 'status': {
      const head = filterLine(answer.filters);
      return [...(head ? [`Showing ${head}`] : []), ...(answer.note ? [answer.note] : []), renderStatusText(answer.view, now)].join('\n');
    }
    case 'trace':
      return renderTrace(answer.trace);
    case 'close': {
      const v = answer.view;
      if (v.items.length === 0)
        return `Nothing to correct by hand for ${v.period}: the books close ${v.closeDate} (in ${plural(v.daysToClose, 'day')}).`;
      return [
        `Before the ${v.period} books close on ${v.closeDate} (in ${plural(v.daysToClose, 'day')}): ${plural(v.totalFindings, 'record')} to correct, ${formatCents(v.totalCents)}`,
        ...v.items.flatMap((i) => [
          `  ${severityMark(i.severity)} #${i.number} ${i.title} — ${plural(i.findingCount, 'record')}, ${formatCents(i.moneyCents)} · ${i.actionLabel}`,
          ...i.findings.map((f) => `      • ${f.summary}${f.brokenHop ? ` [${f.brokenHop}]` : ''}`),
        ]),
      ].join('\n');
    }
    case 'help':
    case 'unknown':
      return [
        ...(answer.kind === 'unknown' ? [answer.message, ''] : []),
        `${command} [filters] | trace <ref> | close | help — add "public" to share in the channel`,
        ...answer.commands.map((c) => `  ${`${command} ${c.usage}`.trim().padEnd(command.length + 18)} ${c.what}`),
      ].join('\n');
  }
}

/** "high incidents about invoices at Denver", or '' with no filters. */
export function filterLine(f: StatusFilters): string {
  if (!f.entity && !f.location && !f.severity) return '';
  return [`${f.severity ?? 'all'} incidents`, f.entity ? `about ${f.entity}s` : '', f.location ? `at ${f.location}` : '']
    .filter(Boolean)
    .join(' ');
}
