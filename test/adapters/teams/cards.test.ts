import { describe, expect, it } from 'vitest';
import { parentSummary, renderParentCard, renderThreadCard, threadSummary } from '../../../adapters/teams/cards/alert-card';
import { VERBS } from '../../../adapters/teams/cards/card-actions';
import { TEAMS_LIMITS } from '../../../adapters/teams/cards/card-limits';
import { cardBytes, type AdaptiveCard } from '../../../adapters/teams/cards/elements';
import { renderAnswerCard } from '../../../adapters/teams/cards/status-card';
import type { ThreadUpdate } from '../../../src/notify/alert-view';
import { buildView } from '../../../src/notify/build-view';
import { buildStatusView } from '../../../src/status/status-view';
import { NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { anIncident } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { cardActions, cardLines } from './card-text';

/** What customers, memos and operators have been known to type, and what an attacker would. */
const HOSTILE = [
  '<at>Everyone</at>',
  '<at id="0">General</at> please pay',
  '[Click to fix](https://evil.example/pay)',
  '**URGENT** _wire the money_',
  '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
  '${$root.secret}',
  '"}],"actions":[{"type":"Action.OpenUrl","url":"https://evil.example"}]}',
  '\u202Eexe.gnp',
  'line one\nline two\r\n- a bullet',
  '<script>alert(1)</script>',
  'https://evil.example/x and www.evil.example',
  'Tom & Jerry <Plumbing>',
];
const hostile = HOSTILE.join(' ');

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'], fix: hostile });

/** Every TextRun/TextBlock string and every other string value in the card. */
function strings(node: unknown, out: Array<{ key: string; value: string }> = [], key = ''): Array<{ key: string; value: string }> {
  if (typeof node === 'string') out.push({ key, value: node });
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out, key));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, out, k);
  return out;
}

function assertInert(card: AdaptiveCard, summary?: string): void {
  // Only these elements exist: no TextBlock (markdown), no OpenUrl, no images, no mentions.
  const types = new Set(
    strings(card)
      .filter((s) => s.key === 'type')
      .map((s) => s.value),
  );
  for (const t of types)
    expect([
      'AdaptiveCard',
      'Container',
      'RichTextBlock',
      'TextRun',
      'Action.Execute',
      'Action.Submit',
      'Action.ShowCard',
      'Input.ChoiceSet',
      'Input.Text',
    ]).toContain(t);
  const keys = new Set(strings(card).map((s) => s.key));
  for (const k of ['selectAction', 'url', 'entities', 'mentioned']) expect(keys).not.toContain(k);
  const texts = [
    ...strings(card)
      .filter((s) => s.key === 'text')
      .map((s) => s.value),
    ...(summary ? [summary] : []),
  ];
  for (const t of texts) {
    expect(t).not.toMatch(/[<>]/); // no <at> mention or other tag
    expect(t).not.toMatch(/\{\{|\$\{/); // no template or date expression
    expect(t).not.toMatch(/https?:\/\//i); // no clickable URL
    expect(t).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/); // no bidi trickery
  }
  const verbs = cardActions(card)
    .filter((a) => a['type'] === 'Action.Execute')
    .map((a) => a['verb']);
  for (const v of verbs) expect(Object.values(VERBS)).toContain(v);
}

describe('record text on Teams cards', () => {
  it('can never mention, link, template or add a button, wherever it appears on the alert', () => {
    const incident = anIncident({
      title: `Invoice missing ${hostile}`,
      findings: HOSTILE.map((h, i) => aFinding({ key: `invoice:${i}`, summary: h, location: h })),
      rootCause: { text: hostile, by: 'operator', actor: '<at>Boss</at>', at: NOW.toISOString() },
    });
    const view = buildView(incident, rule);
    assertInert(renderParentCard(view, NOW), parentSummary(view));
    const update: ThreadUpdate = {
      incidentId: view.incidentId,
      number: 7,
      purpose: 'new_findings',
      headline: hostile,
      lines: view.topFindings,
      moreCount: 0,
      severity: 'high',
    };
    assertInert(renderThreadCard(update), threadSummary(update));
  });

  it('keeps the words readable: the customer’s name still says what it said', () => {
    const view = buildView(
      anIncident({ findings: [aFinding({ summary: 'Invoice 1043 (Tom & Jerry <Plumbing>) not in QuickBooks' })] }),
      rule,
    );
    expect(cardLines(renderParentCard(view, NOW))).toContain('• Invoice 1043 (Tom & Jerry ‹Plumbing›) not in QuickBooks');
  });

  it('can never inject anything through the status answer either', () => {
    const incidents = [anIncident({ title: hostile, findings: [aFinding({ summary: hostile, location: hostile })] })];
    const view = buildStatusView(
      incidents,
      [
        {
          sourceId: 'fieldpro',
          side: 'upstream',
          lastOkAt: null,
          lastErrorAt: NOW.toISOString(),
          lastError: { code: 'x', reason: 'server', message: hostile },
          consecutiveFailures: 2,
          newestRecordAt: null,
          recordCount: 0,
          cursor: null,
        },
      ],
      null,
    );
    assertInert(renderAnswerCard({ kind: 'status', view, filters: { location: hostile }, public: false, note: hostile }, NOW));
    assertInert(renderAnswerCard({ kind: 'unknown', message: hostile, commands: [] }, NOW));
  });
});

describe('card size', () => {
  it('keeps a parent with huge records under the Teams limit and sends the rest to the thread', () => {
    const huge = 'x'.repeat(20_000);
    const incident = anIncident({ findings: someFindings(40, { summary: huge, location: huge }) });
    const card = renderParentCard(buildView(incident, { ...rule, fix: huge }), NOW);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(cardLines(card).at(-1)).toMatch(/^… \d+ more: Show all records lists all 40$/);
  });

  it('trims a thread reply that would be too big and counts what it left out', () => {
    const lines = someFindings(20, { summary: 'y'.repeat(5_000) }).map((f) => ({
      key: f.key,
      summary: f.summary,
      amountCents: f.amountCents,
    }));
    const card = renderThreadCard({
      incidentId: 'i',
      number: 3,
      purpose: 'new_findings',
      headline: '20 new records',
      lines,
      moreCount: 180,
      severity: 'medium',
    });
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    const last = cardLines(card).at(-1)!;
    const shown = cardLines(card).filter((l) => l.startsWith('•')).length;
    expect(last).toBe(`… and ${200 - shown} more`);
  });

  it('lists as many incidents as fit in a status answer and says how to narrow it', () => {
    const incidents = Array.from({ length: 400 }, (_, i) =>
      anIncident({ ruleId: `rule-${i}`, number: i + 1, title: `Rule ${i} ${'z'.repeat(200)}` }),
    );
    const card = renderAnswerCard({ kind: 'status', view: buildStatusView(incidents, [], null), filters: {}, public: false }, NOW);
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(cardLines(card).at(-1)).toMatch(/^… \d+ more: narrow with a filter, e\.g\. sync-status high$/);
  });
});
