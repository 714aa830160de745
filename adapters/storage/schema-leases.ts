// Who may write what, when several processes share one database: a lease per resource (a company's
// poll) with a fencing token that only grows, and a revision per company that every decision commit
// bumps, so a decision made on what has since changed is refused and made again.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const leases = sqliteTable(
  'leases',
  {
    companyId: text('company_id').notNull(),
    /** What of the company is leased: `poll`. */
    name: text('name').notNull(),
    /** `host:pid:random` of the holder; null once released. */
    owner: text('owner'),
    expiresAt: text('expires_at'),
    /** Raised on every acquisition and never reset, so a commit can tell an old holder from the current one. */
    token: integer('token').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.name] })],
);

export const companyRevisions = sqliteTable('company_revisions', {
  companyId: text('company_id').primaryKey(),
  revision: integer('revision').notNull().default(0),
});
