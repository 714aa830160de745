import type { AlertView, ThreadUpdate } from './alert-view';
import type { RecordsList } from './records-list';

/** How a message reaches its thread. */
export type DeliveryOp = 'post_parent' | 'edit_parent' | 'reply' | 'broadcast';

/** `records`: every record of the incident, for chats that carry a file in the thread (Slack's CSV). */
export type OutboxBody =
  | { kind: 'parent'; view: AlertView }
  | { kind: 'thread'; update: ThreadUpdate }
  | { kind: 'records'; list: RecordsList; at: string; timeZone: string };

/** A planned delivery, written in the same transaction as the incident change that caused it. */
export interface OutboxDraft {
  companyId: string;
  incidentId: string;
  /** Configured channel name (`console`, `ops-slack` …). */
  channel: string;
  op: DeliveryOp;
  body: OutboxBody;
  createdAt: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'superseded' | 'dead';

export interface OutboxItem extends OutboxDraft {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  /** The process delivering it and until when that claim holds (absent when the store does not say). */
  claimedBy?: string | null;
  claimExpiresAt?: string | null;
}

/**
 * What the planner has already told a channel about an incident. Kept beside the outbox and written
 * with it, so a restart plans from what was promised, not from what happened to be delivered.
 */
export interface NotifyState {
  companyId: string;
  incidentId: string;
  channel: string;
  parentPlanned: boolean;
  /** Hash of the last parent view planned: an unchanged incident is not edited again. */
  viewHash: string | null;
  severity: string | null;
  status: string | null;
  lastPlannedAt: string | null;
  /** Last reminder or other thread activity, for the repeat interval. */
  lastThreadAt: string | null;
  /** How many records the last full list shared in the thread held (null: none shared yet). */
  recordsShared?: number | null;
}

/** Where a delivered parent lives in its chat system (Slack ts, Teams activity id, console line). */
export interface ThreadRef {
  companyId: string;
  incidentId: string;
  channel: string;
  destination: string;
  parentRef: string;
}
