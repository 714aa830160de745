// What every store promises the core (src/ports/store.ts), written against the port only so another
// database (issue 15: Postgres) runs the same suite: `describeStoreContract(name, makeStore)`.
// The delivery half of the port is the outbox contract, which this suite runs on the same store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../src/domain/errors';
import type { StorePort } from '../../src/ports/store';
import {
  COMPANY,
  T0,
  aCycle,
  aDraft,
  aFullRead,
  aNotifyState,
  aPollRun,
  anIncident,
  anIncidentFinding,
  anIncrementalRead,
  anInvoice,
  anOpening,
  aJob,
  at,
} from '../adapters/storage/builders';
import { CHANNEL, describeOutboxContract } from './outbox-contract';

export interface StoreUnderTest {
  store: StorePort;
  close(): Promise<void>;
}

const SOURCE = 'fieldpro-export';
const ids = (records: Array<{ sourceId: string }>) => records.map((r) => r.sourceId).sort();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'written',
    (err: unknown) => (err instanceof SentinelError ? err.code : `untyped: ${String(err)}`),
  );

export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`the ${name} store (store contract)`, () => {
    let made: StoreUnderTest;
    let store: StorePort;
    beforeEach(async () => {
      made = await makeStore();
      store = made.store;
    });
    afterEach(() => made.close());

    it('keeps what a full read holds, drops what it no longer has, and counts the difference', async () => {
      const first = await store.applySourceRead(
        COMPANY,
        SOURCE,
        'upstream',
        aFullRead({ records: [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-2' }), aJob()] }),
        T0,
      );
      const second = await store.applySourceRead(
        COMPANY,
        SOURCE,
        'upstream',
        aFullRead({ records: [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-3' }), aJob({ hash: 'changed' })] }),
        at(5),
      );

      expect(first).toMatchObject({ inserted: 3, updated: 0, deleted: 0, unchanged: 0 });
      expect(second).toMatchObject({ inserted: 1, updated: 1, deleted: 1, unchanged: 1 });
      expect(ids(await store.loadRecords(COMPANY))).toEqual(['INV-1', 'INV-3', 'JOB-501']);
      expect(await store.loadRecords('another-company')).toEqual([]);
    });

    it('deletes on an incremental read only what it names, and keeps an unreadable entity’s records', async () => {
      await store.applySourceRead(
        COMPANY,
        SOURCE,
        'upstream',
        aFullRead({ records: [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-2' }), aJob()] }),
        T0,
      );
      await store.applySourceRead(
        COMPANY,
        SOURCE,
        'upstream',
        anIncrementalRead({ deleted: [{ entity: 'invoice', sourceId: 'INV-2' }] }),
        at(1),
      );
      await store.applySourceRead(
        COMPANY,
        SOURCE,
        'upstream',
        aFullRead({ records: [anInvoice({ sourceId: 'INV-1' })], unreadable: [{ entity: 'job', reason: 'jobs.csv is malformed' }] }),
        at(2),
      );

      expect(ids(await store.loadRecords(COMPANY))).toEqual(['INV-1', 'JOB-501']);
    });

    it('keeps a source’s cursor and health: failures counted, the next success resets them', async () => {
      await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice()], cursor: 'page-7' }), T0);
      await store.recordSourceFailure(
        COMPANY,
        SOURCE,
        'upstream',
        { code: 'source.http', reason: 'server', message: 'FieldPro answered 503' },
        at(5),
      );
      await store.recordSourceFailure(
        COMPANY,
        SOURCE,
        'upstream',
        { code: 'source.http', reason: 'server', message: 'FieldPro answered 503' },
        at(10),
      );

      expect(await store.loadSourceHealth(COMPANY)).toMatchObject([
        {
          sourceId: SOURCE,
          side: 'upstream',
          lastOkAt: T0,
          lastErrorAt: at(10),
          consecutiveFailures: 2,
          cursor: 'page-7',
          recordCount: 1,
          lastError: { message: 'FieldPro answered 503' },
        },
      ]);
      await store.applySourceRead(COMPANY, SOURCE, 'upstream', anIncrementalRead(), at(15));
      expect(await store.loadSourceHealth(COMPANY)).toMatchObject([{ consecutiveFailures: 0, lastOkAt: at(15), cursor: 'page-7' }]);
    });

    it('loads back what a cycle committed: incident, events, notify state, poll run, next number', async () => {
      const incident = anIncident({ findings: [anIncidentFinding('late:INV-1001')] });
      const before = await store.loadRevision(COMPANY);

      await store.commitCycle(
        COMPANY,
        aCycle({ changes: [anOpening(incident)], notifyState: [aNotifyState()], pollRun: aPollRun({ findingCount: 1 }) }),
      );

      expect(await store.loadIncidents(COMPANY)).toMatchObject([
        { id: incident.id, number: 1, status: 'open', findings: [{ key: 'late:INV-1001' }] },
      ]);
      expect(await store.loadIncident(COMPANY, 1)).toMatchObject({ id: incident.id });
      expect(await store.loadIncident(COMPANY, incident.id)).toMatchObject({ number: 1 });
      expect(await store.loadIncidentEvents(COMPANY, incident.id)).toMatchObject([{ type: 'opened' }]);
      expect(await store.loadNotifyState(COMPANY)).toMatchObject([{ incidentId: incident.id, channel: 'ops-slack' }]);
      expect(await store.lastPollRun(COMPANY)).toMatchObject({ findingCount: 1, ok: true });
      expect(await store.nextIncidentNumber(COMPANY)).toBe(2);
      expect(await store.loadRevision(COMPANY)).toBeGreaterThan(before);
      expect(await store.loadIncidents('another-company')).toEqual([]);
    });

    it('refuses a decision made on an old revision, and writes none of it', async () => {
      const { revision } = await store.loadDecisionState(COMPANY);
      await store.commitCycle(COMPANY, aCycle({ basis: revision }));

      const stale = await refusal(
        store.commitCycle(COMPANY, aCycle({ basis: revision, changes: [anOpening(anIncident())], outbox: [aDraft({ channel: CHANNEL })] })),
      );

      expect(stale).toBe('store.stale_decision');
      expect(await store.loadIncidents(COMPANY)).toEqual([]);
      expect(await store.pendingDeliveryCount(CHANNEL)).toBe(0);
    });

    it('writes an operator command and its notifications together, or not at all', async () => {
      const incident = anIncident();
      await store.commitCycle(COMPANY, aCycle({ changes: [anOpening(incident)] }));
      const acked = { ...incident, status: 'acknowledged' as const, acknowledgedBy: 'Dana Ortiz', changedAt: at(3) };
      const change = {
        before: incident,
        after: acked,
        events: [{ incidentId: incident.id, companyId: COMPANY, at: at(3), type: 'acknowledged' as const, actor: 'Dana Ortiz', data: {} }],
        added: [],
        resolved: [],
      };

      await store.commitCommand(COMPANY, change, [aDraft({ channel: CHANNEL, op: 'edit_parent', createdAt: at(3) })], []);

      expect(await store.loadIncident(COMPANY, 1)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana Ortiz' });
      expect(await store.pendingDeliveryCount(CHANNEL)).toBe(1);
      expect(await store.lastParentView(COMPANY, incident.id, CHANNEL)).toMatchObject({ incidentId: incident.id });
    });

    it('gives a poll lease to one owner at a time, and refuses the commit of a poll whose lease was taken over', async () => {
      const mine = await store.acquireLease(COMPANY, 'poll', 'host-a:1', T0, 60_000);
      const theirs = await store.acquireLease(COMPANY, 'poll', 'host-b:2', at(0.5), 60_000);
      expect(mine).toMatchObject({ ok: true, lease: { owner: 'host-a:1' } });
      expect(theirs).toMatchObject({ ok: false, holder: { owner: 'host-a:1' } });
      if (!mine.ok) return;

      const renewed = await store.renewLease(mine.lease, at(0.9), 60_000);
      expect(renewed?.expiresAt).toBe(at(1.9));
      const taken = await store.acquireLease(COMPANY, 'poll', 'host-b:2', at(3), 60_000);
      expect(taken.ok).toBe(true);
      expect(await refusal(store.commitCycle(COMPANY, aCycle({ fence: mine.lease })))).toBe('store.lease_lost');
      expect(await store.renewLease(mine.lease, at(3), 60_000)).toBeNull();
    });

    it('makes a channel’s held items due at once when asked, and says how many', async () => {
      await store.commitCycle(
        COMPANY,
        aCycle({ outbox: [aDraft({ channel: CHANNEL, incidentId: 'inc-a' }), aDraft({ channel: CHANNEL, incidentId: 'inc-b' })] }),
      );
      const claimed = await store.claimDeliveries(CHANNEL, T0, 10);
      for (const item of claimed) await store.markRetry(item.id, 'the app is not in the channel', at(60));

      expect(await store.retryHeldNow(CHANNEL, at(1))).toBe(2);
      expect(await store.claimDeliveries(CHANNEL, at(1), 10)).toHaveLength(2);
    });
  });

  describeOutboxContract(`${name} store’s`, async () => {
    const { store, close } = await makeStore();
    return {
      store,
      queue: (incidentId, op, createdAt) =>
        store.commitCycle(COMPANY, aCycle({ outbox: [aDraft({ incidentId, op, channel: CHANNEL, createdAt: createdAt.toISOString() })] })),
      hasThread: (incidentId, parentRef) =>
        store.saveThreadRef({ companyId: COMPANY, incidentId, channel: CHANNEL, destination: 'C-OPS', parentRef }),
      close,
    };
  });
}
