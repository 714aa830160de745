// Instants are compared as epoch milliseconds; people read ages and dates in the company's zone.
import { DateTime } from 'luxon';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** "45 min", "7 h", "3 days", "2 weeks". */
export function humanAge(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} h`;
  if (ms < 14 * DAY) return `${Math.round(ms / DAY)} days`;
  return `${Math.round(ms / (7 * DAY))} weeks`;
}

/** ISO week of an instant in a zone, e.g. "2026-W48". */
export function isoWeek(at: Date | string, zone: string): string {
  const dt = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone });
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** Days from `now` until the books close: the company's close day of the coming month boundary. */
export function daysToClose(now: Date, zone: string, closeDay: number): number {
  const local = DateTime.fromJSDate(now, { zone }).startOf('day');
  let close = local.set({ day: closeDay });
  if (close < local) close = close.plus({ months: 1 });
  return Math.round(close.diff(local, 'days').days);
}

/**
 * The one way a person reads an instant: in the company's zone, "Mon 14 Dec, 01:23" (with the
 * year when it is not the year of `now`). Used by alerts, threads, command answers and the CLI.
 */
export function localTime(at: string | Date, zone: string, now?: Date): string {
  const dt = DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone });
  if (!dt.isValid) return String(at);
  const sameYear = !now || DateTime.fromJSDate(now, { zone }).year === dt.year;
  return dt.toFormat(sameYear ? 'ccc d LLL, HH:mm' : 'ccc d LLL yyyy, HH:mm');
}
