// /sync-status and App Home as Block Kit: the same health view the CLI prints, plus channel
// problems (alerts held because a chat refused them), a trace, help.
import { formatCents } from '../../src/domain/money';
import { humanAge } from '../../src/domain/time';
import type { TraceHop } from '../../src/domain/finding';
import type { ChannelProblem } from '../../src/notify/channel-health';
import type { StatusView } from '../../src/status/status-view';
import { SLASH_COMMAND } from './action-ids';
import type { Block } from './block-limits';
import { mrkdwn } from './escape';
import { context, header, lineSections, md, severityMarker } from './render-alert';

const HEALTH: Record<StatusView['health'], string> = { healthy: ':large_green_circle: Healthy', degraded: ':large_yellow_circle: Degraded', failing: ':red_circle: Failing' };

export function problemBlocks(problems: readonly ChannelProblem[]): Block[] {
  if (problems.length === 0) return [];
  return [
    md(`:warning: *Alerts held — a person must fix ${problems.length === 1 ? 'this' : 'these'}:*`),
    ...lineSections(problems.map((p) => `• *${mrkdwn(p.channel)}*: ${mrkdwn(p.summary)} (\`${mrkdwn(p.kind)}\`) — ${mrkdwn(p.fix)}`)),
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
        { type: 'mrkdwn', text: `*Overall*\n${HEALTH[v.health]}` },
        { type: 'mrkdwn', text: `*Money at risk*\n${formatCents(v.moneyAtRiskCents)}` },
        { type: 'mrkdwn', text: `*Open incidents*\n${v.incidents.length} (${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low)` },
        { type: 'mrkdwn', text: `*Last poll*\n${v.lastPoll ? `${ago(v.lastPoll.finishedAt)} · ${v.lastPoll.ok ? 'ok' : mrkdwn(v.lastPoll.error ?? 'failed')}` : 'never'}` },
        ...(v.oldestUnsynced ? [{ type: 'mrkdwn', text: `*Oldest unsynced*\n${mrkdwn(v.oldestUnsynced.label)}, since ${ago(v.oldestUnsynced.since)}` }] : []),
      ],
    },
    md(`*Sources*\n${v.sources.map((x) => `${x.state === 'ok' ? ':white_check_mark:' : ':x:'} ${mrkdwn(x.id)}: ${x.state}, ${x.records} records, last good read ${ago(x.lastOkAt)}${x.error ? ` — ${mrkdwn(x.error)}` : ''}`).join('\n') || '_none configured_'}`),
  ];
  if (v.incidents.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push(
      ...lineSections(
        v.incidents.map((i) => `${severityMarker(i.severity)} *#${i.number} ${mrkdwn(i.title)}* — ${i.findingCount} records, ${formatCents(i.moneyAtRiskCents)} · ${mrkdwn(i.actionLabel)}${i.status !== 'open' ? ` _(${i.status})_` : ''}\n      ${mrkdwn(i.path)}`),
      ),
    );
  }
  return blocks;
}

export function statusText(v: StatusView): string {
  return `Sync health: ${v.health} · ${v.incidents.length} open incidents · ${formatCents(v.moneyAtRiskCents)} at risk`;
}

const HOP_MARK: Record<TraceHop['status'], string> = { ok: ':white_check_mark:', broken: ':x:', absent: ':grey_question:', not_expected: ':white_circle:' };

export function traceBlocks(title: string, chains: Array<{ label: string; hops: TraceHop[] }>): Block[] {
  if (chains.length === 0) return [md(`Nothing found for *${mrkdwn(title)}* — try a job number, an invoice number or a record id.`)];
  return [
    header(`Trace · ${title}`),
    ...lineSections(
      chains.map((c) =>
        [`*${mrkdwn(c.label)}*`, ...c.hops.map((h) => `${HOP_MARK[h.status]} ${h.hop.replace(/_/g, ' ')}${h.ref ? `: ${mrkdwn(h.ref.label)} (${mrkdwn(h.ref.source)} ${mrkdwn(h.ref.sourceId)})` : ''}${h.note ? ` — ${mrkdwn(h.note)}` : ''}`)].join('\n'),
      ),
    ),
  ];
}

export const HELP_LINES = [
  `\`${SLASH_COMMAND}\` — overall health, sources, open incidents, money at risk`,
  `\`${SLASH_COMMAND} entity:invoice location:denver severity:high\` — only what matches (bare words work too)`,
  `\`${SLASH_COMMAND} trace 1043\` — job → invoice → QuickBooks invoice → payment for one job or invoice number`,
  `\`${SLASH_COMMAND} close\` — what must be corrected by hand before this month's books close`,
  `\`${SLASH_COMMAND} help\` — this list`,
  `Add \`public\` anywhere to share the answer with the channel; otherwise only you see it.`,
];

export function helpBlocks(intro?: string): Block[] {
  return [...(intro ? [md(mrkdwn(intro))] : []), md(`*${SLASH_COMMAND}*\n${HELP_LINES.join('\n')}`)];
}

export function footer(now: Date): Block {
  return context(`as of ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}
