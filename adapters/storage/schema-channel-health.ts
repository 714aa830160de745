// Channel problems: a chat refused alerts for a reason only a person can fix. One row per episode.
import { primaryKey, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

export const channelProblems = sqliteTable(
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
