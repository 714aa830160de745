// Times as each system writes them: upstream exports in UTC, QuickBooks MetaData with the company's
// offset (America/Chicago), calendar dates in the company's zone.
import { DateTime } from 'luxon';

export const ZONE = 'America/Chicago';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const utc = (ms: number): string => new Date(ms).toISOString();

export const qbTime = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;

export const localDate = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;

/** Midnight (company zone) of a YYYY-MM-DD date, in ms. */
export const startOfLocalDay = (date: string): number => DateTime.fromISO(date, { zone: ZONE }).toMillis();

/** Dollars with two decimals, as an export writes them. */
export const dollars = (cents: number): string => (cents / 100).toFixed(2);

/** Dollars as a JSON number, as QuickBooks sends them. */
export const amt = (cents: number): number => Math.round(cents) / 100;
