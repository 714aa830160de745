// The digest as Slack Block Kit, as a pure function. Limits kept (Slack rejects the message
// otherwise): header text 150 characters, section text 3,000, 10 fields of 2,000, 50 blocks a message.
// Long lists show their head; the rest goes to thread replies, themselves paginated to fit.
import { plural } from './recommend';
import type { DigestFigure, DigestLine, DigestView } from './view';
import { chunkLines, clip, head } from './fit';
import { TREND_WEEKS } from './compute-snapshot';

export const SLACK_LIMITS = { header: 150, section: 3000, field: 2000, fields: 10, blocks: 50, context: 10, fallback: 3000 } as const;
/** Items of a list shown in the main message before the rest moves to the thread. */
export const LIST_HEAD = 5;

export type SlackText = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Notification and accessibility fallback. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackDigest {
  main: SlackMessage;
  /** Replies in the digest's thread: the rest of long lists. */
  thread: SlackMessage[];
}

const SEVERITY_ICON = { critical: ':red_circle:', high: ':large_orange_circle:', medium: ':large_yellow_circle:', low: ':white_circle:' } as const;

export function renderDigestBlocks(view: DigestView): SlackDigest {
  const blocks: SlackBlock[] = [];
  const threadLines: string[] = [];
  const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.section) } });
  const listWithRest = (title: string, lines: readonly DigestLine[], keep: number = LIST_HEAD, separator = ' · '): string => {
    const { shown, rest } = head(lines, keep);
    if (rest.length > 0) {
      threadLines.push(`*${esc(title)}* (all ${lines.length})`, ...lines.map((l) => `• ${esc(l.label)}: ${esc(l.value)}`), '');
    }
    const body = shown.map((l) => `${esc(l.label)} ${esc(l.value)}`).join(separator) || 'none';
    return rest.length > 0 ? `${body} · _+${rest.length} more in the thread_` : body;
  };

  blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(`Weekly sync digest · ${view.companyName} · ${view.week}`, SLACK_LIMITS.header), emoji: true } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`${esc(view.period)} · every figure with its change from last week`, SLACK_LIMITS.field) }] });
  blocks.push(section([`*Health ${view.health.score}/100 · ${view.health.bandLabel}* (${esc(view.health.change)})`, ...view.health.movers.map((m) => `• ${esc(m)}`)].join('\n')));
  blocks.push(
    section(
      [
        `${view.recommendation.requestReview ? ':rotating_light:' : ':white_check_mark:'} *${esc(view.recommendation.headline)}*`,
        ...view.recommendation.signals.map((s) => `${s.fired ? ':ballot_box_with_check:' : ':white_large_square:'} ${esc(s.label)}: ${esc(s.detail)}`),
      ].join('\n'),
    ),
  );
  blocks.push({ type: 'divider' });
  const fields = [view.trust, view.moneyAtRisk, view.incidents, view.cleanup, view.growth].map((f) => ({ type: 'mrkdwn' as const, text: clip(fieldText(f), SLACK_LIMITS.field) }));
  blocks.push({ type: 'section', fields: fields.slice(0, SLACK_LIMITS.fields) });
  blocks.push(section(`*Money at risk by age*\n${listWithRest('Money at risk by age', view.moneyAtRisk.byAge)}`));
  blocks.push(section(`*Money at risk by location*\n${listWithRest('Money at risk by location', view.moneyAtRisk.byLocation)}`));
  blocks.push(section(`*Incidents*\n${view.incidents.lines.map((l) => `${esc(l.label)}: ${esc(l.value)}`).join('\n')}`));
  blocks.push(section(`*Growth*\n${esc(view.growth.detail ?? '')}\n${listWithRest('Findings per 1,000 records by week', [...view.growth.weeks].reverse(), TREND_WEEKS, '\n')}`));
  blocks.push({ type: 'divider' });
  blocks.push(section(view.top.length > 0 ? '*Top problems*' : '*Top problems:* none open'));
  for (const p of view.top) {
    blocks.push(section(`${SEVERITY_ICON[p.severity]} *${esc(p.title)}* · ${p.money} · ${plural(p.findings, 'finding')}\n→ *${esc(p.action)}*${p.fix ? `: ${esc(p.fix)}` : ''}\n_${esc(p.path)}_`));
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ':chart_with_upwards_trend: 8-week trend (open incidents by severity, money at risk) attached.' }] });

  const fallback = clip(
    `Weekly sync digest ${view.week}: health ${view.health.score}/100 (${view.health.bandLabel}), ${view.trust.value}, ${view.moneyAtRisk.value} at risk. ${view.recommendation.headline}`,
    SLACK_LIMITS.fallback,
  );
  return { main: { text: fallback, blocks: blocks.slice(0, SLACK_LIMITS.blocks) }, thread: threadMessages(threadLines, view.week) };
}

function fieldText(f: DigestFigure): string {
  return `*${esc(f.label)}*\n${esc(f.value)}\n_${esc(f.change)}_${f.detail ? `\n${esc(f.detail)}` : ''}`;
}

/** The thread: sections of at most 3,000 characters, at most 50 blocks a message. */
function threadMessages(lines: readonly string[], week: string): SlackMessage[] {
  if (lines.length === 0) return [];
  const sections = chunkLines(lines, SLACK_LIMITS.section);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < sections.length; i += SLACK_LIMITS.blocks) {
    const blocks = sections.slice(i, i + SLACK_LIMITS.blocks).map((text): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    messages.push({ text: `Weekly sync digest ${week}: the full lists (${messages.length + 1})`, blocks });
  }
  return messages;
}

/** Slack mrkdwn needs &, < and > escaped; everything else is shown as typed. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
