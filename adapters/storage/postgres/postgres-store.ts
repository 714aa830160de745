// The StorePort on Postgres: the same behaviour as the SQLite store (../sqlite-store.ts), with the
// checks that make it safe for several instances on one database done inside each transaction.
import type { CanonicalRecord, CompanyPreferences, Side } from '../../../src/domain/records';
import type { Incident, IncidentChange, IncidentEvent } from '../../../src/incidents/model';
import type { AlertView } from '../../../src/notify/alert-view';
import type { NotifyState, OutboxDraft, OutboxItem, ThreadRef } from '../../../src/notify/outbox';
import type { SourceRead } from '../../../src/ports/source';
import type {
  CycleCommit,
  DecisionState,
  DeliveryClaim,
  Lease,
  LeaseAttempt,
  PollRun,
  SourceHealth,
  StoreApplyResult,
  StorePort,
  WeeklyRuleStat,
} from '../../../src/ports/store';
import type { PgDb } from './db';
import { loadPgIncident, loadPgIncidentEvents, loadPgIncidents, nextPgIncidentNumber, writePgChange } from './incidents-store';
import { advancePgRevision, checkPgFence, createPgLeaseStore, pgRevision } from './leases-store';
import { createPgOutboxStore, insertPgDrafts, loadPgNotifyState, savePgNotifyState } from './outbox-store';
import { insertPgPollRun, lastPgPollRun, loadPgWeeklyStats, savePgWeeklyStats } from './polls-store';
import { createPgRecordStore } from './records-store';
import { assertChange, assertCompany } from '../commit-checks';

/** Driver errors are turned into SentinelErrors by the wrapper openPostgresStorage puts around it (guarded.ts). */
export class PostgresStore implements StorePort {
  private readonly records;
  private readonly outbox;
  private readonly leases;

  constructor(
    private readonly db: PgDb,
    readonly where: string,
    private readonly closeDatabase: () => Promise<void>,
  ) {
    this.records = createPgRecordStore(db);
    this.outbox = createPgOutboxStore(db);
    this.leases = createPgLeaseStore(db);
  }

  applySourceRead(companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): Promise<StoreApplyResult> {
    return this.records.applySourceRead(companyId, sourceId, side, read, now);
  }

  recordSourceFailure(
    companyId: string,
    sourceId: string,
    side: Side,
    error: { code: string; reason: string; message: string },
    now: string,
  ): Promise<void> {
    return this.records.recordSourceFailure(companyId, sourceId, side, error, now);
  }

  loadSourceHealth(companyId: string): Promise<SourceHealth[]> {
    return this.records.loadSourceHealth(companyId);
  }

  loadRecords(companyId: string): Promise<CanonicalRecord[]> {
    return this.records.loadRecords(companyId);
  }

  loadPreferences(companyId: string): Promise<CompanyPreferences | null> {
    return this.records.loadPreferences(companyId);
  }

  loadIncidents(companyId: string): Promise<Incident[]> {
    return loadPgIncidents(this.db, companyId);
  }

  loadIncident(companyId: string, ref: string | number): Promise<Incident | null> {
    return loadPgIncident(this.db, companyId, ref);
  }

  loadIncidentEvents(companyId: string, incidentId: string): Promise<IncidentEvent[]> {
    return loadPgIncidentEvents(this.db, companyId, incidentId);
  }

  nextIncidentNumber(companyId: string): Promise<number> {
    return nextPgIncidentNumber(this.db, companyId);
  }

  loadNotifyState(companyId: string): Promise<NotifyState[]> {
    return loadPgNotifyState(this.db, companyId);
  }

  loadWeeklyStats(companyId: string, sinceWeek: string): Promise<WeeklyRuleStat[]> {
    return loadPgWeeklyStats(this.db, companyId, sinceWeek);
  }

  /** One REPEATABLE READ snapshot: every part is read as of the same moment, whatever commits meanwhile. */
  loadDecisionState(companyId: string): Promise<DecisionState> {
    return this.db.transaction(
      async (tx) => ({
        revision: await pgRevision(tx, companyId),
        incidents: await loadPgIncidents(tx, companyId),
        notifyState: await loadPgNotifyState(tx, companyId),
        nextNumber: await nextPgIncidentNumber(tx, companyId),
      }),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  loadRevision(companyId: string): Promise<number> {
    return pgRevision(this.db, companyId);
  }

  acquireLease(companyId: string, name: string, owner: string, now: string, ttlMs: number, replacing?: Lease): Promise<LeaseAttempt> {
    return this.leases.acquire(companyId, name, owner, now, ttlMs, replacing);
  }

  renewLease(lease: Lease, now: string, ttlMs: number): Promise<Lease | null> {
    return this.leases.renew(lease, now, ttlMs);
  }

  releaseLease(lease: Lease): Promise<void> {
    return this.leases.release(lease);
  }

  async commitCycle(companyId: string, commit: CycleCommit): Promise<void> {
    assertCompany(companyId, [commit.pollRun], 'a poll run');
    assertCompany(companyId, commit.weeklyStats, 'weekly stats');
    this.checkNotifications(companyId, commit.outbox, commit.notifyState);
    commit.changes.forEach((change) => assertChange(companyId, change));
    await this.db.transaction(async (tx) => {
      // Lease row first, then revision row: every commit locks in this order, so two never deadlock.
      if (commit.fence) await checkPgFence(tx, commit.fence);
      await advancePgRevision(tx, companyId, commit.basis);
      await insertPgPollRun(tx, commit.pollRun);
      for (const change of commit.changes) await writePgChange(tx, change, { keepOperatorEdits: true });
      await insertPgDrafts(tx, commit.outbox);
      await savePgNotifyState(tx, commit.notifyState);
      await savePgWeeklyStats(tx, commit.weeklyStats);
    });
  }

  async commitCommand(
    companyId: string,
    change: IncidentChange,
    outbox: OutboxDraft[],
    notifyState: NotifyState[],
    basis?: number,
  ): Promise<void> {
    assertChange(companyId, change);
    this.checkNotifications(companyId, outbox, notifyState);
    await this.db.transaction(async (tx) => {
      await advancePgRevision(tx, companyId, basis);
      await writePgChange(tx, change);
      await insertPgDrafts(tx, outbox);
      await savePgNotifyState(tx, notifyState);
    });
  }

  private checkNotifications(companyId: string, outbox: OutboxDraft[], notifyState: NotifyState[]): void {
    assertCompany(companyId, outbox, 'an outbox draft');
    assertCompany(companyId, notifyState, 'notify state');
  }

  lastPollRun(companyId: string): Promise<PollRun | null> {
    return lastPgPollRun(this.db, companyId);
  }

  claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): Promise<OutboxItem[]> {
    return this.outbox.claimDeliveries(channel, now, limit, claim);
  }

  takeOverDelivery(id: number, from: string | null, claim: DeliveryClaim): Promise<boolean> {
    return this.outbox.takeOverDelivery(id, from, claim);
  }

  inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    return this.outbox.inFlightDeliveries(channel);
  }

  markDelivered(id: number, now: string, thread?: ThreadRef): Promise<void> {
    return this.outbox.markDelivered(id, now, thread);
  }

  markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    return this.outbox.markRetry(id, error, nextAttemptAt);
  }

  markSuperseded(ids: number[]): Promise<void> {
    return this.outbox.markSuperseded(ids);
  }

  hasNewerEdit(item: OutboxItem): Promise<boolean> {
    return this.outbox.hasNewerEdit(item);
  }

  pendingDeliveryCount(channel?: string): Promise<number> {
    return this.outbox.pendingDeliveryCount(channel);
  }

  retryHeldNow(channel: string, now: string): Promise<number> {
    return this.outbox.retryHeldNow(channel, now);
  }

  holdChannel(channel: string, until: string, reason: string): Promise<number> {
    return this.outbox.holdChannel(channel, until, reason);
  }

  saveThreadRef(thread: ThreadRef): Promise<void> {
    return this.outbox.saveThreadRef(thread);
  }

  lastParentView(companyId: string, incidentId: string, channel: string): Promise<AlertView | null> {
    return this.outbox.lastParentView(companyId, incidentId, channel);
  }

  threadRef(companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null> {
    return this.outbox.threadRef(companyId, incidentId, channel);
  }

  /** Ends the pool the whole Storage bundle shares: closing the store closes the bundle. */
  close(): Promise<void> {
    return this.closeDatabase();
  }
}
