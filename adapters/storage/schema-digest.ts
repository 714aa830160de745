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
