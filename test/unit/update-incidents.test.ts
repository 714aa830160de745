import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding';
import type { Incident, IncidentChange } from '../../src/incidents/model';
import { incidentId, updateIncidents, type LifecycleInput } from '../../src/incidents/update-incidents';
import { aFinding, aPoll, aRule, COMPANY, minutesAfter, RULE_ID, T0 } from './builders';

const ID = incidentId(COMPANY, RULE_ID, 'all');
const eventsOf = (changes: IncidentChange[]) => changes.flatMap((c) => c.events.map((e) => e.type));

/** Polls in sequence, each 10 minutes after the last, carrying the incidents forward as a store would. */
function poller(overrides: Partial<LifecycleInput> = {}) {
  let incidents: Incident[] = [];
  let minute = 0;
  return {
    poll(found: Finding[], more: Partial<LifecycleInput> = {}): IncidentChange[] {
      const changes = updateIncidents(aPoll({ ...overrides, incidents, findings: found, now: minutesAfter(T0, minute), ...more }));
      minute += 10;
      const after = new Map(changes.map((c) => [c.after.id, c.after]));
      incidents = incidents.map((i) => after.get(i.id) ?? i);
      for (const c of changes) if (!c.before) incidents.push(c.after);
      return changes;
    },
    get incident(): Incident {
      return incidents.find((i) => i.id === ID)!;
    },
  };
}

describe('updateIncidents', () => {
  it('opens incident number N with an opened event on the first findings', () => {
    const changes = updateIncidents(aPoll({ findings: [aFinding()], nextNumber: 7 }));

    expect(changes).toHaveLength(1);
    expect(changes[0]!.after).toMatchObject({ id: ID, number: 7, status: 'open', openedAt: T0.toISOString() });
    expect(changes[0]!.events[0]!.type).toBe('opened');
  });

  it('reports no change when the next poll finds the same findings', () => {
    const p = poller();
    p.poll([aFinding()]);

    expect(p.poll([aFinding()])).toEqual([]);
  });

  it('records findings_added when a new finding joins the incident', () => {
    const p = poller();
    p.poll([aFinding({ key: 'invoice:1' })]);

    const changes = p.poll([aFinding({ key: 'invoice:1' }), aFinding({ key: 'invoice:2' })]);

    expect(eventsOf(changes)).toEqual(['findings_added']);
    expect(changes[0]!.added.map((f) => f.key)).toEqual(['invoice:2']);
    expect(changes[0]!.events[0]!.data).toEqual({ keys: ['invoice:2'] });
  });

  it('keeps the incident open after one clean poll and resolves it at the second', () => {
    const p = poller({ resolveAfterCleanPolls: 2 });
    p.poll([aFinding()]);

    const firstClean = p.poll([]);
    expect(firstClean[0]!.after.status).toBe('open');
    expect(eventsOf(firstClean)).not.toContain('resolved');

    const secondClean = p.poll([]);
    expect(secondClean[0]!.after.status).toBe('resolved');
    expect(eventsOf(secondClean)).toContain('resolved');
  });

  it('reopens the same incident when its findings return after resolution', () => {
    const p = poller({ resolveAfterCleanPolls: 2 });
    p.poll([aFinding()]);
    p.poll([]);
    p.poll([]);

    const changes = p.poll([aFinding()]);

    expect(eventsOf(changes)).toContain('reopened');
    expect(changes[0]!.after).toMatchObject({ id: ID, number: 1, status: 'open', reopenCount: 1, resolvedAt: null });
  });

  it('unsnoozes a snoozed incident once snoozedUntil has passed', () => {
    const p = poller();
    p.poll([aFinding()]);
    const snoozed: Incident = { ...p.incident, status: 'snoozed', snoozedUntil: minutesAfter(T0, 5).toISOString() };

    const changes = updateIncidents(aPoll({ incidents: [snoozed], findings: [aFinding()], now: minutesAfter(T0, 10) }));

    expect(eventsOf(changes)).toEqual(['unsnoozed']);
    expect(changes[0]!.after).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('leaves a snoozed incident snoozed before snoozedUntil', () => {
    const p = poller();
    p.poll([aFinding()]);
    const snoozed: Incident = { ...p.incident, status: 'snoozed', snoozedUntil: minutesAfter(T0, 60).toISOString() };

    expect(updateIncidents(aPoll({ incidents: [snoozed], findings: [aFinding()], now: minutesAfter(T0, 10) }))).toEqual([]);
  });

  it('records an escalation when the severity rises', () => {
    const p = poller();
    p.poll([aFinding({ key: 'invoice:1', amountCents: 500 })]);

    const changes = p.poll([aFinding({ key: 'invoice:1', amountCents: 500 }), aFinding({ key: 'invoice:2', amountCents: 300_000 })]);

    const escalated = changes[0]!.events.find((e) => e.type === 'escalated');
    expect(escalated?.data).toMatchObject({ from: 'medium', to: 'high' });
    expect(changes[0]!.after.classification.severity).toBe('high');
  });

  it('leaves alone an incident whose rule did not run this poll', () => {
    const p = poller();
    p.poll([aFinding()]);

    const changes = p.poll([], { evaluatedRuleIds: new Set(['some-other-rule']) });

    expect(changes).toEqual([]);
    expect(p.incident).toMatchObject({ status: 'open', cleanPolls: 0 });
  });

  it('still updates an incident of a rule that ran while another rule did not', () => {
    const other = aRule('late', { id: 'invoice-late', title: 'Invoices late' });
    const p = poller({ rules: [aRule(), other] });
    p.poll([aFinding(), aFinding({ ruleId: other.id, key: 'late:1' })]);

    const changes = p.poll([], { evaluatedRuleIds: new Set([RULE_ID]) });

    expect(changes.map((c) => c.after.ruleId)).toEqual([RULE_ID]);
  });
});
