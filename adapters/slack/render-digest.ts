// The digest as Slack Block Kit, as a pure function of the chat-neutral DigestView. Limits come from
// block-limits.ts (Slack rejects the whole message otherwise) and every string of the view goes
// through the Slack sanitiser (escape.ts): location names and incident titles are record text.
// Long lists show their head; the rest goes to thread replies, themselves paginated to fit.
import { plural } from '../../src/digest/recommend';
import type { DigestFigure, DigestLine, DigestView } from '../../src/digest/view';
import { TREND_WEEKS } from '../../src/digest/compute-snapshot';
import { cut, LIMITS, type Block } from './block-limits';
import { mrkdwn } from './escape';
import { context, header, lineSections, md, type SlackMessage } from './render-alert';

/** Items of a list shown in the main message before the rest moves to the thread. */
const LIST_HEAD = 5;

export interface SlackDigest {
  /** The message in the channel; its `text` is the notification and accessibility fallback. */
  main: SlackMessage;
  /** Replies in the digest's thread: the rest of long lists. */
  thread: SlackMessage[];
}

const SEVERITY_ICON = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
} as const;

export function renderDigestBlocks(view: DigestView): SlackDigest {
  const blocks: Block[] = [];
  const threadLines: string[] = [];
  const listWithRest = (title: string, lines: readonly DigestLine[], keep: number = LIST_HEAD, separator = ' · '): string => {
    const shown = lines.slice(0, keep);
    const rest = lines.length - shown.length;
    if (rest > 0)
      threadLines.push(`*${mrkdwn(title)}* (all ${lines.length})`, ...lines.map((l) => `• ${mrkdwn(l.label)}: ${mrkdwn(l.value)}`), '');
    const body = shown.map((l) => `${mrkdwn(l.label)} ${mrkdwn(l.value)}`).join(separator) || 'none';
    return rest > 0 ? `${body} · _+${rest} more in the thread_` : body;
  };

  blocks.push(header(`Weekly sync digest · ${view.companyName} · ${view.week}`));
  blocks.push(context(`${mrkdwn(view.period)} · every figure with its change from last week`));
  blocks.push(
    md(
      [
        `*Health ${view.health.score}/100 · ${mrkdwn(view.health.bandLabel)}* (${mrkdwn(view.health.change)})`,
        ...view.health.movers.map((m) => `• ${mrkdwn(m)}`),
      ].join('\n'),
    ),
  );
  blocks.push(
    md(
      [
        `${view.recommendation.requestReview ? ':rotating_light:' : ':white_check_mark:'} *${mrkdwn(view.recommendation.headline)}*`,
        ...view.recommendation.signals.map(
          (s) => `${s.fired ? ':ballot_box_with_check:' : ':white_large_square:'} ${mrkdwn(s.label)}: ${mrkdwn(s.detail)}`,
        ),
      ].join('\n'),
    ),
  );
  blocks.push({ type: 'divider' });
  const fields = [view.trust, view.moneyAtRisk, view.incidents, view.cleanup, view.growth].map((f) => ({
    type: 'mrkdwn' as const,
    text: cut(fieldText(f), LIMITS.fieldText),
  }));
  blocks.push({ type: 'section', fields: fields.slice(0, LIMITS.fields) });
  blocks.push(md(`*Money at risk by age*\n${listWithRest('Money at risk by age', view.moneyAtRisk.byAge)}`));
  blocks.push(md(`*Money at risk by location*\n${listWithRest('Money at risk by location', view.moneyAtRisk.byLocation)}`));
  blocks.push(md(`*Incidents*\n${view.incidents.lines.map((l) => `${mrkdwn(l.label)}: ${mrkdwn(l.value)}`).join('\n')}`));
  blocks.push(
    md(
      `*Growth*\n${mrkdwn(view.growth.detail ?? '')}\n${listWithRest('Findings per 1,000 records by week', [...view.growth.weeks].reverse(), TREND_WEEKS, '\n')}`,
    ),
  );
  blocks.push({ type: 'divider' });
  blocks.push(md(view.top.length > 0 ? '*Top problems*' : '*Top problems:* none open'));
  for (const p of view.top) {
    blocks.push(
      md(
        `${SEVERITY_ICON[p.severity]} *${mrkdwn(p.title)}* · ${mrkdwn(p.money)} · ${plural(p.findings, 'finding')}\n→ *${mrkdwn(p.action)}*${p.fix ? `: ${mrkdwn(p.fix)}` : ''}\n_${mrkdwn(p.path)}_`,
      ),
    );
  }
  blocks.push(context(':chart_with_upwards_trend: 8-week trend (open incidents by severity, money at risk) attached.'));

  const fallback = cut(
    mrkdwn(
      `Weekly sync digest ${view.week}: health ${view.health.score}/100 (${view.health.bandLabel}), ${view.trust.value}, ${view.moneyAtRisk.value} at risk. ${view.recommendation.headline}`,
    ),
    LIMITS.fallbackText,
  );
  return { main: { text: fallback, blocks: blocks.slice(0, LIMITS.blocksPerMessage) }, thread: threadMessages(threadLines, view.week) };
}

function fieldText(f: DigestFigure): string {
  return `*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}\n_${mrkdwn(f.change)}_${f.detail ? `\n${mrkdwn(f.detail)}` : ''}`;
}

/** The thread: sections of at most 3,000 characters, at most 50 blocks a message. */
function threadMessages(lines: readonly string[], week: string): SlackMessage[] {
  if (lines.length === 0) return [];
  const sections = lineSections([...lines]);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < sections.length; i += LIMITS.blocksPerMessage) {
    messages.push({
      text: `Weekly sync digest ${week}: the full lists (${messages.length + 1})`,
      blocks: sections.slice(i, i + LIMITS.blocksPerMessage),
    });
  }
  return messages;
}
