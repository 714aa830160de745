// The leadership digest's tables: one snapshot per company and week (the figures as computed then,
// so the trend survives rule edits and restarts), and which channels already received each week.
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DigestSnapshot } from '../../src/digest/snapshot';

export const digestSnapshots = sqliteTable(
  'digest_snapshots',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    computedAt: text('computed_at').notNull(),
    data: text('data', { mode: 'json' }).$type<DigestSnapshot>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week] })],
);

export const digestDeliveries = sqliteTable(
  'digest_deliveries',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    channel: text('channel').notNull(),
    deliveredAt: text('delivered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week, t.channel] })],
);

/**
 * How far a channel's digest for a week got while it was not complete: the main message's reference
 * and the thread parts already posted, so a retry continues rather than posting a second digest.
 */
export const digestProgress = sqliteTable(
  'digest_progress',
  {
    companyId: text('company_id').notNull(),
    week: text('week').notNull(),
    channel: text('channel').notNull(),
    mainRef: text('main_ref').notNull(),
    done: text('done', { mode: 'json' }).$type<string[]>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.week, t.channel] })],
);
