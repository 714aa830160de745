import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/model';
import type { Plan, PlanInput } from '../../../src/notify/plan';
import { planNotifications } from '../../../src/notify/plan';
import type { OutboxDraft } from '../../../src/notify/outbox';
import { after, DAY, daysAgo, HOUR, MINUTE, NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { aChange, anEvent, anIncident, anIncidentFinding } from '../../builders/incidents';
import { aNotifyState, aPlanInput } from '../../builders/notify';
import { aRule, shippedRule } from '../../builders/rules';

const rules = new Map([['missing-invoice', shippedRule('missing-invoice')]]);

function plan(overrides: Partial<PlanInput>): Plan {
  return planNotifications(aPlanInput({ rules, ...overrides }));
}

/** "post_parent", "reply: 2 new records", "broadcast: Escalated …" — what the channel will show. */
function shown(drafts: OutboxDraft[]): string[] {
  return drafts.map((d) => (d.body.kind === 'thread' ? `${d.op}: ${d.body.update.headline}` : d.op));
}

/** Posts `incident` as a new one and returns the channel state the planner kept. */
function told(incident: Incident, at: Date = NOW) {
  return plan({ now: at, changes: [aChange(incident, { events: [anEvent(incident, 'opened')] })], incidents: [incident] }).state;
}

describe('planning what each channel hears', () => {
  it('posts one parent message for a new medium incident', () => {
    const incident = anIncident({ findings: someFindings(3) });

    const { outbox, state } = plan({ changes: [aChange(incident, { events: [anEvent(incident, 'opened')] })], incidents: [incident] });

    expect(shown(outbox)).toEqual(['post_parent']);
    expect(outbox[0]).toMatchObject({ channel: 'ops', incidentId: incident.id, companyId: incident.companyId });
    expect(outbox[0]!.body).toMatchObject({
      kind: 'parent',
      view: { number: 7, findingCount: 3, amountAtRiskCents: 29_997, severity: 'medium' },
    });
    expect(state).toEqual([expect.objectContaining({ parentPlanned: true, severity: 'medium', status: 'open' })]);
  });

  it('adds one reply listing every record when the new incident has more than 5', () => {
    const incident = anIncident({ findings: someFindings(7) });

    const { outbox } = plan({ changes: [aChange(incident)], incidents: [incident] });

    expect(shown(outbox)).toEqual(['post_parent', 'reply: All 7 records']);
    const reply = outbox[1]!.body;
    expect(reply).toMatchObject({ kind: 'thread', update: { purpose: 'new_findings' } });
    expect(reply.kind === 'thread' && reply.update.lines.map((l) => l.key)).toEqual(someFindings(7).map((f) => f.key));
  });

  it('does not list the records in a reply when a new incident has exactly 5', () => {
    const incident = anIncident({ findings: someFindings(5) });

    expect(shown(plan({ changes: [aChange(incident)], incidents: [incident] }).outbox)).toEqual(['post_parent']);
  });

  it('keeps the parent to the top 5 records, biggest money first', () => {
    const incident = anIncident({ findings: [...someFindings(6), aFinding({ key: 'invoice:big', amountCents: 99_000 })] });

    const { outbox } = plan({ changes: [aChange(incident)], incidents: [incident] });

    const parent = outbox[0]!.body;
    expect(parent.kind === 'parent' && parent.view.topFindings.map((f) => f.key)).toEqual([
      'invoice:big',
      'invoice:1001',
      'invoice:1002',
      'invoice:1003',
      'invoice:1004',
    ]);
  });

  it('plans nothing when the incident is as the channel was last told', () => {
    const incident = anIncident();
    const state = told(incident);

    expect(plan({ now: after(5 * MINUTE), incidents: [incident], state }).outbox).toEqual([]);
  });

  it('edits the parent and replies with the new records when findings are added', () => {
    const before = anIncident({ findings: someFindings(2) });
    const state = told(before);
    const grown = anIncident({ findings: someFindings(3) });
    const added = [anIncidentFinding(someFindings(3)[2]!)];

    const { outbox } = plan({
      now: after(5 * MINUTE),
      changes: [aChange(grown, { before, events: [anEvent(grown, 'findings_added')], added })],
      incidents: [grown],
      state,
    });

    expect(shown(outbox)).toEqual(['edit_parent', 'reply: 1 new record']);
    expect(outbox[1]!.body).toMatchObject({ kind: 'thread', update: { purpose: 'new_findings', lines: [{ key: 'invoice:1003' }] } });
  });

  it('does not announce added findings that are held back by a stale source', () => {
    const before = anIncident({ findings: someFindings(2) });
    const state = told(before);
    const held = aFinding({ key: 'invoice:held', suppressedBy: 'QuickBooks Online' });
    const grown = anIncident({ findings: [...someFindings(2), held] });

    const { outbox } = plan({
      now: after(5 * MINUTE),
      changes: [aChange(grown, { before, added: [anIncidentFinding(held)] })],
      incidents: [grown],
      state,
    });

    expect(shown(outbox)).toEqual(['edit_parent']);
  });

  it('replies with the fixed records when some findings resolve', () => {
    const before = anIncident({ findings: someFindings(2) });
    const state = told(before);
    const shrunk = anIncident({ findings: someFindings(1) });
    const resolved = [anIncidentFinding(someFindings(2)[1]!, { resolvedAt: after(5 * MINUTE).toISOString() })];

    const { outbox } = plan({ now: after(5 * MINUTE), changes: [aChange(shrunk, { before, resolved })], incidents: [shrunk], state });

    expect(shown(outbox)).toEqual(['edit_parent', 'reply: 1 fixed']);
  });

  it('broadcasts an escalation into the channel', () => {
    const before = anIncident();
    const state = told(before);
    const high = anIncident({
      classification: {
        severity: 'high',
        path: ['occasional', 'affects billing', 'urgent: $3,000.00 at risk', '→ Run a diagnostic review'],
      },
    });

    const { outbox } = plan({
      now: after(5 * MINUTE),
      changes: [aChange(high, { before, events: [anEvent(high, 'escalated')] })],
      incidents: [high],
      state,
    });

    expect(shown(outbox)).toEqual([
      'edit_parent',
      'broadcast: Escalated to high: Run a diagnostic review — occasional · affects billing · urgent: $3,000.00 at risk → Run a diagnostic review',
    ]);
    expect(outbox[1]!.body).toMatchObject({ kind: 'thread', update: { purpose: 'escalation', severity: 'high' } });
  });

  it('edits the parent and replies "Resolved after …" when the incident resolves', () => {
    const open = anIncident({ openedAt: daysAgo(2) });
    const state = told(open, new Date(daysAgo(2)));
    const resolved = anIncident({ openedAt: daysAgo(2), status: 'resolved', resolvedAt: NOW.toISOString(), findings: [] });

    const { outbox } = plan({
      changes: [aChange(resolved, { before: open, events: [anEvent(resolved, 'resolved')] })],
      incidents: [resolved],
      state,
    });

    expect(shown(outbox)).toEqual(['edit_parent', 'reply: Resolved after 2 days']);
    expect(outbox[0]!.body).toMatchObject({ view: { status: 'resolved' } });
    expect(outbox[1]!.body).toMatchObject({ kind: 'thread', update: { purpose: 'resolution' } });
  });

  it('broadcasts a reopening as a recurrence', () => {
    const resolved = anIncident({ status: 'resolved', resolvedAt: daysAgo(1), findings: [] });
    const state = [aNotifyState(resolved.id, { status: 'resolved', viewHash: 'resolved view' })];
    const reopened = anIncident({
      reopenCount: 1,
      classification: { path: ['recurring (reopened 1×)', 'affects billing', 'cause not yet known', '→ Run a diagnostic review'] },
    });

    const { outbox } = plan({
      changes: [aChange(reopened, { before: resolved, events: [anEvent(reopened, 'reopened')], added: reopened.findings })],
      incidents: [reopened],
      state,
    });

    expect(shown(outbox)).toEqual(['edit_parent', 'broadcast: Reopened (1st recurrence) — Run a diagnostic review', 'reply: 1 new record']);
  });

  it('replies in the thread when an operator acknowledges', () => {
    const before = anIncident();
    const state = told(before);
    const acked = anIncident({ status: 'acknowledged', acknowledgedBy: 'maria' });

    const { outbox } = plan({
      now: after(MINUTE),
      changes: [aChange(acked, { before, events: [anEvent(acked, 'acknowledged', { actor: 'maria' })] })],
      incidents: [acked],
      state,
    });

    expect(shown(outbox)).toEqual(['edit_parent', 'reply: Acknowledged by maria']);
  });
});

describe('low severity', () => {
  const low = anIncident({ classification: { severity: 'low', action: 'monitor' } });

  it('is not posted to chat (digest only)', () => {
    expect(plan({ changes: [aChange(low)], incidents: [low] }).outbox).toEqual([]);
  });

  it('is posted when notify_low is on', () => {
    expect(shown(plan({ changes: [aChange(low)], incidents: [low], notifyLow: true }).outbox)).toEqual(['post_parent']);
  });

  it('is posted once it escalates to medium', () => {
    const medium = anIncident();

    expect(
      shown(plan({ changes: [aChange(medium, { before: low, events: [anEvent(medium, 'escalated')] })], incidents: [medium] }).outbox),
    ).toEqual(['post_parent']);
  });

  it('never posts an incident that resolved before anyone was told', () => {
    const resolved = anIncident({ status: 'resolved', resolvedAt: NOW.toISOString(), findings: [] });

    expect(plan({ changes: [aChange(resolved)], incidents: [resolved] }).outbox).toEqual([]);
  });
});

describe('reminders', () => {
  it('reminds in the thread once the repeat interval has passed on an open incident', () => {
    const incident = anIncident({ findings: someFindings(2), openedAt: NOW.toISOString() });
    const state = told(incident);

    const { outbox } = plan({ now: after(DAY + HOUR), incidents: [incident], state });

    expect(shown(outbox)).toEqual(['reply: Still open after 25 h: 2 records, $199.99 at risk — Run a diagnostic review']);
  });

  it('does not remind before the repeat interval', () => {
    const incident = anIncident();
    const state = told(incident);

    expect(plan({ now: after(23 * HOUR), incidents: [incident], state }).outbox).toEqual([]);
  });

  it('does not remind a millisecond before the repeat interval, and does at it', () => {
    const incident = anIncident();
    const state = told(incident);

    expect(plan({ now: after(DAY - 1), incidents: [incident], state, repeatIntervalMs: DAY }).outbox).toEqual([]);
    expect(plan({ now: after(DAY), incidents: [incident], state, repeatIntervalMs: DAY }).outbox).toMatchObject([
      { op: 'reply', body: { update: { purpose: 'reminder' } } },
    ]);
  });

  it.each(['acknowledged', 'snoozed'] as const)('does not remind about an %s incident', (status) => {
    const incident = anIncident({
      status,
      acknowledgedBy: status === 'acknowledged' ? 'maria' : null,
      snoozedUntil: status === 'snoozed' ? after(3 * DAY).toISOString() : null,
    });
    const state = [aNotifyState(incident.id, { viewHash: null })];
    const quiet = plan({ incidents: [incident], state }).state;

    expect(plan({ now: after(2 * DAY), incidents: [incident], state: quiet }).outbox).toEqual([]);
  });

  it('reminds again a repeat interval after the last reminder, not on every poll', () => {
    const incident = anIncident({ findings: someFindings(2), openedAt: NOW.toISOString() });
    const state = told(incident);
    const first = plan({ now: after(DAY), incidents: [incident], state });

    expect(plan({ now: after(DAY + 5 * MINUTE), incidents: [incident], state: first.state }).outbox).toEqual([]);
    expect(shown(plan({ now: after(2 * DAY), incidents: [incident], state: first.state }).outbox)).toEqual([
      'reply: Still open after 2 days: 2 records, $199.99 at risk — Run a diagnostic review',
    ]);
  });

  it('says "1 record" in a reminder about a single record', () => {
    const incident = anIncident({ openedAt: NOW.toISOString() });
    const state = told(incident);

    expect(shown(plan({ now: after(DAY), incidents: [incident], state }).outbox)).toEqual([
      'reply: Still open after 24 h: 1 record, $100.00 at risk — Run a diagnostic review',
    ]);
  });
});

describe('routing', () => {
  const routes = [
    { match: { severity: ['critical' as const, 'high' as const] }, channels: ['ops-urgent'], continue: false },
    { match: {}, channels: ['ops'], continue: false },
  ];
  const channels = ['ops', 'ops-urgent', 'billing'];

  it('sends a critical incident to the channel named for its severity only', () => {
    const critical = anIncident({ classification: { severity: 'critical', action: 'stabilization_sprint' } });

    expect(plan({ changes: [aChange(critical)], incidents: [critical], routes, channels }).outbox.map((d) => d.channel)).toEqual([
      'ops-urgent',
    ]);
  });

  it('sends a high incident to the same channel as a critical one', () => {
    const high = anIncident({ classification: { severity: 'high' } });

    expect(plan({ changes: [aChange(high)], incidents: [high], routes, channels }).outbox.map((d) => d.channel)).toEqual(['ops-urgent']);
  });

  it('sends a medium incident down the routing table to the next match', () => {
    const medium = anIncident();

    expect(plan({ changes: [aChange(medium)], incidents: [medium], routes, channels }).outbox.map((d) => d.channel)).toEqual(['ops']);
  });

  it('lets a rule’s own route override the routing table', () => {
    const critical = anIncident({ classification: { severity: 'critical', action: 'stabilization_sprint' } });
    const routed = new Map([['missing-invoice', aRule('missing', { id: 'missing-invoice', route: { channels: ['billing'] } })]]);

    expect(
      plan({ changes: [aChange(critical)], incidents: [critical], routes, channels, rules: routed }).outbox.map((d) => d.channel),
    ).toEqual(['billing']);
  });

  it('still tells the channel that holds the thread when an incident escalated onto another route resolves', () => {
    // Posted to ops while medium; escalation to critical routed it to ops-urgent, which was told too.
    const resolved = anIncident({
      status: 'resolved',
      resolvedAt: NOW.toISOString(),
      openedAt: daysAgo(2),
      findings: [],
      classification: { severity: 'critical', action: 'stabilization_sprint' },
    });
    const state = [
      aNotifyState(resolved.id, { channel: 'ops', severity: 'medium' }),
      aNotifyState(resolved.id, { channel: 'ops-urgent', severity: 'critical' }),
    ];

    const { outbox } = plan({
      changes: [aChange(resolved, { events: [anEvent(resolved, 'resolved')] })],
      incidents: [resolved],
      routes,
      channels,
      state,
    });

    const byChannel = (name: string) => shown(outbox.filter((d) => d.channel === name));
    expect(byChannel('ops-urgent')).toEqual(['edit_parent', 'reply: Resolved after 2 days']);
    // Otherwise the first parent shows "open" forever.
    expect(byChannel('ops')).toEqual(['edit_parent', 'reply: Resolved after 2 days']);
  });

  it('tells every configured channel when there is no routing table, each in its own thread', () => {
    const medium = anIncident();

    const { outbox, state } = plan({ changes: [aChange(medium)], incidents: [medium], channels });

    expect(outbox.map((d) => `${d.channel}:${d.op}`)).toEqual(['ops:post_parent', 'ops-urgent:post_parent', 'billing:post_parent']);
    expect(state.map((s) => s.channel)).toEqual(channels);
  });
});
