// Typed reads of one row's cells; a bad value throws a RowError naming the field, which the source
// turns into a finding for that file and row.
import { DateTime } from 'luxon';
import { parseMoneyToCents } from '../../src/domain/money';

export class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd', 'M/d/yyyy h:mm a', 'M/d/yyyy H:mm', 'M/d/yyyy'];

export class Cells {
  constructor(
    private readonly cells: Record<string, string>,
    private readonly columns: Record<string, string>,
    private readonly zone: string,
  ) {}

  text(field: string): string | undefined {
    const v = this.cells[this.columns[field] ?? field]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  required(field: string): string {
    const v = this.text(field);
    if (v === undefined) throw new RowError(field, `${field} is empty`);
    return v;
  }

  money(field: string): number | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const cents = parseMoneyToCents(v);
    if (cents === undefined) throw new RowError(field, `${field} "${v}" is not an amount`);
    return cents;
  }

  /** An instant: ISO with offset, or a naive local time in the company's zone → UTC ISO. */
  instant(field: string): string | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const iso = DateTime.fromISO(v, { zone: this.zone, setZone: false });
    if (iso.isValid) return iso.toUTC().toISO()!;
    for (const f of FORMATS) {
      const dt = DateTime.fromFormat(v, f, { zone: this.zone });
      if (dt.isValid) return dt.toUTC().toISO()!;
    }
    throw new RowError(field, `${field} "${v}" is not a date and time`);
  }

  /** A calendar date, YYYY-MM-DD. */
  date(field: string): string | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    for (const f of ['yyyy-MM-dd', 'M/d/yyyy']) {
      const dt = DateTime.fromFormat(v.slice(0, 10).replace(/T.*/, ''), f);
      if (dt.isValid) return dt.toISODate()!;
    }
    const iso = DateTime.fromISO(v, { zone: this.zone });
    if (iso.isValid) return iso.toISODate()!;
    throw new RowError(field, `${field} "${v}" is not a date`);
  }

  bool(field: string, fallback: boolean): boolean {
    const v = this.text(field)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['true', 'yes', 'y', '1', 'active'].includes(v)) return true;
    if (['false', 'no', 'n', '0', 'inactive'].includes(v)) return false;
    throw new RowError(field, `${field} "${v}" is not yes/no`);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], aliases: Record<string, T> = {}): T | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const key = v.toLowerCase().replace(/[\s-]+/g, '_');
    const hit = (allowed as readonly string[]).includes(key) ? (key as T) : aliases[key];
    if (!hit) throw new RowError(field, `${field} "${v}" is not one of ${allowed.join(', ')}`);
    return hit;
  }
}
