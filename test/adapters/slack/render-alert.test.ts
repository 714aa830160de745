import { describe, expect, it } from 'vitest';
import { buildView } from '../../../src/notify/build-view';
import type { ThreadUpdate } from '../../../src/notify/alert-view';
import { ACTIONS } from '../../../adapters/slack/action-ids';
import { LIMITS } from '../../../adapters/slack/block-limits';
import { mrkdwn } from '../../../adapters/slack/escape';
import { renderParent, renderThread } from '../../../adapters/slack/render-alert';
import { NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { anIncident } from '../../builders/incidents';
import { aRule } from '../../builders/rules';

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<@U123>',
  '<#C999|general>',
  '<https://evil.example/pay|Click to fix>',
  'https://evil.example/x',
  'evil.example',
  'pay@evil.example',
  'Tom & Jerry <Plumbing>',
  '<!subteam^S123>',
];

/** Every string in a message Slack will parse as mrkdwn: the fallback text and mrkdwn objects. */
function mrkdwnTexts(msg: { text: string; blocks: unknown[] }): string[] {
  const out = [msg.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['type'] === 'mrkdwn' && typeof o['text'] === 'string') out.push(o['text']);
      Object.values(o).forEach(walk);
    }
  };
  walk(msg.blocks);
  return out;
}

function assertNeutral(texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toMatch(/<[!@#]/); // no mention, channel link or special command
    expect(t).not.toMatch(/<https?:/); // no hidden link
    expect(t).not.toMatch(/https?:\/\//); // no bare URL for the auto-linker
    expect(t).not.toMatch(/\bevil\.example\b/); // no bare domain either
  }
}

describe('record text in Slack messages', () => {
  it('can never ping anyone or link anywhere, whatever a customer is called', () => {
    const findings = HOSTILE.map((name, i) =>
      aFinding({ key: `invoice:${i}`, summary: `Invoice ${i} for ${name} not in QuickBooks`, location: name }),
    );
    const incident = anIncident({ findings, title: `Duplicate customer ${HOSTILE[0]}`, acknowledgedBy: '<@U999>', status: 'acknowledged' });
    const rule = aRule('missing', { id: 'missing-invoice', fix: 'see <https://evil.example|the docs>' });
    const parent = renderParent(
      { ...buildView(incident, rule), topFindings: findings.map((f) => ({ key: f.key, summary: f.summary, amountCents: 1 })) },
      NOW,
    );
    assertNeutral(mrkdwnTexts(parent));
    const update: ThreadUpdate = {
      incidentId: incident.id,
      number: 7,
      purpose: 'new_findings',
      headline: HOSTILE.join(' '),
      lines: findings.map((f) => ({ key: f.key, summary: f.summary, amountCents: 1, brokenHop: '<!channel>' })),
      moreCount: 0,
      severity: 'medium',
    };
    assertNeutral(mrkdwnTexts(renderThread(update)));
  });

  it('still reads as the same words to a person', () => {
    expect(mrkdwn('Tom & Jerry <Plumbing>')).toBe('Tom &amp; Jerry &lt;Plumbing&gt;');
    expect(mrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
    expect(mrkdwn('https://evil.example').replace(/\u200b/g, '')).toBe('https://evil.example');
    expect(mrkdwn('Invoice 1001.50 for $1,234.00')).toBe('Invoice 1001.50 for $1,234.00');
  });
});

describe('Block Kit limits', () => {
  it('keeps the header within 150 characters and every section within 3,000', () => {
    const long = 'x'.repeat(5000);
    const incident = anIncident({ title: long, findings: [aFinding({ summary: long })] });
    const msg = renderParent(buildView(incident, aRule('missing', { id: 'missing-invoice', fix: long })), NOW);
    const headerBlock = msg.blocks.find((b) => b.type === 'header') as unknown as { text: { text: string } };
    expect(headerBlock.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    for (const b of msg.blocks.filter((b) => b.type === 'section') as Array<{
      text?: { text: string };
      fields?: Array<{ text: string }>;
    }>) {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    expect(msg.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('never sends more than 50 blocks, and keeps the buttons when it has to leave findings out', () => {
    const update: ThreadUpdate = {
      incidentId: 'i',
      number: 7,
      purpose: 'new_findings',
      headline: '200 new records',
      lines: someFindings(200).map((f) => ({ key: f.key, summary: `${f.summary} ${'y'.repeat(2900)}`, amountCents: f.amountCents })),
      moreCount: 0,
      severity: 'high',
    };
    const thread = renderThread(update);
    expect(thread.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(JSON.stringify(thread.blocks).length).toBeLessThan(13_000);
    expect(JSON.stringify(thread.blocks.at(-1))).toContain('left out');

    const incident = anIncident({ findings: someFindings(5, { summary: 'z'.repeat(2999) }) });
    const parent = renderParent(buildView(incident, undefined), NOW);
    expect(parent.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    const actions = parent.blocks.at(-1) as { type: string; elements: Array<{ action_id: string }> };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      ACTIONS.acknowledge,
      ACTIONS.snoozeDay,
      ACTIONS.snoozeWeek,
      ACTIONS.rootCause,
      ACTIONS.showTrace,
    ]);
  });

  it('drops the buttons once the incident is resolved', () => {
    const msg = renderParent(buildView(anIncident({ status: 'resolved', resolvedAt: NOW.toISOString() }), undefined), NOW);
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(msg.text).toContain('RESOLVED');
  });
});
