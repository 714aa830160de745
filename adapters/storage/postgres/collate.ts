// Text is ordered and compared byte by byte, as SQLite does, whatever locale the server was set up
// with: under a language collation 'ops-2' and 'ops_1' sort by letters first, punctuation ignored.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

export const bytewise = (column: AnyColumn): SQL => sql`${column} collate "C"`;
