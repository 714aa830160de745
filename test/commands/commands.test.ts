// Operator actions and sync-status answers against the real service on the demo company: SQLite,
// the QuickBooks sandbox, the console channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/commands/actor';
import { renderAnswerText } from '../../src/commands/render-text';
import { answerStatusQuery } from '../../src/commands/status-answer';
import { parseStatusQuery } from '../../src/commands/status-query';
import type { StatusView } from '../../src/status/status-view';
import { createService } from '../../src/app/service';
import { startDemo, type DemoHarness } from '../scenario/harness';

const NOW = new Date('2026-11-18T15:00:00Z');
const DANA: Actor = { platform: 'slack', id: 'U0DANA', name: 'Dana Ortiz', channelId: 'C0OPS', groupIds: ['S0BOOKS'] };

describe('operator actions and sync-status on the demo company', () => {
  let h: DemoHarness;
  const numberOf = async (ruleId: string) =>
    (await h.booted.store.loadIncidents(h.booted.config.company.id)).find((i) => i.ruleId === ruleId && i.status !== 'resolved')!.number;
  const ask = (text: string) =>
    answerStatusQuery({ config: h.booted.config, store: h.booted.store, now: () => NOW }, parseStatusQuery(text));

  beforeAll(async () => {
    h = await startDemo(NOW);
    await h.service.runOnce();
    h.takeOutput();
  }, 60_000);
  afterAll(async () => h?.close());

  it('acknowledging edits the alert, says who in the thread, and is recorded in the history', async () => {
    const n = await numberOf('unapplied-payment');
    const result = await h.service.command(n, { type: 'acknowledge' }, DANA);
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      message: expect.stringMatching(new RegExp(`#${n} acknowledged by Dana Ortiz`)),
    });
    const out = h.takeOutput();
    expect(out).toMatch(new RegExp(`✎ #${n} updated`));
    expect(out).toMatch(/Acknowledged by Dana Ortiz/);

    const incident = await h.booted.store.loadIncident(h.booted.config.company.id, n);
    expect(incident).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana Ortiz' });
    const events = await h.booted.store.loadIncidentEvents(h.booted.config.company.id, incident!.id);
    expect(events.at(-1)).toMatchObject({
      type: 'acknowledged',
      actor: 'Dana Ortiz',
      data: { platform: 'slack', userId: 'U0DANA', channelId: 'C0OPS' },
    });

    const again = await h.service.command(n, { type: 'acknowledge' }, DANA);
    expect(again).toMatchObject({ ok: true, changed: false, message: expect.stringMatching(/already acknowledged by Dana Ortiz/) });
    expect(h.takeOutput()).toBe('');
  });

  it('a root cause marked by hand on an urgent problem re-classifies it to a Stabilization Sprint', async () => {
    const n = await numberOf('duplicate-customer');
    const before = await h.booted.store.loadIncident(h.booted.config.company.id, n);
    expect(before!.classification).toMatchObject({ action: 'diagnostic_review', severity: 'high', urgent: true, causeClear: false });

    const result = await h.service.command(
      `#${n}`,
      { type: 'root_cause', text: 'the CRM import creates a second customer when the phone format differs' },
      DANA,
    );
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/Stabilization Sprint \(critical\)/) });
    const after = await h.booted.store.loadIncident(h.booted.config.company.id, n);
    expect(after!.classification).toMatchObject({ action: 'stabilization_sprint', severity: 'critical', causeClear: true });
    expect(after!.classification.path.join(' ')).toMatch(/cause known: the CRM import creates a second customer/);
    const out = h.takeOutput();
    expect(out).toMatch(/Root cause marked by Dana Ortiz: the CRM import/);
    expect(out).toMatch(/Escalated to critical/);
  });

  it('snoozing sets the wake-up time, and the poll after it wakes the incident up again', async () => {
    const n = await numberOf('mismatch-invoice-status');
    const result = await h.service.command(n, { type: 'snooze', forMs: 86_400_000 }, DANA);
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/snoozed by Dana Ortiz until Thu 19 Nov/) });
    expect(await h.booted.store.loadIncident(h.booted.config.company.id, n)).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-11-19T15:00:00.000Z',
    });

    h.setNow(new Date('2026-11-19T16:00:00Z'));
    await h.service.runOnce();
    h.setNow(NOW);
    h.takeOutput();
    expect(await h.booted.store.loadIncident(h.booted.config.company.id, n)).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('refuses people outside the allow-list, unknown incidents and bad input, changing nothing', async () => {
    const n = await numberOf('late-invoice');
    const guarded = await createService({
      config: { ...h.booted.config, actions: { allow: [{ platform: 'slack', groups: ['S0BOOKS'] }] } },
      loadRules: h.booted.loadRules,
      store: h.booted.store,
      sources: [],
      channels: h.booted.channels,
      log: h.booted.log,
      now: () => NOW,
    });
    const stranger: Actor = { platform: 'slack', id: 'U0TECH', name: 'Sam Tech', channelId: 'C0OPS', groupIds: ['S0FIELD'] };
    expect(await guarded.command(n, { type: 'acknowledge' }, stranger)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/actions\.allow/),
    });
    expect(await guarded.command(n, { type: 'acknowledge' }, { ...stranger, platform: 'teams', groupIds: ['S0BOOKS'] })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await guarded.command(9999, { type: 'acknowledge' }, DANA)).toMatchObject({
      ok: false,
      code: 'not_found',
      message: expect.stringMatching(/no incident #9999/),
    });
    expect(await guarded.command(n, { type: 'snooze', forMs: 90 * 86_400_000 }, DANA)).toMatchObject({
      ok: false,
      code: 'invalid',
      message: expect.stringMatching(/30 days/),
    });
    expect(await guarded.command(n, { type: 'root_cause', text: '   ' }, DANA)).toMatchObject({ ok: false, code: 'invalid' });
    expect((await h.booted.store.loadIncident(h.booted.config.company.id, n))!.status).toBe('open');
    expect(h.takeOutput()).toBe('');
  });

  it('answers status with filters, keeping the company health', async () => {
    const all = await ask('');
    expect(all.kind === 'status' && all.view.health).toBe('failing');
    const high = await ask('high');
    expect(high.kind).toBe('status');
    if (high.kind !== 'status' || all.kind !== 'status') return;
    expect(high.view.health).toBe('failing');
    expect(high.view.incidents.length).toBeGreaterThan(0);
    expect(high.view.incidents.every((i) => i.severity === 'high')).toBe(true);
    expect(high.view.incidents.length).toBeLessThan(all.view.incidents.length);

    const payments = await ask('payments');
    expect(payments.kind === 'status' && payments.view.incidents.map((i) => i.rule)).toEqual(expect.arrayContaining(['unapplied-payment']));
    expect(payments.kind === 'status' && payments.view.incidents.map((i) => i.rule)).not.toContain('duplicate-customer');
  });

  it('heads a filtered answer with the company health and how many of its incidents match, never "FAILING · 0 open incidents"', async () => {
    const all = await ask('');
    const none = await ask('location:atlantis');
    if (all.kind !== 'status' || none.kind !== 'status') throw new Error('expected status answers');
    const text = renderAnswerText(none, NOW);
    expect(none.view.incidents).toEqual([]);
    expect(text).not.toMatch(/FAILING · 0 open incidents/);
    expect(text).toMatch(
      new RegExp(`^Sync health: FAILING · none of the company's ${all.view.incidents.length} open incidents match$`, 'm'),
    );
    const high = await ask('high');
    if (high.kind !== 'status') throw new Error('expected a status answer');
    expect(renderAnswerText(high, NOW)).toMatch(
      new RegExp(
        `^Sync health: FAILING · ${high.view.incidents.length} of the company's ${all.view.incidents.length} open incidents match \\(0 critical, ${high.view.incidents.length} high, 0 medium, 0 low\\) · \\$[\\d,.]+ at risk in them$`,
        'm',
      ),
    );
  });

  it('matches a location case-insensitively and by prefix, and says so when nothing is there', async () => {
    const incidents = await h.booted.store.loadIncidents(h.booted.config.company.id);
    const place = incidents.flatMap((i) => i.findings.map((f) => f.finding.location)).find((l): l is string => !!l)!;
    const answer = await ask(`location:${place.slice(0, 4).toLowerCase()}`);
    expect(answer.kind === 'status' && answer.filters.location).toBe(place);
    expect(answer.kind === 'status' && answer.view.incidents.length).toBeGreaterThan(0);

    const nowhere = await ask('location:Atlantis');
    expect(nowhere.kind === 'status' && nowhere.view.incidents).toEqual([]);
    expect(nowhere.kind === 'status' && nowhere.note).toMatch(/No incidents at "Atlantis"; locations with incidents: /);
  });

  it('lists what to correct before the books close, with the money, newest period only', async () => {
    const answer = await ask('close');
    expect(answer.kind).toBe('close');
    if (answer.kind !== 'close') return;
    expect(answer.view).toMatchObject({ period: 'November 2026', closeDate: '2026-12-05', daysToClose: 17 });
    expect(answer.view.items.length).toBeGreaterThan(0);
    expect(answer.view.totalCents).toBe(answer.view.items.reduce((n, i) => n + i.moneyCents, 0));
    const text = renderAnswerText(answer, NOW);
    expect(text).toMatch(/^Before the November 2026 books close on 2026-12-05 \(in 17 days\): \d+ records to correct, \$[\d,]+\.\d\d/);
  });

  it("lists each incident's findings with the records they name, and counts a record once in the money at risk", async () => {
    const answer = JSON.parse(JSON.stringify(await ask(''))) as { view: StatusView };
    const { incidents } = answer.view;
    const findings = incidents.flatMap((i) => i.findings);
    for (const i of incidents) expect(i.findings).toHaveLength(i.findingCount);
    for (const f of findings) {
      expect(f).toMatchObject({
        rule: expect.any(String),
        summary: expect.any(String),
        amountCents: expect.any(Number),
        amount: expect.stringMatching(/^-?\$[\d,]+\.\d\d$/),
      });
      expect(Object.keys(f.subject).sort()).toEqual(['amountCents', 'entity', 'id', 'label', 'number', 'side', 'source']);
    }
    // A row that could not be read has no trustworthy number or amount; every record that was read does.
    const invoices = findings.filter((f) => f.subject.entity === 'invoice' && f.rule !== 'malformed-record').map((f) => f.subject);
    expect(invoices.length).toBeGreaterThan(0);
    for (const s of invoices) expect(s).toMatchObject({ number: expect.any(String), amountCents: expect.any(Number) });
    expect(findings.flatMap((f) => f.related).every((r) => typeof r.id === 'string' && 'number' in r && 'amountCents' in r)).toBe(true);

    const largest = new Map<string, number>();
    for (const f of findings.filter((x) => !x.suppressed)) {
      const key = `${f.subject.side}|${f.subject.source}|${f.subject.id}`;
      largest.set(key, Math.max(largest.get(key) ?? 0, f.amountCents));
    }
    expect(answer.view.moneyAtRiskCents).toBe([...largest.values()].reduce((n, c) => n + c, 0));
    // The demo's hand-typed QuickBooks invoice is both a duplicate number and an orphan: per incident it counts twice.
    const inTwo = [...largest.keys()].filter(
      (k) => incidents.filter((i) => i.findings.some((f) => `${f.subject.side}|${f.subject.source}|${f.subject.id}` === k)).length > 1,
    );
    expect(inTwo.length).toBeGreaterThan(0);
    expect(answer.view.moneyAtRiskCents).toBeLessThan(incidents.reduce((n, i) => n + i.moneyAtRiskCents, 0));
  });

  it('traces a payment by its reference, with amounts and the incident that flags it', async () => {
    const incidents = (await h.booted.store.loadIncidents(h.booted.config.company.id)).filter((i) => i.status !== 'resolved');
    const flagged = incidents
      .flatMap((i) => i.findings.map((f) => ({ number: i.number, subject: f.finding.subject })))
      .find((x) => x.subject.entity === 'payment' && x.subject.number)!;
    expect(flagged).toBeDefined();
    const traced = await ask(`trace ${flagged.subject.number!}`);
    expect(traced.kind).toBe('trace');
    if (traced.kind !== 'trace') return;
    const hop = traced.trace.chains
      .flatMap((c) => c.hops)
      .find((h) => h.ref?.sourceId === flagged.subject.sourceId && h.ref.source === flagged.subject.source)!;
    expect(hop).toMatchObject({
      hop: expect.stringMatching(/_payment$/),
      ref: { amountCents: expect.any(Number) },
      incidents: expect.arrayContaining([flagged.number]),
    });
    const text = renderAnswerText(traced, NOW);
    expect(text).toMatch(new RegExp(`payment: Payment .* \\$[\\d,]+\\.\\d\\d \\(${flagged.subject.source} .*#${flagged.number}\\b`));
  });

  it('traces a record and explains unknown input with the help list', async () => {
    const incidents = await h.booted.store.loadIncidents(h.booted.config.company.id);
    const invoice = incidents.flatMap((i) => i.findings.map((f) => f.finding.subject)).find((s) => s.entity === 'invoice')!;
    const traced = await ask(`trace ${invoice.sourceId}`);
    expect(traced.kind === 'trace' && traced.trace.chains.length).toBeGreaterThan(0);

    const unknown = await ask('trce');
    expect(unknown.kind).toBe('unknown');
    const text = renderAnswerText(unknown, NOW, '/sync-status');
    expect(text).toMatch(/did you mean `trace`/);
    expect(text).toMatch(/\/sync-status close +what must be corrected by hand/);
  });
});
