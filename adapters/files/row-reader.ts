// Typed reads of one export row. A value that is present but wrong throws a RowError naming the
// field, so the row is skipped and reported; an empty value is simply absent.
import { parseMoneyToCents } from '../../src/domain/money';
import { headerOf, type ColumnMap } from './columns';
import { parseCalendarDate, parseInstant } from './parse-time';

export class RowError extends Error {
  constructor(
    /** The canonical field (`total`), whatever the file's header calls it. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowError';
  }
}

export class RowReader {
  constructor(
    private readonly cells: Readonly<Record<string, unknown>>,
    private readonly columns: ColumnMap,
    private readonly zone: string,
  ) {}

  /** The raw cell, as the file holds it (text from CSV; any JSON value from JSON). */
  raw(field: string): unknown {
    const header = this.columns[field];
    return header === undefined ? undefined : this.cells[header];
  }

  text(field: string): string | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null) return undefined;
    const s = (typeof v === 'object' ? JSON.stringify(v) : String(v)).trim();
    return s === '' ? undefined : s;
  }

  required(field: string): string {
    const v = this.text(field);
    if (v === undefined) throw this.error(field, 'is empty');
    return v;
  }

  money(field: string): number | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
    const cents = typeof v === 'number' || typeof v === 'string' ? parseMoneyToCents(v) : undefined;
    if (cents === undefined) throw this.error(field, `${quote(v)} is not an amount`);
    return cents;
  }

  requiredMoney(field: string): number {
    const cents = this.money(field);
    if (cents === undefined) throw this.error(field, 'is empty');
    return cents;
  }

  /** An instant, as UTC ISO-8601. */
  instant(field: string): string | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const iso = parseInstant(v, this.zone);
    if (iso === undefined) throw this.error(field, `${quote(v)} is not a date and time`);
    return iso;
  }

  /** A calendar date, YYYY-MM-DD. */
  date(field: string): string | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const day = parseCalendarDate(v, this.zone);
    if (day === undefined) throw this.error(field, `${quote(v)} is not a date`);
    return day;
  }

  flag(field: string, fallback: boolean): boolean {
    const v = this.text(field)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['true', 'yes', 'y', '1'].includes(v)) return true;
    if (['false', 'no', 'n', '0'].includes(v)) return false;
    throw this.error(field, `${quote(v)} is not true/false, yes/no or 1/0`);
  }

  /** One of a fixed set, case-insensitive, with spaces and dashes read as underscores ("In Progress"). */
  choice<T extends string>(field: string, allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}): T | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const key = v.toLowerCase().replace(/[\s-]+/g, '_');
    const hit = (allowed as readonly string[]).includes(key) ? (key as T) : aliases[key];
    if (hit === undefined) throw this.error(field, `${quote(v)} is not one of ${allowed.join(', ')}`);
    return hit;
  }

  /** The message names the header as the person sees it in the file. */
  error(field: string, problem: string): RowError {
    return new RowError(field, `${headerOf(this.columns, field)} ${problem}`);
  }
}

function quote(v: unknown): string {
  return JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v));
}
