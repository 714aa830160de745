// `@bot sync-status …` answers as cards: the same StatusAnswer every chat renders its own way.
import { filterLine } from '../../../src/commands/render-text';
import type { StatusAnswer } from '../../../src/commands/status-answer';
import type { CloseView } from '../../../src/commands/close-view';
import { formatCents } from '../../../src/domain/money';
import { humanAge } from '../../../src/domain/time';
import { severityMark } from '../../../src/notify/render-text';
import { healthWord, incidentsLine, notPolledYet } from '../../../src/status/headline';
import type { StatusView } from '../../../src/status/status-view';
import type { ChannelProblem } from '../../../src/notify/channel-health';
import { hopIncidentsText, hopMark, hopRecordText, type TracedHop, type TraceResult } from '../../../src/status/trace-view';
import { card, container, fitCard, para, severityColor, type AdaptiveCard, type CardElement } from './elements';
import { plural } from '../../../src/domain/plural';

/** How people type the command in Teams (after the @mention). */
export const TEAMS_COMMAND = 'sync-status';

export function renderAnswerCard(answer: StatusAnswer, now: Date, problems: readonly ChannelProblem[] = []): AdaptiveCard {
  switch (answer.kind) {
    case 'status':
      return statusCard(answer.view, filterLine(answer.filters), answer.note, now, problems);
    case 'trace':
      return traceCard(
        `Trace of "${answer.trace.ref}"`,
        answer.trace.chains,
        `Nothing found for "${answer.trace.ref}" — try a job number, an invoice number, a payment reference or a record id.`,
      );
    case 'close':
      return closeCard(answer.view);
    case 'help':
    case 'unknown':
      return card([
        ...(answer.kind === 'unknown' ? [para([{ text: answer.message, color: 'Warning', max: 500 }])] : []),
        para([{ text: `@mention me with ${TEAMS_COMMAND} and any of:`, weight: 'Bolder' }]),
        ...answer.commands.map((c) =>
          para([{ text: `${TEAMS_COMMAND} ${c.usage}`.trim(), weight: 'Bolder' }, `  ${c.what.replace(/`/g, '')}`], { spacing: 'None' }),
        ),
      ]);
  }
}

/** Alerts a chat refused for a reason only a person can fix: first, because nothing else moves them. */
function problemsBlock(problems: readonly ChannelProblem[]): CardElement[] {
  if (problems.length === 0) return [];
  return [
    container(
      [
        para([
          { text: `Alerts held — a person must fix ${problems.length === 1 ? 'this' : 'these'}:`, weight: 'Bolder', color: 'Attention' },
        ]),
        ...problems.map((p) =>
          para([{ text: `✗ ${p.channel}: `, weight: 'Bolder' }, `${p.summary} (${p.kind}) — ${p.fix}`], { spacing: 'None' }),
        ),
      ],
      'attention',
    ),
  ];
}

function statusCard(
  v: StatusView,
  filters: string,
  note: string | undefined,
  now: Date,
  problems: readonly ChannelProblem[],
): AdaptiveCard {
  const ago = (iso: string | null | undefined) => (iso ? `${humanAge(Math.max(0, now.getTime() - Date.parse(iso)))} ago` : 'never');
  const style = notPolledYet(v) ? 'default' : v.health === 'healthy' ? 'good' : v.health === 'degraded' ? 'warning' : 'attention';
  return fitCard(v.incidents.length, (shown) =>
    card([
      ...problemsBlock(problems),
      container(
        [
          para([{ text: `Sync health: ${healthWord(v)}`, weight: 'Bolder', size: 'Medium' }]),
          para([incidentsLine(v)], { spacing: 'None' }),
        ],
        style,
      ),
      ...(filters ? [para([{ text: `Showing ${filters}`, isSubtle: true }])] : []),
      ...(note ? [para([{ text: note, color: 'Warning' }])] : []),
      para([
        { text: 'Last poll: ', weight: 'Bolder' },
        v.lastPoll ? `${ago(v.lastPoll.finishedAt)} — ${v.lastPoll.ok ? 'ok' : (v.lastPoll.error ?? 'failed')}` : 'not yet',
      ]),
      ...(v.oldestUnsynced
        ? [
            para([{ text: 'Oldest unsynced: ', weight: 'Bolder' }, `${v.oldestUnsynced.label}, since ${ago(v.oldestUnsynced.since)}`], {
              spacing: 'None',
            }),
          ]
        : []),
      para([{ text: 'Sources', weight: 'Bolder' }], { separator: true }),
      ...v.sources.map((s) =>
        para(
          [
            {
              text: `${s.state === 'ok' ? '✓' : '✗'} ${s.id}: `,
              weight: 'Bolder',
              ...(s.state === 'ok' ? {} : { color: 'Attention' as const }),
            },
            `${s.state}, ${s.records} records, last good read ${ago(s.lastOkAt)}${s.error ? ` — ${s.error}` : ''}`,
          ],
          { spacing: 'None' },
        ),
      ),
      ...(v.incidents.length ? [para([{ text: 'Open incidents', weight: 'Bolder' }], { separator: true })] : []),
      ...v.incidents
        .slice(0, shown)
        .flatMap((i): CardElement[] => [
          para(
            [
              { text: `${severityMark(i.severity)} #${i.number} ${i.title}`, weight: 'Bolder', color: severityColor(i.severity) },
              ` — ${i.findingCount} ${i.findingCount === 1 ? 'record' : 'records'}, ${formatCents(i.moneyAtRiskCents)} · ${i.actionLabel}${i.status !== 'open' ? ` (${i.status})` : ''}`,
            ],
            { spacing: 'Small' },
          ),
          para([{ text: i.path, isSubtle: true }], { spacing: 'None' }),
        ]),
      ...(shown < v.incidents.length
        ? [para([{ text: `… ${v.incidents.length - shown} more: narrow with a filter, e.g. ${TEAMS_COMMAND} high`, isSubtle: true }])]
        : []),
    ]),
  );
}

/** A trace answer, or the trace behind an incident's top records (the card's Show trace). */
export function traceCard(title: string, chains: TraceResult['chains'], empty: string): AdaptiveCard {
  if (chains.length === 0) return card([para([{ text: empty }])]);
  return fitCard(chains.length, (shown) =>
    card([
      para([{ text: title, weight: 'Bolder', size: 'Medium' }]),
      ...chains
        .slice(0, shown)
        .flatMap((c): CardElement[] => [
          para([{ text: `${c.label}:`, weight: 'Bolder' }], { spacing: 'Medium' }),
          ...c.hops.map((h) => hopPara(h)),
        ]),
      ...(shown < chains.length ? [para([{ text: `… ${chains.length - shown} more chains`, isSubtle: true }])] : []),
    ]),
  );
}

function hopPara(h: TracedHop): CardElement {
  const record = hopRecordText(h);
  const incidents = hopIncidentsText(h);
  return para(
    [
      {
        text: `${hopMark(h.status)} ${h.hop.replace(/_/g, ' ')}`,
        weight: 'Bolder',
        ...(h.status === 'broken' ? { color: 'Attention' as const } : {}),
      },
      ...(record ? [`: ${record} (${h.ref!.source} ${h.ref!.sourceId})`] : []),
      ...(incidents ? [{ text: ` · ${incidents}`, weight: 'Bolder' as const }] : []),
      ...(h.note ? [{ text: ` — ${h.note}`, isSubtle: true }] : []),
    ],
    { spacing: 'None' },
  );
}

function closeCard(v: CloseView): AdaptiveCard {
  if (v.items.length === 0)
    return card([para([`Nothing to correct by hand for ${v.period}: the books close ${v.closeDate} (in ${v.daysToClose} days).`])]);
  return fitCard(v.items.length, (shown) =>
    card([
      para([
        {
          text: `Before the ${v.period} books close on ${v.closeDate} (in ${v.daysToClose} days): ${v.totalFindings} records to correct, ${formatCents(v.totalCents)}`,
          weight: 'Bolder',
        },
      ]),
      ...v.items
        .slice(0, shown)
        .flatMap((i): CardElement[] => [
          para(
            [
              { text: `${severityMark(i.severity)} #${i.number} ${i.title}`, weight: 'Bolder' },
              ` — ${plural(i.findingCount, 'record')}, ${formatCents(i.moneyCents)} · ${i.actionLabel}`,
            ],
            { spacing: 'Medium' },
          ),
          ...i.findings.map((f) =>
            para([`• ${f.summary}`, ...(f.brokenHop ? [{ text: ` [${f.brokenHop}]`, isSubtle: true }] : [])], { spacing: 'None' }),
          ),
        ]),
      ...(shown < v.items.length ? [para([{ text: `… ${v.items.length - shown} more incidents`, isSubtle: true }])] : []),
    ]),
  );
}
