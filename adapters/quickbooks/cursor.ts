// What the QuickBooks source remembers between polls, kept in the store's cursor so it is written in
// the same transaction as the records it describes: a crash never checkpoints past unsaved changes.
import { z } from 'zod';

const cursorSchema = z.object({
  v: z.literal(1),
  /** changedSince for the next change-data-capture call: server time of the last read minus the overlap. */
  since: z.string(),
  /** When the last full read (backfill or periodic re-check) finished. */
  fullAt: z.string(),
  /** (entity:Id → SyncToken) of objects inside the overlap, which the next poll sees again. */
  recent: z.record(z.string(), z.string()).default({}),
  /** Webhook events up to this sequence number have been re-checked. */
  webhookSeq: z.number().int().default(0),
  /** When Preferences and CompanyInfo were last read (they change rarely; re-read hourly). */
  settingsAt: z.string().optional(),
  /** A window too busy to read by change data capture: deletes may be missing until a full read. */
  fullDue: z.boolean().default(false),
});

export type QuickbooksCursor = z.output<typeof cursorSchema>;

/** An unreadable or foreign cursor means "start over with a full read", never a crash. */
export function parseCursor(text: string | undefined): QuickbooksCursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success && !Number.isNaN(Date.parse(parsed.data.since)) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function formatCursor(cursor: QuickbooksCursor): string {
  return JSON.stringify(cursor);
}

/** QuickBooks wants changedSince in UTC without milliseconds (node-quickbooks does not URL-encode it). */
export function qboInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
