// The Postgres tables beside the core ones: leases and company revisions, the digest, channel
// problems, Teams conversations, the QuickBooks vault and webhook queue, upstream connector tokens.
// Same columns and keys as their SQLite twins (../schema-*.ts); see schema.ts for the type choices.
import { index, integer, json, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DigestSnapshot } from '../../../src/digest/snapshot';

export const leases = pgTable(
  'leases',
  {
    companyId: text('company_id').notNull(),
    name: text('name').notNull(),
    owner: text('owner'),
    expiresAt: text('expires_at'),
    /** Raised on every acquisition and never reset: a commit can tell an old holder from the current one. */
    token: integer('token').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.name] })],
);

export const companyRevisions = pgTable('company_revisions', {
  companyId: text('company_id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});

export const digestSnapshots = pgTable(
  'digest_snapshots',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    computedAt: text('computed_at').notNull(),
    data: json('data').$type<DigestSnapshot>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week] })],
);

export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    channel: text('channel').notNull(),
    deliveredAt: text('delivered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week, t.channel] })],
);

export const digestProgress = pgTable(
  'digest_progress',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    channel: text('channel').notNull(),
    mainRef: text('main_ref').notNull(),
    done: json('done').$type<string[]>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week, t.channel] })],
);

export const channelProblems = pgTable(
  'channel_problems',
  {
    companyId: text('company_id').notNull(),
    channel: text('channel').notNull(),
    episode: integer('episode').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    fix: text('fix').notNull(),
    openedAt: text('opened_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.channel, t.episode] })],
);

export const teamsConversations = pgTable(
  'teams_conversations',
  {
    companyId: text('company_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    kind: text('kind').$type<'channel' | 'personal' | 'groupChat'>().notNull(),
    teamId: text('team_id'),
    teamName: text('team_name'),
    name: text('name'),
    tenantId: text('tenant_id'),
    serviceUrl: text('service_url').notNull(),
    botId: text('bot_id').notNull(),
    botName: text('bot_name'),
    status: text('status').$type<'active' | 'dead'>().notNull(),
    deadReason: text('dead_reason'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.conversationId] }), index('teams_conversations_team_idx').on(t.companyId, t.teamId)],
);

export const teamsSentActivities = pgTable(
  'teams_sent_activities',
  {
    companyId: text('company_id').notNull(),
    outboxId: integer('outbox_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    activityId: text('activity_id').notNull(),
    parentRef: text('parent_ref'),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.outboxId] })],
);

export const qboTokens = pgTable(
  'qbo_tokens',
  {
    companyId: text('company_id').notNull(),
    realmId: text('realm_id').notNull(),
    companyName: text('company_name'),
    /** AES-256-GCM: base64 of iv ‖ tag ‖ ciphertext of the token JSON (../secret-box.ts). */
    sealed: text('sealed').notNull(),
    accessExpiresAt: text('access_expires_at').notNull(),
    refreshExpiresAt: text('refresh_expires_at'),
    hardExpiresAt: text('hard_expires_at'),
    version: integer('version').notNull().default(1),
    status: text('status').$type<'connected' | 'disconnected'>().notNull().default('connected'),
    disconnectedReason: text('disconnected_reason'),
    updatedAt: text('updated_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: text('lease_until'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.realmId] })],
);

export const qboWebhookEvents = pgTable(
  'qbo_webhook_events',
  {
    seq: serial('seq').primaryKey(),
    companyId: text('company_id').notNull(),
    realmId: text('realm_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').notNull(),
    eventKey: text('event_key').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('qbo_webhook_events_key_uq').on(t.companyId, t.realmId, t.eventKey),
    index('qbo_webhook_events_realm_idx').on(t.companyId, t.realmId, t.seq),
  ],
);

export const connectorTokens = pgTable(
  'connector_tokens',
  {
    companyId: text('company_id').notNull(),
    sourceId: text('source_id').notNull(),
    sealed: text('sealed').notNull(),
    /** SHA-256 of the refresh token the environment held when these were stored: a new one there wins. */
    seed: text('seed').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.sourceId] })],
);
