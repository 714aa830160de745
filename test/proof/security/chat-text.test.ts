// The hostile corpus through every place record text reaches a chat, the weekly digests included:
// a location named "<!channel>", an incident title with a disguised link, a customer name with
// terminal escapes or a bidi override. Each arrives as words; emoji arrive exactly as typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderParent, renderThread } from '../../../adapters/slack/render-alert';
import { renderDigestBlocks } from '../../../adapters/slack/render-digest';
import { answerBlocks } from '../../../adapters/slack/render-status';
import { parentSummary, renderParentCard, renderThreadCard } from '../../../adapters/teams/cards/alert-card';
import { renderDigestCard } from '../../../adapters/teams/cards/digest-card';
import { renderAnswerCard } from '../../../adapters/teams/cards/status-card';
import { renderDigestText } from '../../../src/digest/render-text';
import type { DigestSnapshot } from '../../../src/digest/snapshot';
import type { DigestView } from '../../../src/digest/view';
import type { AlertView, ThreadUpdate } from '../../../src/notify/alert-view';
import { week12View } from '../../digest/history';
import { runs } from '../fuzz/arbitraries';
import {
  blockTexts,
  cardTexts,
  CORPUS,
  EMOJI,
  hiddenDangers,
  injected,
  markdownElements,
  slackDangers,
  teamsDangers,
} from '../support/hostile-text';

const NOW = new Date('2026-04-02T14:00:00Z');

/** Week 12's digest with `s` wherever record text reaches it: company, locations, incident titles. */
function digestWith(s: string): DigestView {
  const edit = (snap: DigestSnapshot): DigestSnapshot => ({
    ...snap,
    moneyAtRisk: {
      ...snap.moneyAtRisk,
      byLocation: [
        { location: s, cents: 90_000 },
        ...Array.from({ length: 7 }, (_, i) => ({ location: `${s} ${i + 2}`, cents: 1_000 - i })),
      ],
    },
    incidents: {
      ...snap.incidents,
      oldestOpen: snap.incidents.oldestOpen ? { ...snap.incidents.oldestOpen, title: `Invoice missing · ${s}` } : null,
    },
    top: snap.top.map((p) => ({ ...p, title: `${p.title} · ${s}` })),
  });
  return week12View(`Acme ${s}`, edit);
}

function alertWith(s: string): AlertView {
  return {
    incidentId: 'inc-1',
    number: 7,
    title: `Invoice missing for ${s}`,
    ruleId: 'missing-invoice',
    status: 'open',
    severity: 'high',
    action: 'diagnostic_review' as AlertView['action'],
    actionLabel: 'Run a diagnostic review',
    pathLine: `affects billing · ${s}`,
    strategic: false,
    findingCount: 1,
    suppressedCount: 0,
    amountAtRiskCents: 41_200,
    locations: [s],
    impact: ['billing'],
    topFindings: [{ key: 'k1', summary: `Invoice 1041 for ${s} not in QuickBooks`, brokenHop: s, amountCents: 100 }],
    openedAt: '2026-03-30T15:00:00Z',
  };
}

const update = (s: string): ThreadUpdate => ({
  incidentId: 'inc-1',
  number: 7,
  purpose: 'new_findings',
  headline: `New: ${s}`,
  lines: [{ key: 'k', summary: s, amountCents: 1 }],
  moreCount: 0,
  severity: 'high',
});

/** Every mrkdwn text of the Slack digest: blocks of the message and its thread, and the fallback texts. */
function slackDigestTexts(view: DigestView): string[] {
  const { main, thread } = renderDigestBlocks(view);
  return [main, ...thread].flatMap((m) => [m.text, ...blockTexts(m.blocks)]);
}

/** The digest's header: plain text, shown as typed. */
const slackDigestHeader = (view: DigestView): string[] => blockTexts(renderDigestBlocks(view).main.blocks, 'plain_text');

function teamsDigestCards(view: DigestView) {
  const { card, thread } = renderDigestCard(view);
  return [card, ...thread];
}

describe('record text in the weekly digest', () => {
  it('reaches Slack as words: no mention, hidden or bare link, control character, bidi override or escape sequence', () => {
    fc.assert(
      fc.property(injected, (s) => {
        for (const t of slackDigestTexts(digestWith(s))) expect(slackDangers(t)).toEqual([]);
        for (const t of slackDigestHeader(digestWith(s))) expect(hiddenDangers(t)).toEqual([]);
      }),
      runs(100),
    );
  });

  it('reaches Teams as words: only TextRuns (never markdown), no tag, link, card expression, control character or bidi override', () => {
    fc.assert(
      fc.property(injected, (s) => {
        for (const card of teamsDigestCards(digestWith(s))) {
          expect(markdownElements(card)).toEqual([]);
          for (const t of cardTexts(card)) expect(teamsDangers(t)).toEqual([]);
        }
      }),
      runs(100),
    );
  });

  it('reaches the console and `digest --preview` without terminal escape sequences, control characters or bidi overrides', () => {
    const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
    for (const s of CORPUS) expect(renderDigestText(digestWith(s)).match(hidden) ?? []).toEqual([]);
  });

  it('shows a location typed with a disguised link as the words a person typed, the link defused', () => {
    const slack = slackDigestTexts(digestWith('[Open QuickBooks](https://evil.example/login)')).join('\n');
    expect(slack).toContain('[Open QuickBooks](https:\u200b//evil.\u200bexample/login)');
    const teams = teamsDigestCards(digestWith('[Open QuickBooks](https://evil.example/login)'))
      .flatMap((c) => cardTexts(c))
      .join('\n');
    expect(teams).toContain('[Open QuickBooks](https[:]//evil.example/login)');
  });

  it('drops a bidi override and a terminal escape from a location but keeps its words', () => {
    const view = digestWith('\u202egnp.exe \u001b[31mNorth\u001b[0m');
    expect(slackDigestTexts(view).join('\n')).toContain('gnp.\u200bexe North');
    expect(
      teamsDigestCards(view)
        .flatMap((c) => cardTexts(c))
        .join('\n'),
    ).toContain('gnp.exe North');
  });
});

describe('emoji in record text', () => {
  it.each(EMOJI)('arrive unchanged in Slack alerts, thread replies, answers and the digest: %s', (emoji) => {
    const name = `Café ${emoji} Plumbing`;
    const alert = renderParent(alertWith(name), NOW);
    const where = {
      'alert header': blockTexts(alert.blocks, 'plain_text'),
      'alert body': blockTexts(alert.blocks),
      'thread reply': blockTexts(renderThread(update(name)).blocks),
      answer: blockTexts(answerBlocks({ kind: 'unknown', message: `Unknown filter "${name}"`, commands: [] }, NOW).blocks),
      'digest header': slackDigestHeader(digestWith(name)),
      digest: slackDigestTexts(digestWith(name)),
    };
    for (const [place, texts] of Object.entries(where))
      expect(
        texts.some((t) => t.includes(name)),
        place,
      ).toBe(true);
  });

  it.each(EMOJI)('arrive unchanged in Teams alert cards, thread replies, answers, summaries and the digest card: %s', (emoji) => {
    const name = `Café ${emoji} Plumbing`;
    const where = {
      'alert card': cardTexts(renderParentCard(alertWith(name), NOW)),
      'thread reply': cardTexts(renderThreadCard(update(name))),
      answer: cardTexts(renderAnswerCard({ kind: 'unknown', message: `Unknown filter "${name}"`, commands: [] }, NOW)),
      summary: [parentSummary(alertWith(name))],
      'digest card': teamsDigestCards(digestWith(name)).flatMap((c) => cardTexts(c)),
    };
    for (const [place, texts] of Object.entries(where))
      expect(
        texts.some((t) => t.includes(name)),
        place,
      ).toBe(true);
  });
});
