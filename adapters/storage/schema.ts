// The SQLite schema. Every table carries company_id so one database can hold many companies.
// Instants are ISO-8601 text; structured values are JSON text. Migrations are generated from this
// file by drizzle-kit (`npm run db:generate`), never written by hand.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Classification } from '../../src/classify/classification';
import type { Finding } from '../../src/domain/finding';
import type { CanonicalRecord, CompanyPreferences, EntityKind, Side } from '../../src/domain/records';
import type { IncidentEventType, IncidentStatus, RootCause } from '../../src/incidents/model';
import type { DeliveryOp, OutboxBody, OutboxStatus } from '../../src/notify/outbox';

export const records = sqliteTable(
  'records',
  {
    companyId: text('company_id').notNull(),
    side: text('side').$type<Side>().notNull(),
    source: text('source').notNull(),
    entity: text('entity').$type<EntityKind>().notNull(),
    sourceId: text('source_id').notNull(),
    hash: text('hash').notNull(),
    updatedAt: text('updated_at'),
    data: text('data', { mode: 'json' }).$type<CanonicalRecord>().notNull(),
  },
  (t) => [
    uniqueIndex('records_identity_uq').on(t.companyId, t.source, t.entity, t.sourceId),
    index('records_side_entity_idx').on(t.companyId, t.side, t.entity),
  ],
);

export const sourceState = sqliteTable(
  'source_state',
  {
    companyId: text('company_id').notNull(),
    sourceId: text('source_id').notNull(),
    side: text('side').$type<Side>().notNull(),
    lastOkAt: text('last_ok_at'),
    lastErrorAt: text('last_error_at'),
    lastError: text('last_error', { mode: 'json' }).$type<{ code: string; reason: string; message: string }>(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    cursor: text('cursor'),
    preferences: text('preferences', { mode: 'json' }).$type<CompanyPreferences>(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.sourceId] })],
);

export const incidents = sqliteTable(
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
    weeksSeen: text('weeks_seen', { mode: 'json' }).$type<string[]>().notNull(),
    rootCause: text('root_cause', { mode: 'json' }).$type<RootCause>(),
    classification: text('classification', { mode: 'json' }).$type<Classification>().notNull(),
  },
  (t) => [
    uniqueIndex('incidents_number_uq').on(t.companyId, t.number),
    uniqueIndex('incidents_rule_group_uq').on(t.companyId, t.ruleId, t.groupKey),
  ],
);

export const incidentFindings = sqliteTable(
  'incident_findings',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    findingKey: text('finding_key').notNull(),
    data: text('data', { mode: 'json' }).$type<Finding>().notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.findingKey] }),
    // Loading a company's incidents reads only the active findings; resolved ones pile up over time.
    index('incident_findings_active_idx').on(t.companyId, t.resolvedAt),
  ],
);

/** Append-only: rows are inserted, never updated or deleted. */
export const incidentEvents = sqliteTable(
  'incident_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: text('at').notNull(),
    type: text('type').$type<IncidentEventType>().notNull(),
    actor: text('actor').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.id)],
);

// No foreign key to incidents: the outbox, its state and threads are delivery bookkeeping and may
// later carry messages that are not about one incident (a digest).
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    op: text('op').$type<DeliveryOp>().notNull(),
    body: text('body', { mode: 'json' }).$type<OutboxBody>().notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    /** The process delivering it (`host:pid:random`) and until when its claim holds; null when not claimed. */
    claimedBy: text('claimed_by'),
    claimExpiresAt: text('claim_expires_at'),
  },
  (t) => [index('outbox_due_idx').on(t.channel, t.status, t.nextAttemptAt)],
);

export const notifyState = sqliteTable(
  'notify_state',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    parentPlanned: integer('parent_planned', { mode: 'boolean' }).notNull(),
    viewHash: text('view_hash'),
    severity: text('severity'),
    status: text('status'),
    lastPlannedAt: text('last_planned_at'),
    lastThreadAt: text('last_thread_at'),
    recordsShared: integer('records_shared'),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.channel] }), index('notify_state_company_idx').on(t.companyId)],
);

export const threads = sqliteTable(
  'threads',
  {
    companyId: text('company_id').notNull(),
    incidentId: text('incident_id').notNull(),
    channel: text('channel').notNull(),
    destination: text('destination').notNull(),
    // TEXT on purpose: a Slack ts like '1700000000.000100' loses its trailing zeros as a number.
    parentRef: text('parent_ref').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.channel] })],
);

export const pollRuns = sqliteTable(
  'poll_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    sources: text('sources', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    findingCount: integer('finding_count').notNull(),
    recordCount: integer('record_count').notNull(),
    error: text('error'),
  },
  (t) => [index('poll_runs_company_idx').on(t.companyId, t.startedAt)],
);

export const weeklyRuleStats = sqliteTable(
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
export * from './schema-digest';
export * from './schema-channel-health';
export * from './schema-qbo';
export * from './schema-teams';
export * from './schema-connector-tokens';
export * from './schema-leases';
