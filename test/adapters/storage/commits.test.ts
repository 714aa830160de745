import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import { SentinelError } from '../../../src/domain/errors';
import type { OutboxDraft } from '../../../src/notify/outbox';
import {
  COMPANY,
  T0,
  aChange,
  aClassification,
  aCycle,
  aDraft,
  aNotifyState,
  aPollRun,
  anEvent,
  anIncident,
  anIncidentFinding,
  anOpening,
  at,
  tempStores,
} from './builders';

describe('SqliteStore commits', () => {
  let stores: ReturnType<typeof tempStores>;
  let store: SqliteStore;
  beforeEach(() => {
    stores = tempStores();
    store = stores.open();
  });
  afterEach(() => stores.cleanup());

  const inv1 = anIncidentFinding('late:INV-1');
  const inv2 = anIncidentFinding('late:INV-2');
  const opened = anIncident({ findings: [inv1, inv2] });

  it('loads back an incident committed by a cycle, with its findings', async () => {
    const incident = anIncident({
      status: 'acknowledged',
      acknowledgedBy: 'dana',
      rootCause: { text: "Item 'AC Tune-Up' is not mapped", by: 'operator', actor: 'dana', at: T0 },
      classification: aClassification({ severity: 'high', action: 'systems_audit', path: ['recurring (4 of last 6 weeks)'] }),
      weeksSeen: ['2026-W09', '2026-W10'],
      findings: opened.findings,
    });

    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(incident)] }));

    expect(await store.loadIncidents(COMPANY)).toEqual([incident]);
  });

  it('finds an incident by id, by number, and by a number typed in chat', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(anIncident({ number: 12 }))] }));

    expect((await store.loadIncident(COMPANY, 'inc-invoice-late-all'))?.number).toBe(12);
    expect((await store.loadIncident(COMPANY, 12))?.id).toBe('inc-invoice-late-all');
    expect((await store.loadIncident(COMPANY, '#12'))?.id).toBe('inc-invoice-late-all');
    expect(await store.loadIncident(COMPANY, 13)).toBeNull();
    expect(await store.loadIncident('bolt-plumbing', 12)).toBeNull();
  });

  it('numbers incidents per company from 1', async () => {
    expect(await store.nextIncidentNumber(COMPANY)).toBe(1);

    await store.commitCycle(
      COMPANY,
      aCycle({ changes: [anOpening(anIncident({ number: 1 })), anOpening(anIncident({ id: 'inc-2', groupKey: 'Austin', number: 2 }))] }),
    );

    expect(await store.nextIncidentNumber(COMPANY)).toBe(3);
    expect(await store.nextIncidentNumber('bolt-plumbing')).toBe(1);
  });

  it('drops resolved findings from the active set and keeps updating the ones still seen', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));

    const stillSeen = anIncidentFinding('late:INV-1', { lastSeenAt: at(5) });
    const gone = anIncidentFinding('late:INV-2', { lastSeenAt: T0, resolvedAt: at(5) });
    const after = anIncident({ changedAt: at(5), findings: [stillSeen, gone] });
    await store.commitCycle(COMPANY, aCycle({ changes: [aChange(opened, after, { resolved: [gone] })] }));

    expect((await store.loadIncident(COMPANY, opened.id))?.findings).toEqual([stillSeen]);
  });

  it('brings back a finding that reappears after it was resolved', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const gone = { ...inv2, resolvedAt: at(5) };
    const withoutInv2 = anIncident({ findings: [inv1] });
    await store.commitCycle(COMPANY, aCycle({ changes: [aChange(opened, withoutInv2, { resolved: [gone] })] }));

    const back = anIncidentFinding('late:INV-2', { firstSeenAt: at(10), lastSeenAt: at(10) });
    await store.commitCycle(
      COMPANY,
      aCycle({ changes: [aChange(withoutInv2, anIncident({ findings: [inv1, back] }), { added: [back] })] }),
    );

    expect((await store.loadIncident(COMPANY, opened.id))?.findings).toEqual([inv1, back]);
  });

  it('keeps resolved incidents loadable, since they may reopen', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const resolved = anIncident({ status: 'resolved', resolvedAt: at(5), cleanPolls: 2, findings: [] });
    const closing = aChange(opened, resolved, { resolved: opened.findings.map((f) => ({ ...f, resolvedAt: at(5) })) });
    await store.commitCycle(COMPANY, aCycle({ changes: [closing] }));

    expect(await store.loadIncidents(COMPANY)).toEqual([resolved]);
  });

  it('appends events in order and never rewrites earlier ones', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const escalated = anEvent(opened, { at: at(5), type: 'escalated', data: { from: 'medium', to: 'high' } });
    await store.commitCycle(COMPANY, aCycle({ changes: [aChange(opened, opened, { events: [escalated] })] }));
    const acked = anEvent(opened, { at: at(6), type: 'acknowledged', actor: 'dana' });
    await store.commitCommand(
      COMPANY,
      aChange(opened, anIncident({ status: 'acknowledged', acknowledgedBy: 'dana' }), { events: [acked] }),
      [],
      [],
    );

    expect(await store.loadIncidentEvents(COMPANY, opened.id)).toEqual([anEvent(opened), escalated, acked]);
  });

  it('writes outbox drafts as pending and due at once', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)], outbox: [aDraft()] }));

    expect(await store.pendingDeliveryCount('ops-slack')).toBe(1);
    expect(await store.claimDeliveries('ops-slack', T0, 10)).toEqual([
      { ...aDraft(), id: expect.any(Number), status: 'sending', attempts: 1, nextAttemptAt: T0, lastError: null },
    ]);
  });

  it('keeps one notify state per incident and channel, the latest written', async () => {
    await store.commitCycle(COMPANY, aCycle({ notifyState: [aNotifyState(), aNotifyState({ channel: 'console' })] }));
    const later = aNotifyState({ viewHash: 'view-2', severity: 'high', lastThreadAt: at(30) });
    await store.commitCommand(COMPANY, anOpening(opened), [], [later]);

    expect(await store.loadNotifyState(COMPANY)).toEqual([aNotifyState({ channel: 'console' }), later]);
  });

  it('records the poll run, and the last one is the latest started', async () => {
    await store.commitCycle(COMPANY, aCycle({ pollRun: aPollRun() }));
    const failed = aPollRun({ startedAt: at(5), finishedAt: at(6), ok: false, error: 'QuickBooks: 401 Unauthorized' });
    await store.commitCycle(COMPANY, aCycle({ pollRun: failed }));

    expect(await store.lastPollRun(COMPANY)).toEqual(failed);
    expect(await store.lastPollRun('bolt-plumbing')).toBeNull();
  });

  it('keeps a week’s highest finding count and its latest record volume', async () => {
    const stat = { companyId: COMPANY, ruleId: 'invoice-late' };
    await store.commitCycle(COMPANY, aCycle({ weeklyStats: [{ ...stat, week: '2026-W09', findings: 3, records: 900 }] }));
    await store.commitCycle(COMPANY, aCycle({ weeklyStats: [{ ...stat, week: '2026-W10', findings: 7, records: 1000 }] }));
    await store.commitCycle(COMPANY, aCycle({ weeklyStats: [{ ...stat, week: '2026-W10', findings: 4, records: 1100 }] }));

    expect(await store.loadWeeklyStats(COMPANY, '2026-W10')).toEqual([{ ...stat, week: '2026-W10', findings: 7, records: 1100 }]);
    expect(await store.loadWeeklyStats(COMPANY, '2026-W01')).toHaveLength(2);
  });

  it('writes nothing of a cycle whose outbox draft is invalid', async () => {
    const broken = aDraft({ channel: null as unknown as OutboxDraft['channel'] });
    const cycle = aCycle({
      changes: [anOpening(opened)],
      outbox: [aDraft(), broken],
      notifyState: [aNotifyState()],
      weeklyStats: [{ companyId: COMPANY, week: '2026-W10', ruleId: 'invoice-late', findings: 2, records: 10 }],
    });

    await expect(store.commitCycle(COMPANY, cycle)).rejects.toMatchObject({ code: 'store.commit_cycle', reason: 'client' });

    expect(await store.loadIncidents(COMPANY)).toEqual([]);
    expect(await store.loadIncidentEvents(COMPANY, opened.id)).toEqual([]);
    expect(await store.pendingDeliveryCount()).toBe(0);
    expect(await store.loadNotifyState(COMPANY)).toEqual([]);
    expect(await store.loadWeeklyStats(COMPANY, '2026-W01')).toEqual([]);
    expect(await store.lastPollRun(COMPANY)).toBeNull();
  });

  it('writes nothing of an operator command that fails midway', async () => {
    await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const acked = anIncident({ status: 'acknowledged', acknowledgedBy: 'dana', findings: opened.findings });
    const change = aChange(opened, acked, { events: [anEvent(opened, { type: 'acknowledged', actor: 'dana' })] });

    await expect(store.commitCommand(COMPANY, change, [aDraft({ op: null as unknown as OutboxDraft['op'] })], [])).rejects.toThrow(
      SentinelError,
    );

    expect((await store.loadIncident(COMPANY, opened.id))?.status).toBe('open');
    expect(await store.loadIncidentEvents(COMPANY, opened.id)).toHaveLength(1);
  });

  it('refuses a commit that mixes in another company’s rows', async () => {
    const foreign = anIncident({ id: 'inc-bolt', companyId: 'bolt-plumbing' });

    await expect(store.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened), anOpening(foreign)] }))).rejects.toMatchObject({
      code: 'store.company_mismatch',
    });
    expect(await store.loadIncidents(COMPANY)).toEqual([]);
  });
});
