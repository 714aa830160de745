// The StorePort on one SQLite file (or ':memory:'). better-sqlite3 is synchronous; the port is async so
// that other stores (PostgreSQL) fit the same contract.
import type { CanonicalRecord, CompanyPreferences, Side } from '../../src/domain/records';
import type { Incident, IncidentChange, IncidentEvent } from '../../src/incidents/model';
import type { AlertView } from '../../src/notify/alert-view';
import type { NotifyState, OutboxDraft, OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { SourceRead } from '../../src/ports/source';
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
} from '../../src/ports/store';
import { storeError } from './errors';
import { createIncidentStore, type IncidentStore } from './incidents-store';
import { createLeaseStore, type LeaseStore } from './leases-store';
import { inWriteTransaction, openDatabase, type StorageDb } from './open-database';
import { createOutboxStore, type OutboxStore } from './outbox-store';
import { createPollStore, type PollStore } from './polls-store';
import { createRecordStore, type RecordStore } from './records-store';
import { assertChange, assertCompany } from './commit-checks';

/** Opens (creating if needed) the database at `path`, applies pending migrations, and returns the store. */
export function openSqliteStore(path: string): SqliteStore {
  let db: StorageDb;
  try {
    db = openDatabase(path).db;
  } catch (err) {
    throw storeError(err, 'open', path);
  }
  return new SqliteStore(db, path);
}

export class SqliteStore implements StorePort {
  private readonly records: RecordStore;
  private readonly incidents: IncidentStore;
  private readonly outbox: OutboxStore;
  private readonly polls: PollStore;
  private readonly leases: LeaseStore;

  constructor(
    /** The database handle, for stores of other areas that write beside these tables. */
    readonly db: StorageDb,
    readonly path: string,
  ) {
    this.records = createRecordStore(db);
    this.incidents = createIncidentStore(db);
    this.outbox = createOutboxStore(db);
    this.polls = createPollStore(db);
    this.leases = createLeaseStore(db);
  }

  /** Runs one operation, turning driver errors into SentinelErrors that name it. */
  private async run<T>(operation: string, work: () => T): Promise<T> {
    try {
      return work();
    } catch (err) {
      throw storeError(err, operation, this.path);
    }
  }

  applySourceRead(companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): Promise<StoreApplyResult> {
    return this.run('apply_source_read', () => this.records.applySourceRead(companyId, sourceId, side, read, now));
  }

  recordSourceFailure(
    companyId: string,
    sourceId: string,
    side: Side,
    error: { code: string; reason: string; message: string },
    now: string,
  ): Promise<void> {
    return this.run('record_source_failure', () => this.records.recordSourceFailure(companyId, sourceId, side, error, now));
  }

  loadSourceHealth(companyId: string): Promise<SourceHealth[]> {
    return this.run('load_source_health', () => this.records.loadSourceHealth(companyId));
  }

  loadRecords(companyId: string): Promise<CanonicalRecord[]> {
    return this.run('load_records', () => this.records.loadRecords(companyId));
  }

  loadPreferences(companyId: string): Promise<CompanyPreferences | null> {
    return this.run('load_preferences', () => this.records.loadPreferences(companyId));
  }

  loadIncidents(companyId: string): Promise<Incident[]> {
    return this.run('load_incidents', () => this.incidents.loadIncidents(companyId));
  }

  loadIncident(companyId: string, ref: string | number): Promise<Incident | null> {
    return this.run('load_incident', () => this.incidents.loadIncident(companyId, ref));
  }

  loadIncidentEvents(companyId: string, incidentId: string): Promise<IncidentEvent[]> {
    return this.run('load_incident_events', () => this.incidents.loadIncidentEvents(companyId, incidentId));
  }

  nextIncidentNumber(companyId: string): Promise<number> {
    return this.run('next_incident_number', () => this.incidents.nextIncidentNumber(companyId));
  }

  loadNotifyState(companyId: string): Promise<NotifyState[]> {
    return this.run('load_notify_state', () => this.outbox.loadNotifyState(companyId));
  }

  loadWeeklyStats(companyId: string, sinceWeek: string): Promise<WeeklyRuleStat[]> {
    return this.run('load_weekly_stats', () => this.polls.loadWeeklyStats(companyId, sinceWeek));
  }

  loadDecisionState(companyId: string): Promise<DecisionState> {
    // A read transaction: one snapshot of the file, whatever another process commits meanwhile.
    return this.run('load_decision_state', () =>
      this.db.$client.transaction(() => ({
        revision: this.leases.revision(companyId),
        incidents: this.incidents.loadIncidents(companyId),
        notifyState: this.outbox.loadNotifyState(companyId),
        nextNumber: this.incidents.nextIncidentNumber(companyId),
      }))(),
    );
  }

  loadRevision(companyId: string): Promise<number> {
    return this.run('load_revision', () => this.leases.revision(companyId));
  }

  acquireLease(companyId: string, name: string, owner: string, now: string, ttlMs: number, replacing?: Lease): Promise<LeaseAttempt> {
    return this.run('acquire_lease', () => this.leases.acquire(companyId, name, owner, now, ttlMs, replacing));
  }

  renewLease(lease: Lease, now: string, ttlMs: number): Promise<Lease | null> {
    return this.run('renew_lease', () => this.leases.renew(lease, now, ttlMs));
  }

  releaseLease(lease: Lease): Promise<void> {
    return this.run('release_lease', () => this.leases.release(lease));
  }

  commitCycle(companyId: string, commit: CycleCommit): Promise<void> {
    return this.run('commit_cycle', () => {
      assertCompany(companyId, [commit.pollRun], 'a poll run');
      assertCompany(companyId, commit.weeklyStats, 'weekly stats');
      this.checkNotifications(companyId, commit.outbox, commit.notifyState);
      commit.changes.forEach((change) => assertChange(companyId, change));
      inWriteTransaction(this.db, () => {
        if (commit.fence) this.leases.checkFence(commit.fence);
        this.leases.advance(companyId, commit.basis);
        this.polls.insertPollRun(commit.pollRun);
        for (const change of commit.changes) this.incidents.writeChange(change, { keepOperatorEdits: true });
        this.outbox.insertDrafts(commit.outbox);
        this.outbox.saveNotifyState(commit.notifyState);
        this.polls.saveWeeklyStats(commit.weeklyStats);
      });
    });
  }

  commitCommand(
    companyId: string,
    change: IncidentChange,
    outbox: OutboxDraft[],
    notifyState: NotifyState[],
    basis?: number,
  ): Promise<void> {
    return this.run('commit_command', () => {
      assertChange(companyId, change);
      this.checkNotifications(companyId, outbox, notifyState);
      inWriteTransaction(this.db, () => {
        this.leases.advance(companyId, basis);
        this.incidents.writeChange(change);
        this.outbox.insertDrafts(outbox);
        this.outbox.saveNotifyState(notifyState);
      });
    });
  }

  private checkNotifications(companyId: string, outbox: OutboxDraft[], notifyState: NotifyState[]): void {
    assertCompany(companyId, outbox, 'an outbox draft');
    assertCompany(companyId, notifyState, 'notify state');
  }

  lastPollRun(companyId: string): Promise<PollRun | null> {
    return this.run('last_poll_run', () => this.polls.lastPollRun(companyId));
  }

  claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): Promise<OutboxItem[]> {
    return this.run('claim_deliveries', () => this.outbox.claimDeliveries(channel, now, limit, claim));
  }

  takeOverDelivery(id: number, from: string | null, claim: DeliveryClaim): Promise<boolean> {
    return this.run('take_over_delivery', () => this.outbox.takeOverDelivery(id, from, claim));
  }

  inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    return this.run('in_flight_deliveries', () => this.outbox.inFlightDeliveries(channel));
  }

  markDelivered(id: number, now: string, thread?: ThreadRef): Promise<void> {
    return this.run('mark_delivered', () => this.outbox.markDelivered(id, now, thread));
  }

  markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    return this.run('mark_retry', () => this.outbox.markRetry(id, error, nextAttemptAt));
  }

  markSuperseded(ids: number[]): Promise<void> {
    return this.run('mark_superseded', () => this.outbox.markSuperseded(ids));
  }

  hasNewerEdit(item: OutboxItem): Promise<boolean> {
    return this.run('has_newer_edit', () => this.outbox.hasNewerEdit(item));
  }

  pendingDeliveryCount(channel?: string): Promise<number> {
    return this.run('pending_delivery_count', () => this.outbox.pendingDeliveryCount(channel));
  }

  retryHeldNow(channel: string, now: string): Promise<number> {
    return this.run('retry_held_now', () => this.outbox.retryHeldNow(channel, now));
  }

  holdChannel(channel: string, until: string, reason: string): Promise<number> {
    return this.run('hold_channel', () => this.outbox.holdChannel(channel, until, reason));
  }

  saveThreadRef(thread: ThreadRef): Promise<void> {
    return this.run('save_thread_ref', () => this.outbox.saveThreadRef(thread));
  }

  lastParentView(companyId: string, incidentId: string, channel: string): Promise<AlertView | null> {
    return this.run('last_parent_view', () => this.outbox.lastParentView(companyId, incidentId, channel));
  }

  threadRef(companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null> {
    return this.run('thread_ref', () => this.outbox.threadRef(companyId, incidentId, channel));
  }

  close(): Promise<void> {
    return this.run('close', () => {
      if (this.db.$client.open) this.db.$client.close();
    });
  }
}
