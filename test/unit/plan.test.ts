import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../src/domain/time';
import type { Incident } from '../../src/incidents/model';
import type { OutboxDraft } from '../../src/notify/outbox';
import { planNotifications, type Plan, type PlanInput } from '../../src/notify/plan';
import { aChange, aClassification, aFinding, anIncident, anIncidentFinding, aPlanInput, aRoute, aRule, findings, T0 } from './builders';

const ops = (plan: Plan) => plan.outbox.map((o) => o.op);
const threadOf = (draft: OutboxDraft | undefined) => (draft?.body.kind === 'thread' ? draft.body.update : undefined);
const threads = (plan: Plan) => plan.outbox.map(threadOf).filter((u) => u !== undefined);

/** Plans once for a fresh incident and returns the state the planner promised, for the next plan. */
function toldAbout(incident: Incident, input: Partial<PlanInput> = {}): Plan['state'] {
  return planNotifications(aPlanInput({ incidents: [incident], ...input })).state;
}

describe('planNotifications', () => {
  it('posts one parent message for a new medium incident', () => {
    const incident = anIncident();

    const plan = planNotifications(aPlanInput({ changes: [aChange(incident)] }));

    expect(ops(plan)).toEqual(['post_parent']);
    expect(plan.outbox[0]).toMatchObject({ channel: 'ops', incidentId: incident.id, body: { kind: 'parent', view: { severity: 'medium', findingCount: 1 } } });
  });

  it('adds one reply listing every record when a new incident has more than 5', () => {
    const incident = anIncident({ active: findings(6) });

    const plan = planNotifications(aPlanInput({ changes: [aChange(incident)] }));

    expect(ops(plan)).toEqual(['post_parent', 'reply']);
    expect(threads(plan)[0]).toMatchObject({ purpose: 'new_findings', headline: 'All 6 records' });
    expect(threads(plan)[0]!.lines).toHaveLength(6);
  });

  it('does not list the records in a reply when a new incident has exactly 5', () => {
    const plan = planNotifications(aPlanInput({ changes: [aChange(anIncident({ active: findings(5) }))] }));

    expect(ops(plan)).toEqual(['post_parent']);
  });

  it('plans nothing when the incident is as it was last told', () => {
    const incident = anIncident();
    const state = toldAbout(incident);

    const plan = planNotifications(aPlanInput({ incidents: [incident], state, now: new Date(T0.getTime() + HOUR) }));

    expect(plan.outbox).toEqual([]);
  });

  it('edits the parent and replies with the new records when findings are added', () => {
    const before = anIncident({ active: [aFinding({ key: 'invoice:1' })] });
    const state = toldAbout(before);
    const added = anIncidentFinding(aFinding({ key: 'invoice:2', amountCents: 7_500 }));
    const after: Incident = { ...before, findings: [...before.findings, added] };

    const plan = planNotifications(aPlanInput({ changes: [aChange(after, { before, added: [added] })], state }));

    expect(ops(plan)).toEqual(['edit_parent', 'reply']);
    expect(threads(plan)[0]).toMatchObject({ purpose: 'new_findings', headline: '1 new record' });
    expect(threads(plan)[0]!.lines.map((l) => l.key)).toEqual(['invoice:2']);
  });

  it('replies "Resolved after …" when the incident resolves', () => {
    const before = anIncident();
    const state = toldAbout(before);
    const resolvedAt = new Date(T0.getTime() + 3 * HOUR);
    const after: Incident = { ...before, status: 'resolved', resolvedAt: resolvedAt.toISOString(), findings: [] };

    const plan = planNotifications(aPlanInput({ now: resolvedAt, changes: [aChange(after, { before })], state }));

    expect(ops(plan)).toEqual(['edit_parent', 'reply']);
    expect(threads(plan)[0]).toMatchObject({ purpose: 'resolution', headline: 'Resolved after 3 h' });
  });

  it('broadcasts an escalation into the channel', () => {
    const before = anIncident();
    const state = toldAbout(before);
    const after: Incident = { ...before, classification: aClassification({ severity: 'high', urgent: true }) };

    const plan = planNotifications(aPlanInput({ changes: [aChange(after, { before })], state }));

    expect(ops(plan)).toEqual(['edit_parent', 'broadcast']);
    expect(threads(plan)[0]).toMatchObject({ purpose: 'escalation', severity: 'high' });
    expect(threads(plan)[0]!.headline).toMatch(/^Escalated to high: Run a diagnostic review — /);
  });

  it('does not post a low-severity incident', () => {
    const incident = anIncident({ classification: aClassification({ severity: 'low', action: 'monitor' }) });

    expect(planNotifications(aPlanInput({ changes: [aChange(incident)] })).outbox).toEqual([]);
  });

  it('posts a low-severity incident when notifyLow is on', () => {
    const incident = anIncident({ classification: aClassification({ severity: 'low', action: 'monitor' }) });

    expect(ops(planNotifications(aPlanInput({ changes: [aChange(incident)], notifyLow: true })))).toEqual(['post_parent']);
  });

  it('reminds in the thread once repeatIntervalMs has passed on an open incident', () => {
    const incident = anIncident();
    const state = toldAbout(incident);

    const plan = planNotifications(aPlanInput({ incidents: [incident], state, now: new Date(T0.getTime() + DAY), repeatIntervalMs: DAY }));

    expect(ops(plan)).toEqual(['reply']);
    expect(threads(plan)[0]).toMatchObject({ purpose: 'reminder' });
    expect(threads(plan)[0]!.headline).toMatch(/^Still open after 24 h: 1 record, \$5\.00 at risk — Run a diagnostic review$/);
  });

  it('does not remind before repeatIntervalMs has passed', () => {
    const incident = anIncident();
    const state = toldAbout(incident);

    expect(planNotifications(aPlanInput({ incidents: [incident], state, now: new Date(T0.getTime() + DAY - 1), repeatIntervalMs: DAY })).outbox).toEqual([]);
  });

  it('does not remind about an acknowledged incident', () => {
    const incident = anIncident({ status: 'acknowledged', acknowledgedBy: 'dana' });
    const state = toldAbout(incident);

    expect(planNotifications(aPlanInput({ incidents: [incident], state, now: new Date(T0.getTime() + 2 * DAY), repeatIntervalMs: DAY })).outbox).toEqual([]);
  });

  it('routes by the rule’s own channels, overriding the routing table', () => {
    const rule = aRule('mismatch', { route: { channels: ['billing-team'] } });

    const plan = planNotifications(
      aPlanInput({ changes: [aChange(anIncident())], rules: new Map([[rule.id, rule]]), routes: [aRoute(['ops'])], channels: ['ops', 'billing-team'] }),
    );

    expect(plan.outbox.map((o) => o.channel)).toEqual(['billing-team']);
  });

  it.each([
    { severity: 'critical', channel: 'pager' },
    { severity: 'high', channel: 'pager' },
    { severity: 'medium', channel: 'ops' },
  ] as const)('routes a $severity incident to $channel by the routing table', ({ severity, channel }) => {
    const incident = anIncident({ classification: aClassification({ severity }) });
    const routes = [aRoute(['pager'], { severity: ['high', 'critical'] }), aRoute(['ops'])];

    const plan = planNotifications(aPlanInput({ changes: [aChange(incident)], routes, channels: ['ops', 'pager'] }));

    expect(plan.outbox.map((o) => o.channel)).toEqual([channel]);
  });
});
