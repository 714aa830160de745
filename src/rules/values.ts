import { z } from 'zod';
import { parseMoneyToCents } from '../domain/money';

const DURATION = /^(\d+)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "500ms", "90s", "30m", "24h", "3d", "2w" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as string]!;
}

/** A duration written as text ("24h"), held as milliseconds. */
export const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration — write a number and a unit, e.g. 30m, 24h, 3d or 2w` });
    return z.NEVER;
  }
  return ms;
});

/** Dollars as written in a file (500, 12.50, "$1,000"), held as integer cents. */
export const money = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const cents = parseMoneyToCents(value);
  // Not only undefined: a parser slip that yields NaN must never pass as an amount.
  if (cents === undefined || !Number.isSafeInteger(cents) || cents < 0) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an amount of money — write dollars, e.g. 500 or 12.50` });
    return z.NEVER;
  }
  return cents;
});

/** A calendar date written YYYY-MM-DD. */
export const calendarDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const ms = Date.parse(text);
  // Date.parse rolls 2024-02-31 over to March 2; only a real calendar day reads back unchanged.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a date — write it as YYYY-MM-DD` });
    return z.NEVER;
  }
  return text;
});
