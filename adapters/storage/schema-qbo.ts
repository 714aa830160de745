// QuickBooks connection state: the encrypted token vault (with its refresh lease) and the queue of
// records named by webhooks, waiting for a targeted re-check.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const qboTokens = sqliteTable(
  'qbo_tokens',
  {
    companyId: text('company_id').notNull(),
    realmId: text('realm_id').notNull(),
    companyName: text('company_name'),
    /** AES-256-GCM: base64 of iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext of the token JSON. */
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

export const qboWebhookEvents = sqliteTable(
  'qbo_webhook_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    companyId: text('company_id').notNull(),
    realmId: text('realm_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').notNull(),
    /** The event's own id (CloudEvents) or entity|id|operation|lastUpdated (legacy): a redelivery is ignored. */
    eventKey: text('event_key').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('qbo_webhook_events_key_uq').on(t.companyId, t.realmId, t.eventKey),
    index('qbo_webhook_events_realm_idx').on(t.companyId, t.realmId, t.seq),
  ],
);
