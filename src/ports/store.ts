import type { CanonicalRecord, CompanyPreferences, EntityKind, Side } from '../domain/records';
import type { Incident, IncidentChange, IncidentEvent } from '../incidents/model';
import type { AlertView } from '../notify/alert-view';
import type { NotifyState, OutboxDraft, OutboxItem, ThreadRef } from '../notify/outbox';
import type { SourceRead } from './source';

export interface SourceHealth {
  sourceId: string;
  side: Side;
  lastOkAt: string | null;
  lastErrorAt: string | null;
  lastError: { code: string; reason: string; message: string } | null;
  consecutiveFailures: number;
  /** Newest `updatedAt` among the source's records: when anything last arrived. */
  newestRecordAt: string | null;
  recordCount: number;
  cursor: string | null;
}

export interface PollRun {
  companyId: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** Per source: "ok · 4 files, 1,204 rows" or the error message. */
  sources: Record<string, string>;
  findingCount: number;
  recordCount: number;
  error?: string;
}

/** One week of a rule's findings against record volume, for the capacity signal and the digest. */
export interface WeeklyRuleStat {
  companyId: string;
  week: string;
  ruleId: string;
  findings: number;
  records: number;
}

export interface CycleCommit {
  pollRun: PollRun;
  changes: IncidentChange[];
  outbox: OutboxDraft[];
  notifyState: NotifyState[];
  weeklyStats: WeeklyRuleStat[];
  /** The company revision the decision was made on: the commit is refused (`store.stale_decision`) if it moved. */
  basis?: number;
  /** The poll lease the commit is made under: refused (`store.lease_lost`) if another process took it over. */
  fence?: Lease;
}

/** A held lease. `token` only ever grows for a resource, so a commit can prove it is from the current holder. */
export interface Lease {
  companyId: string;
  /** What of the company is leased: `poll`. */
  name: string;
  owner: string;
  token: number;
  expiresAt: string;
}

export type LeaseAttempt = { ok: true; lease: Lease } | { ok: false; holder: Lease };

/** Incidents, notify state and the next free incident number, read together at one company revision. */
export interface DecisionState {
  revision: number;
  incidents: Incident[];
  notifyState: NotifyState[];
  nextNumber: number;
}

/** A delivery claim: who is sending the item and until when the claim holds. */
export interface DeliveryClaim {
  owner: string;
  until: string;
}

export interface StoreApplyResult {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /**
   * What the apply wrote, for the incremental engine: every record it inserted or rewrote (a new
   * timestamp on the same content included) and the ids it removed. A store that leaves it out makes
   * every poll a full one.
   */
  changes?: { upserted: CanonicalRecord[]; deleted: Array<{ entity: EntityKind; sourceId: string }> };
}

/**
 * Everything the core keeps between polls. Every write that decides "we already told them" goes
 * through commitCycle or commitCommand in one transaction with the outbox.
 */
export interface StorePort {
  /** Upsert the read's records (by source, entity, sourceId; unchanged hashes are skipped), delete
   *  what a full read no longer has (except `unreadable` entities), keep the cursor, mark the source ok. */
  applySourceRead(companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): Promise<StoreApplyResult>;
  recordSourceFailure(
    companyId: string,
    sourceId: string,
    side: Side,
    error: { code: string; reason: string; message: string },
    now: string,
  ): Promise<void>;
  loadSourceHealth(companyId: string): Promise<SourceHealth[]>;
  loadRecords(companyId: string): Promise<CanonicalRecord[]>;
  loadPreferences(companyId: string): Promise<CompanyPreferences | null>;

  /** Open, acknowledged and snoozed incidents, plus resolved ones (which may reopen), with their active findings. */
  loadIncidents(companyId: string): Promise<Incident[]>;
  loadIncident(companyId: string, ref: string | number): Promise<Incident | null>;
  loadIncidentEvents(companyId: string, incidentId: string): Promise<IncidentEvent[]>;
  nextIncidentNumber(companyId: string): Promise<number>;
  loadNotifyState(companyId: string): Promise<NotifyState[]>;
  loadWeeklyStats(companyId: string, sinceWeek: string): Promise<WeeklyRuleStat[]>;
  /** One consistent read of what a decision starts from; commit with `basis: revision`. */
  loadDecisionState(companyId: string): Promise<DecisionState>;
  /** Bumped by every commitCycle and commitCommand of the company. */
  loadRevision(companyId: string): Promise<number>;
  commitCycle(companyId: string, commit: CycleCommit): Promise<void>;
  /** An operator action (acknowledge, snooze, root cause): the change and its notifications, atomically. */
  commitCommand(
    companyId: string,
    change: IncidentChange,
    outbox: OutboxDraft[],
    notifyState: NotifyState[],
    basis?: number,
  ): Promise<void>;
  lastPollRun(companyId: string): Promise<PollRun | null>;

  /**
   * Takes the company's lease `name` for `owner` until now + ttl, if it is free, expired, already the
   * owner's, or still held by exactly `replacing` (a holder the caller found dead). Else says who holds it.
   */
  acquireLease(companyId: string, name: string, owner: string, now: string, ttlMs: number, replacing?: Lease): Promise<LeaseAttempt>;
  /** Extends a held lease; null when it was taken over (its token is no longer current). */
  renewLease(lease: Lease, now: string, ttlMs: number): Promise<Lease | null>;
  releaseLease(lease: Lease): Promise<void>;

  /**
   * Takes the next due items of a channel in order (oldest first per incident), marking them `sending`,
   * claimed by `claim.owner` until `claim.until` (unclaimed without one, as tests drive it).
   */
  claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): Promise<OutboxItem[]>;
  /** Items marked `sending`, with their claims: recovery takes back only those whose claim ran out or whose owner is gone. */
  inFlightDeliveries(channel: string): Promise<OutboxItem[]>;
  /** Moves an in-flight item's claim from `from` (null: unclaimed) to `claim`; false if someone else moved it first. */
  takeOverDelivery(id: number, from: string | null, claim: DeliveryClaim): Promise<boolean>;
  markDelivered(id: number, now: string, thread?: ThreadRef): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: string): Promise<void>;
  /** Edits of a parent made stale by a newer pending edit are skipped, not sent. */
  markSuperseded(ids: number[]): Promise<void>;
  /** Whether a later, still-queued edit of the same parent exists (this one is then superseded). */
  hasNewerEdit(item: OutboxItem): Promise<boolean>;
  pendingDeliveryCount(channel?: string): Promise<number>;
  threadRef(companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null>;
  /** Makes every held item of a channel due now (the bot was invited back); returns how many. */
  retryHeldNow(channel: string, now: string): Promise<number>;
  /** Moves every queued item of a channel due before `until` to `until` (the channel refuses posts); returns how many. */
  holdChannel(channel: string, until: string, reason: string): Promise<number>;
  /** Moves an incident's thread in a channel to a new parent (the old one was deleted by hand). */
  saveThreadRef(thread: ThreadRef): Promise<void>;
  /** The newest parent view planned for the incident in the channel, to post a parent again. */
  lastParentView(companyId: string, incidentId: string, channel: string): Promise<AlertView | null>;
  close(): Promise<void>;
}
