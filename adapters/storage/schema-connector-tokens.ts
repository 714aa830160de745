// Upstream connectors' rotating OAuth tokens (Jobber), sealed like the QuickBooks vault.
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const connectorTokens = sqliteTable(
  'connector_tokens',
  {
    companyId: text('company_id').notNull(),
    sourceId: text('source_id').notNull(),
    /** AES-256-GCM: base64 of iv ‖ tag ‖ ciphertext of the token JSON. */
    sealed: text('sealed').notNull(),
    /** SHA-256 of the refresh token the environment held when these were stored: a new one there wins. */
    seed: text('seed').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.sourceId] })],
);
