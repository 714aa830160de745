import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/domain/finding';
import type { Incident, IncidentChange } from '../../../src/incidents/model';
import { activeFindings } from '../../../src/incidents/model';
import { incidentId, updateIncidents, type LifecycleInput } from '../../../src/incidents/update-incidents';
import type { Rule } from '../../../src/rules/schema';
import { after, HOUR, MINUTE, NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { aLifecycleInput, COMPANY } from '../../builders/incidents';
import { aRule } from '../../builders/rules';

const missingInvoice = aRule('missing', {
  id: 'missing-invoice',
  title: 'Invoice missing from QuickBooks',
  impact: ['billing'],
  group_by: 'root_cause',
});
const orphan = aRule('orphan', { id: 'orphan-invoice', title: 'Invoice in QuickBooks with no upstream record', impact: ['reporting'] });

/** The incidents as the store keeps them between polls, and the clock of the next poll. */
class IncidentBook {
  incidents: Incident[] = [];
  at = NOW;

  constructor(private readonly rules: Rule[] = [missingInvoice, orphan]) {}

  poll(findings: Finding[], opts: Partial<LifecycleInput> = {}): IncidentChange[] {
    const changes = updateIncidents(
      aLifecycleInput({
        now: this.at,
        rules: this.rules,
        evaluatedRuleIds: new Set(this.rules.map((r) => r.id)),
        incidents: this.incidents,
        findings,
        nextNumber: Math.max(11, ...this.incidents.map((i) => i.number)) + 1,
        ...opts,
      }),
    );
    for (const c of changes) this.incidents = [...this.incidents.filter((i) => i.id !== c.after.id), c.after];
    this.at = after(5 * MINUTE, this.at);
    return changes;
  }

  only(): Incident {
    expect(this.incidents).toHaveLength(1);
    return this.incidents[0]!;
  }
}

const eventsOf = (changes: IncidentChange[]) => changes.flatMap((c) => c.events.map((e) => e.type));

describe('the incident lifecycle, one poll at a time', () => {
  let book: IncidentBook;
  beforeEach(() => {
    book = new IncidentBook();
  });

  it('opens incident #12 with an opened event on the first findings', () => {
    const [change, ...rest] = book.poll(someFindings(2));

    expect(rest).toEqual([]);
    expect(change!.before).toBeNull();
    expect(change!.events.map((e) => e.type)).toEqual(['opened', 'findings_added']);
    expect(change!.after).toMatchObject({
      number: 12,
      status: 'open',
      ruleId: 'missing-invoice',
      groupKey: 'all',
      title: 'Invoice missing from QuickBooks',
    });
    expect(change!.after).toMatchObject({ id: incidentId(COMPANY, 'missing-invoice', 'all'), openedAt: NOW.toISOString() });
    expect(activeFindings(change!.after).map((f) => f.key)).toEqual(['invoice:1001', 'invoice:1002']);
  });

  it('titles an incident by its group', () => {
    const [change] = book.poll([aFinding({ groupKey: 'item "A/C Tune Up Plus" not mapped in QuickBooks' })]);

    expect(change!.after.title).toBe('Invoice missing from QuickBooks · item "A/C Tune Up Plus" not mapped in QuickBooks');
  });

  it('puts findings of different groups in different incidents with their own numbers', () => {
    const changes = book.poll([aFinding({ key: 'a', groupKey: 'North' }), aFinding({ key: 'b', groupKey: 'South' })]);

    expect(changes.map((c) => c.after.number).sort()).toEqual([12, 13]);
    expect(new Set(changes.map((c) => c.after.id)).size).toBe(2);
  });

  it('changes nothing when the next poll finds the same findings', () => {
    book.poll(someFindings(2));

    expect(book.poll(someFindings(2))).toEqual([]);
  });

  it('records findings_added when a new finding joins', () => {
    book.poll(someFindings(2));

    const [change] = book.poll(someFindings(3));

    expect(change!.events.map((e) => ({ type: e.type, data: e.data }))).toEqual([
      { type: 'findings_added', data: { keys: ['invoice:1003'] } },
    ]);
    expect(change!.added.map((f) => f.key)).toEqual(['invoice:1003']);
  });

  it('stays open through one clean poll and resolves at the second', () => {
    book.poll(someFindings(2));

    const first = book.poll([]);
    expect(eventsOf(first)).toEqual(['findings_resolved']);
    expect(book.only()).toMatchObject({ status: 'open', cleanPolls: 1 });

    const second = book.poll([]);
    expect(eventsOf(second)).toEqual(['resolved']);
    expect(book.only()).toMatchObject({ status: 'resolved', cleanPolls: 2, resolvedAt: second[0]!.after.resolvedAt });
    expect(book.only().resolvedAt).not.toBeNull();
  });

  it('does not resolve when the findings come back after one clean poll', () => {
    book.poll(someFindings(1));
    book.poll([]);

    const changes = book.poll(someFindings(1));

    expect(eventsOf(changes)).toEqual(['findings_added']);
    expect(book.only()).toMatchObject({ status: 'open', cleanPolls: 0, reopenCount: 0 });
  });

  it('reopens the same incident, counting the recurrence, when findings return after it resolved', () => {
    const [opened] = book.poll(someFindings(1));
    book.poll([]);
    book.poll([]);

    const changes = book.poll(someFindings(1));

    expect(eventsOf(changes)).toEqual(['reopened', 'findings_added']);
    expect(book.only()).toMatchObject({ id: opened!.after.id, number: 12, status: 'open', reopenCount: 1, resolvedAt: null });
    expect(book.only().classification.path[0]).toBe('recurring (reopened 1×)');
  });

  it('calls for a Systems Audit when the incident reopens a second time with no cause', () => {
    for (let i = 0; i < 2; i++) {
      book.poll(someFindings(1));
      book.poll([]);
      book.poll([]);
    }

    book.poll(someFindings(1));

    expect(book.only().reopenCount).toBe(2);
    expect(book.only().classification).toMatchObject({ action: 'systems_audit', severity: 'high' });
    expect(book.only().classification.path[0]).toBe('recurring (reopened 2×)');
  });

  it('unsnoozes a snoozed incident once its snooze has run out', () => {
    const [opened] = book.poll(someFindings(1));
    book.incidents = [{ ...opened!.after, status: 'snoozed', snoozedUntil: after(2 * MINUTE).toISOString() }];

    const changes = book.poll(someFindings(1));

    expect(eventsOf(changes)).toEqual(['unsnoozed']);
    expect(book.only()).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('leaves a snoozed incident snoozed until then', () => {
    const [opened] = book.poll(someFindings(1));
    book.incidents = [{ ...opened!.after, status: 'snoozed', snoozedUntil: after(4 * HOUR).toISOString() }];

    expect(book.poll(someFindings(1))).toEqual([]);
    expect(book.only().status).toBe('snoozed');
  });

  it('records an escalation when more money is at stake, and a de-escalation when it falls back', () => {
    book.poll([aFinding({ amountCents: 10_000 })]);

    const up = book.poll([aFinding({ amountCents: 300_000 })]);
    expect(up[0]!.events.map((e) => ({ type: e.type, data: e.data }))).toEqual([
      { type: 'escalated', data: { from: 'medium', to: 'high', action: 'diagnostic_review' } },
    ]);
    expect(up[0]!.after.classification.severity).toBe('high');

    const down = book.poll([aFinding({ amountCents: 10_000 })]);
    expect(down[0]!.events.map((e) => e.type)).toEqual(['deescalated']);
    expect(book.only().classification.severity).toBe('medium');
  });

  it('leaves an incident alone when its rule was not evaluated this poll', () => {
    book.poll(someFindings(1));

    const changes = book.poll([], { evaluatedRuleIds: new Set(['orphan-invoice']) });

    expect(changes).toEqual([]);
    expect(book.only()).toMatchObject({ status: 'open', cleanPolls: 0 });
  });

  it('still counts a clean poll for an incident whose rule was evaluated while another was not', () => {
    book.poll([aFinding(), aFinding({ ruleId: 'orphan-invoice', key: 'orphan:4001' })]);

    const changes = book.poll([], { evaluatedRuleIds: new Set(['missing-invoice']) });

    expect(changes.map((c) => c.after.ruleId)).toEqual(['missing-invoice']);
  });
});
