// Time in the demo: instants are epoch milliseconds; people-facing dates are in the company's
// zone (Chicago), as FieldPro writes them. QuickBooks stamps its MetaData with a fixed -06:00.
import { DateTime, FixedOffsetZone } from 'luxon';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ZONE = 'America/Chicago';
const QBO_OFFSET = FixedOffsetZone.instance(-360);

/** The company's calendar date of an instant: invoice and payment dates on both sides. */
export function localDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
}

/** A calendar date plus whole days (due dates). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** How FieldPro writes an instant: local time with its offset, to the second. */
export function exportStamp(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
}

/** How QuickBooks writes MetaData times. */
export function qboStamp(ms: number): string {
  return DateTime.fromMillis(ms, { zone: QBO_OFFSET }).toISO({ suppressMilliseconds: true })!;
}

/** An instant `daysAgo` local days before `now`, at a local wall-clock time (business hours). */
export function atLocal(now: number, daysAgo: number, hour: number, minute = 0): number {
  return DateTime.fromMillis(now, { zone: ZONE }).startOf('day').minus({ days: daysAgo }).set({ hour, minute }).toMillis();
}

/** Rounds down to the minute: exports and QuickBooks show no milliseconds. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
