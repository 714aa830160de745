// Record text is written by people outside our control: a customer named "<!channel>", an item
// memo with a link, a name with terminal escape codes. Whatever lands in an alert must reach the
// channel as words — no pings, no hidden links, no escape sequences, nothing over a platform limit.
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../../adapters/console/console-channel';
import { answerBlocks } from '../../../adapters/slack/render-status';
import { LIMITS } from '../../../adapters/slack/block-limits';
import { renderParent, renderThread } from '../../../adapters/slack/render-alert';
import { parentSummary, renderParentCard, renderThreadCard, threadSummary } from '../../../adapters/teams/cards/alert-card';
import { parseStatusQuery, STATUS_HELP } from '../../../src/commands/status-query';
import type { AlertView, ThreadUpdate } from '../../../src/notify/alert-view';
import type { OutboxItem } from '../../../src/notify/outbox';
import { runs } from '../fuzz/arbitraries';
import { blockTexts, cardTexts, CORPUS, hiddenDangers, injected, slackDangers, teamsDangers } from '../support/hostile-text';

const NOW = new Date('2026-11-27T15:00:00Z');

function aView(s: string): AlertView {
  return {
    incidentId: 'inc-1',
    number: 7,
    title: `Invoice missing for ${s}`,
    ruleId: 'missing-invoice',
    status: 'acknowledged',
    severity: 'high',
    action: 'diagnostic_review' as AlertView['action'],
    actionLabel: 'Run a diagnostic review',
    pathLine: `affects billing · ${s}`,
    strategic: false,
    fix: `Map item ${s} in the sync settings`,
    cause: s,
    findingCount: 3,
    suppressedCount: 0,
    amountAtRiskCents: 41_200,
    oldestSince: '2026-11-20T15:00:00Z',
    locations: [s, 'North'],
    impact: ['billing'],
    topFindings: [1, 2, 3].map((i) => ({
      key: `k${i}`,
      summary: `Invoice 104${i} for ${s} not in QuickBooks`,
      brokenHop: s,
      amountCents: 100 * i,
    })),
    acknowledgedBy: s,
    openedAt: '2026-11-20T15:00:00Z',
  };
}

function anUpdate(s: string): ThreadUpdate {
  return {
    incidentId: 'inc-1',
    number: 7,
    purpose: 'new_findings',
    headline: `New: ${s}`,
    lines: [{ key: 'k', summary: s, brokenHop: s, amountCents: 1 }],
    moreCount: 0,
    severity: 'high',
  };
}

function limitProblems(blocks: Array<Record<string, unknown>>, text: string): string[] {
  const problems: string[] = [];
  if (blocks.length > LIMITS.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  if (text.length > LIMITS.fallbackText) problems.push(`fallback text ${text.length}`);
  for (const b of blocks) {
    const t = (b['text'] as { text?: string } | undefined)?.text ?? '';
    if (b['type'] === 'header' && t.length > LIMITS.headerText) problems.push(`header ${t.length}`);
    if (b['type'] === 'section' && t.length > LIMITS.sectionText) problems.push(`section ${t.length}`);
    for (const e of (b['elements'] as Array<{ text?: string }> | undefined) ?? [])
      if ((e.text?.length ?? 0) > LIMITS.contextText) problems.push(`context ${e.text!.length}`);
  }
  return problems;
}

describe('the injection corpus', () => {
  it('reaches Slack as words: no mention, link or auto-link, within every Block Kit limit', () => {
    fc.assert(
      fc.property(injected, (s) => {
        for (const msg of [renderParent(aView(s), NOW), renderThread(anUpdate(s))]) {
          for (const t of [...blockTexts(msg.blocks), msg.text]) expect(slackDangers(t)).toEqual([]);
          for (const t of blockTexts(msg.blocks, 'plain_text')) expect(hiddenDangers(t)).toEqual([]);
          expect(limitProblems(msg.blocks as Array<Record<string, unknown>>, msg.text)).toEqual([]);
        }
      }),
      runs(500),
    );
  });

  it('reaches Teams as words: no mention tag, clickable link, card expression or control character', () => {
    fc.assert(
      fc.property(injected, (s) => {
        const texts = [
          ...cardTexts(renderParentCard(aView(s), NOW)),
          ...cardTexts(renderThreadCard(anUpdate(s))),
          parentSummary(aView(s)),
          threadSummary(anUpdate(s)),
        ];
        for (const t of texts) expect(teamsDangers(t)).toEqual([]);
        // Adaptive Cards are refused above about 28 KB.
        expect(JSON.stringify(renderParentCard(aView(s), NOW)).length).toBeLessThan(28_000);
      }),
      runs(500),
    );
  });

  it('reaches a /sync-status answer as words when it is typed as a filter', () => {
    fc.assert(
      fc.property(injected, fc.constantFrom('severity:', 'entity:', 'location:', 'trace ', 'nosuch:', ''), (s, prefix) => {
        const query = parseStatusQuery(`${prefix}${s}`);
        if (query.kind !== 'unknown') return;
        const { blocks, text } = answerBlocks({ kind: 'unknown', message: query.message, commands: STATUS_HELP }, NOW);
        for (const t of [...blockTexts(blocks), text]) expect(slackDangers(t)).toEqual([]);
      }),
      runs(500),
    );
  });

  it('reaches the console without terminal escape sequences or control characters', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const channel = createConsoleChannel({ name: 'console', out, now: () => NOW });
    let id = 0;
    for (const s of CORPUS) {
      const base = {
        companyId: 'c',
        incidentId: 'inc-1',
        channel: 'console',
        createdAt: NOW.toISOString(),
        status: 'sending',
        attempts: 1,
        nextAttemptAt: NOW.toISOString(),
        lastError: null,
      } as const;
      await channel.deliver({ ...base, id: ++id, op: 'post_parent', body: { kind: 'parent', view: aView(s) } } as OutboxItem, null);
      await channel.deliver({ ...base, id: ++id, op: 'reply', body: { kind: 'thread', update: anUpdate(s) } } as OutboxItem, {
        companyId: 'c',
        incidentId: 'inc-1',
        channel: 'console',
        destination: 'stdout',
        parentRef: 'console-1',
      });
    }
    expect(printed.match(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/g) ?? []).toEqual([]);
  });
});
