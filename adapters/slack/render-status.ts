// /sync-status and App Home as Block Kit: the same health view the CLI prints, plus channel
// problems (alerts held because a chat refused them), a trace, help.
import { formatCents } from '../../src/domain/money';
import { humanAge } from '../../src/domain/time';
import type { TraceHop } from '../../src/domain/finding';
import type { ChannelProblem } from '../../src/notify/channel-health';
import { incidentsLine, notPolledYet } from '../../src/status/headline';
import type { StatusView } from '../../src/status/status-view';
import { hopIncidentsText, hopRecordText, type TracedHop } from '../../src/status/trace-view';
import { ACTIONS, SLASH_COMMAND } from './action-ids';
import type { CloseView } from '../../src/commands/close-view';
import { filterLine } from '../../src/commands/render-text';
import type { StatusAnswer } from '../../src/commands/status-answer';
import type { STATUS_HELP } from '../../src/commands/status-query';
import type { Block } from './block-limits';
import { escapeControl, mrkdwn } from './escape';
import { button, context, findingText, header, lineSections, md, severityMarker } from './render-alert';
import { plural } from '../../src/domain/plural';

type StatusAnswerHelp = typeof STATUS_HELP;

const HEALTH: Record<StatusView['health'], string> = {
  healthy: ':large_green_circle: Healthy',
  degraded: ':large_yellow_circle: Degraded',
  failing: ':red_circle: Failing',
};

export function problemBlocks(problems: readonly ChannelProblem[]): Block[] {
  if (problems.length === 0) return [];
  return [
    md(`:warning: *Alerts held — a person must fix ${problems.length === 1 ? 'this' : 'these'}:*`),
    // Our own sentences (with config names): escaped, but not defused, so "/invite @sync-sentinel" can be copied.
    ...lineSections(
      problems.map(
        (p) => `• *${escapeControl(p.channel)}*: ${escapeControl(p.summary)} (\`${escapeControl(p.kind)}\`) — ${escapeControl(p.fix)}`,
      ),
    ),
  ];
}

export function statusBlocks(v: StatusView, now: Date, problems: readonly ChannelProblem[] = [], filters = ''): Block[] {
  const ago = (iso: string | null | undefined) => (iso ? `${humanAge(Math.max(0, now.getTime() - Date.parse(iso)))} ago` : 'never');
  const s = v.bySeverity;
  const blocks: Block[] = [
    header(`Sync health${filters ? ` · ${filters}` : ''}`),
    ...problemBlocks(problems),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Overall*\n${notPolledYet(v) ? ':white_circle: Not polled yet' : HEALTH[v.health]}` },
        { type: 'mrkdwn', text: `*Money at risk*\n${formatCents(v.moneyAtRiskCents)}` },
        {
          type: 'mrkdwn',
          text: `*Open incidents*\n${v.overall ? `${v.incidents.length} of ${v.overall.openIncidents} match` : v.incidents.length} (${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low)`,
        },
        {
          type: 'mrkdwn',
          text: `*Last poll*\n${v.lastPoll ? `${ago(v.lastPoll.finishedAt)} · ${v.lastPoll.ok ? 'ok' : mrkdwn(v.lastPoll.error ?? 'failed')}` : 'not yet'}`,
        },
        ...(v.oldestUnsynced
          ? [{ type: 'mrkdwn', text: `*Oldest unsynced*\n${mrkdwn(v.oldestUnsynced.label)}, since ${ago(v.oldestUnsynced.since)}` }]
          : []),
      ],
    },
    md(
      `*Sources*\n${v.sources.map((x) => `${x.state === 'ok' ? ':white_check_mark:' : ':x:'} ${mrkdwn(x.id)}: ${x.state}, ${x.records} records, last good read ${ago(x.lastOkAt)}${x.error ? ` — ${mrkdwn(x.error)}` : ''}`).join('\n') || '_none configured_'}`,
    ),
  ];
  if (v.incidents.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(
      ...lineSections(
        v.incidents.map(
          (i) =>
            `${severityMarker(i.severity)} *#${i.number} ${mrkdwn(i.title)}* — ${plural(i.findingCount, 'record')}, ${formatCents(i.moneyAtRiskCents)} · ${mrkdwn(i.actionLabel)}${i.status !== 'open' ? ` _(${i.status})_` : ''}\n      ${mrkdwn(i.path)}`,
        ),
      ),
    );
  }
  return blocks;
}

export function statusText(v: StatusView): string {
  return `Sync health: ${notPolledYet(v) ? 'not polled yet' : v.health} · ${incidentsLine(v)}`;
}

const HOP_MARK: Record<TraceHop['status'], string> = {
  ok: ':white_check_mark:',
  broken: ':x:',
  absent: ':grey_question:',
  not_expected: ':white_circle:',
};

export function traceBlocks(title: string, chains: Array<{ label: string; hops: TracedHop[] }>): Block[] {
  if (chains.length === 0)
    return [md(`Nothing found for *${mrkdwn(title)}* — try a job number, an invoice number, a payment reference or a record id.`)];
  return [
    header(`Trace · ${title}`),
    ...lineSections(chains.map((c) => [`*${mrkdwn(c.label)}*`, ...c.hops.map((h) => `${HOP_MARK[h.status]} ${hopMrkdwn(h)}`)].join('\n'))),
  ];
}

function hopMrkdwn(h: TracedHop): string {
  const record = hopRecordText(h);
  const incidents = hopIncidentsText(h);
  return `${h.hop.replace(/_/g, ' ')}${record ? `: ${mrkdwn(record)} (${mrkdwn(h.ref!.source)} ${mrkdwn(h.ref!.sourceId)})` : ''}${incidents ? ` · *${incidents}*` : ''}${h.note ? ` — ${mrkdwn(h.note)}` : ''}`;
}

export function helpBlocks(commands: StatusAnswerHelp, intro?: string): Block[] {
  const lines = commands.map((c) => `\`${`${SLASH_COMMAND} ${c.usage}`.trim()}\` — ${c.what}`);
  return [
    ...(intro ? [md(`:grey_question: ${mrkdwn(intro)}`)] : []),
    md(`*${SLASH_COMMAND}* — only you see the answer unless you add \`public\`\n${lines.join('\n')}`),
  ];
}

export function closeBlocks(v: CloseView): Block[] {
  if (v.items.length === 0)
    return [
      md(`:white_check_mark: Nothing to correct by hand for ${v.period}: the books close ${v.closeDate} (in ${v.daysToClose} days).`),
    ];
  return [
    header(`Before the ${v.period} close`),
    md(
      `Books close *${v.closeDate}* (in ${v.daysToClose} days): *${v.totalFindings} records* to correct by hand, *${formatCents(v.totalCents)}*`,
    ),
    ...lineSections(
      v.items.map((i) =>
        [
          `${severityMarker(i.severity)} *#${i.number} ${mrkdwn(i.title)}* — ${plural(i.findingCount, 'record')}, ${formatCents(i.moneyCents)} · ${mrkdwn(i.actionLabel)}`,
          ...i.findings.map((f) => `      ${findingText(f)}`),
        ].join('\n'),
      ),
    ),
  ];
}

/** Any sync-status answer as blocks, with the held-alert problems on top of a status view. */
export function answerBlocks(answer: StatusAnswer, now: Date, problems: readonly ChannelProblem[] = []): { blocks: Block[]; text: string } {
  switch (answer.kind) {
    case 'status': {
      const filters = filterLine(answer.filters);
      const blocks = statusBlocks(answer.view, now, problems, filters);
      if (answer.note) blocks.splice(1, 0, md(`:mag: ${mrkdwn(answer.note)}`));
      return { blocks: [...blocks, footer(now)], text: statusText(answer.view) };
    }
    case 'trace':
      return { blocks: traceBlocks(answer.trace.ref, answer.trace.chains), text: `Trace of ${mrkdwn(answer.trace.ref)}` };
    case 'close':
      return {
        blocks: closeBlocks(answer.view),
        text: `Before the ${answer.view.period} close: ${answer.view.totalFindings} records, ${formatCents(answer.view.totalCents)}`,
      };
    case 'help':
      return { blocks: helpBlocks(answer.commands), text: `${SLASH_COMMAND} help` };
    case 'unknown':
      return { blocks: helpBlocks(answer.commands, answer.message), text: mrkdwn(answer.message) };
  }
}

/** App Home: the health view with a refresh button. */
export function homeBlocks(answer: StatusAnswer & { kind: 'status' }, now: Date, problems: readonly ChannelProblem[]): Block[] {
  const { blocks } = answerBlocks(answer, now, problems);
  return [
    ...blocks,
    { type: 'actions', elements: [button('Refresh', ACTIONS.homeRefresh, 'home')] },
    context(`Ask \`${SLASH_COMMAND} help\` in any channel for filters, traces and the month-end list.`),
  ];
}

export function footer(now: Date): Block {
  return context(`as of ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}
