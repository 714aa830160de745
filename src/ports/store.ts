import type { CanonicalRecord, CompanyPreferences, Side } from '../domain/records';
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
}

export interface StoreApplyResult {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/**
 * Everything the core keeps between polls. Every write that decides "we already told them" goes
 * through commitCycle or commitCommand in one transaction with the outbox.
 */
export interface StorePort {
  /** Upsert the read's records (by source, entity, sourceId; unchanged hashes are skipped), delete
   *  what a full read no longer has (except `unreadable` entities), keep the cursor, mark the source ok. */
  applySourceRead(companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): Promise<StoreApplyResult>;
  recordSourceFailure(companyId: string, sourceId: string, side: Side, error: { code: string; reason: string; message: string }, now: string): Promise<void>;
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
  commitCycle(companyId: string, commit: CycleCommit): Promise<void>;
  /** An operator action (acknowledge, snooze, root cause): the change and its notifications, atomically. */
  commitCommand(companyId: string, change: IncidentChange, outbox: OutboxDraft[], notifyState: NotifyState[]): Promise<void>;
  lastPollRun(companyId: string): Promise<PollRun | null>;

  /** Takes the next due items of a channel in order (oldest first per incident), marking them `sending`. */
  claimDeliveries(channel: string, now: string, limit: number): Promise<OutboxItem[]>;
  /** Items left `sending` by a crash: the channel decides whether they were delivered. */
  inFlightDeliveries(channel: string): Promise<OutboxItem[]>;
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
  /** Moves an incident's thread in a channel to a new parent (the old one was deleted by hand). */
  saveThreadRef(thread: ThreadRef): Promise<void>;
  /** The newest parent view planned for the incident in the channel, to post a parent again. */
  lastParentView(companyId: string, incidentId: string, channel: string): Promise<AlertView | null>;
  close(): Promise<void>;
}
