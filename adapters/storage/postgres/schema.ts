// The Postgres schema: the same tables, keys and indexes as the SQLite one (../schema.ts), so both
// engines keep the same facts. Instants stay ISO-8601 text, as on SQLite: the port speaks ISO strings,
// and text gives back exactly the string written ('…00Z' and '…00.000Z' stay apart, as callers
// compare them). Structured values are `json`, not `jsonb`: jsonb re-orders object keys (shortest
// first), and a poll run's sources, a digest's figures and a record's fields are shown in the order
// they were written. Migrations come from these files (`npm run db:generate:pg`), never by hand.
import { boolean, index, integer, json, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Classification } from '../../../src/classify/classification';
import type { Finding } from '../../../src/domain/finding';
import type { CanonicalRecord, CompanyPreferences, EntityKind, Side } from '../../../src/domain/records';
import type { IncidentEventType, IncidentStatus, RootCause } from '../../../src/incidents/model';
import type { DeliveryOp, OutboxBody, OutboxStatus } from '../../../src/notify/outbox';

export const records = pgTable(
  'records',
  {
    companyId: text('company_id').notNull(),
    side: text('side').$type<Side>().notNull(),
    source: text('source').notNull(),
    entity: text('entity').$type<EntityKind>().notNull(),
    sourceId: text('source_id').notNull(),
    hash: text('hash').notNull(),
    updatedAt: text('updated_at'),
    data: json('data').$type<CanonicalRecord>().notNull(),
    /** Kept through updates, like SQLite's rowid: records load in the order they first arrived on both engines. */
    seq: serial('seq').notNull(),
  },
  (t) => [
    uniqueIndex('records_identity_uq').on(t.companyId, t.source, t.entity, t.sourceId),
    index('records_side_entity_idx').on(t.companyId, t.side, t.entity),
    index('records_company_seq_idx').on(t.companyId, t.seq),
  ],
);

export const sourceState = pgTable(
  'source_state',
  {
    companyId: text('company_id').notNull(),
    sourceId: text('source_id').notNull(),
    side: text('side').$type<Side>().notNull(),
    lastOkAt: text('last_ok_at'),
    lastErrorAt: text('last_error_at'),
    lastError: json('last_error').$type<{ code: string; reason: string; message: string }>(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    cursor: text('cursor'),
    preferences: json('preferences').$type<CompanyPreferences>(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.sourceId] })],
);

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    number: integer('number').notNull(),
    ruleId: text('rule_id').notNull(),
    groupKey: text('group_key').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<IncidentStatus>().notNull(),
    openedAt: text('opened_at').notNull(),
    changedAt: text('changed_at').notNull(),
    resolvedAt: text('resolved_at'),
    snoozedUntil: text('snoozed_until'),
    acknowledgedBy: text('acknowledged_by'),
    cleanPolls: integer('clean_polls').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    weeksSeen: json('weeks_seen').$type<string[]>().notNull(),
    rootCause: json('root_cause').$type<RootCause>(),
    classification: json('classification').$type<Classification>().notNull(),
  },
  (t) => [
    uniqueIndex('incidents_number_uq').on(t.companyId, t.number),
    uniqueIndex('incidents_rule_group_uq').on(t.companyId, t.ruleId, t.groupKey),
  ],
);

export const incidentFindings = pgTable(
  'incident_findings',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    findingKey: text('finding_key').notNull(),
    data: json('data').$type<Finding>().notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.findingKey] }), index('incident_findings_active_idx').on(t.companyId, t.resolvedAt)],
);

/** Append-only: rows are inserted, never updated or deleted. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: serial('id').primaryKey(),
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: text('at').notNull(),
    type: text('type').$type<IncidentEventType>().notNull(),
    actor: text('actor').notNull(),
    data: json('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.id)],
);

export const outbox = pgTable(
  'outbox',
  {
    id: serial('id').primaryKey(),
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    op: text('op').$type<DeliveryOp>().notNull(),
    body: json('body').$type<OutboxBody>().notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    claimedBy: text('claimed_by'),
    claimExpiresAt: text('claim_expires_at'),
  },
  (t) => [index('outbox_due_idx').on(t.channel, t.status, t.nextAttemptAt)],
);

export const notifyState = pgTable(
  'notify_state',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    parentPlanned: boolean('parent_planned').notNull(),
    viewHash: text('view_hash'),
    severity: text('severity'),
    status: text('status'),
    lastPlannedAt: text('last_planned_at'),
    lastThreadAt: text('last_thread_at'),
    recordsShared: integer('records_shared'),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.channel] }), index('notify_state_company_idx').on(t.companyId)],
);

export const threads = pgTable(
  'threads',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    destination: text('destination').notNull(),
    parentRef: text('parent_ref').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.channel] })],
);

export const pollRuns = pgTable(
  'poll_runs',
  {
    id: serial('id').primaryKey(),
    companyId: text('company_id').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    ok: boolean('ok').notNull(),
    sources: json('sources').$type<Record<string, string>>().notNull(),
    findingCount: integer('finding_count').notNull(),
    recordCount: integer('record_count').notNull(),
    error: text('error'),
  },
  (t) => [index('poll_runs_company_idx').on(t.companyId, t.startedAt)],
);

export const weeklyRuleStats = pgTable(
  'weekly_rule_stats',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    ruleId: text('rule_id').notNull(),
    findings: integer('findings').notNull(),
    records: integer('records').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week, t.ruleId] })],
);
