// One fixed "now" for the pure core: a Tuesday mid-month, far from a month-end close on the 5th.
import { DAY, HOUR } from '../../src/domain/time';

export const NOW = new Date('2026-03-17T15:00:00.000Z');

export const MINUTE = 60_000;
export { DAY, HOUR };

/** ISO instant `ms` before `from`. */
export const ago = (ms: number, from: Date = NOW): string => new Date(from.getTime() - ms).toISOString();
export const minutesAgo = (m: number, from: Date = NOW): string => ago(m * MINUTE, from);
export const hoursAgo = (h: number, from: Date = NOW): string => ago(h * HOUR, from);
export const daysAgo = (d: number, from: Date = NOW): string => ago(d * DAY, from);

/** The instant `ms` after `from`, as a Date (polls, drains). */
export const after = (ms: number, from: Date = NOW): Date => new Date(from.getTime() + ms);
