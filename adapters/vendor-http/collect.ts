// What a connector read turns into: canonical records, record-level problems that name the vendor
// record, and deletions. A record that cannot be mapped is reported and skipped, never a crash.
import { recordHash } from '../../src/domain/hash';
import type { CanonicalRecord, EntityKind, RecordProblem } from '../../src/domain/records';
import type { SourceRead } from '../../src/ports/source';
import { parseMoneyToCents } from '../../src/domain/money';
import { parseCalendarDate, parseInstant } from '../files/parse-time';

/** Thrown by a mapper for a value that is present but wrong; the record is reported and skipped. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

type Fields = Record<string, unknown>;

/** What a record that failed to map still tells of itself, so the engine treats it as unknown rather than gone. */
export type ReadableIdentity = Pick<RecordProblem, 'number' | 'jobNumber' | 'reference'>;

export class ReadCollector {
  readonly records: CanonicalRecord[] = [];
  readonly problems: RecordProblem[] = [];
  readonly deleted: Array<{ entity: EntityKind; sourceId: string }> = [];
  pages = 0;

  constructor(
    readonly source: string,
    /** The vendor's name for its records in messages (`ServiceTitan invoice 81234567`). */
    readonly vendor: string,
  ) {}

  /** Maps one wire record; a FieldError becomes a problem naming the record and field. */
  add(entity: EntityKind, sourceId: string | undefined, url: string, map: () => Fields | null, identity?: () => ReadableIdentity): void {
    try {
      const fields = map();
      if (fields === null) return;
      this.records.push(finish({ side: 'upstream', source: this.source, origin: { url }, ...fields }));
    } catch (err) {
      // A shape the mapper did not expect (a null where a list item should be) is this record's
      // problem too: one odd record must not fail the whole read.
      const field = err instanceof FieldError ? err.field : undefined;
      const what =
        err instanceof FieldError ? err.message : `has a shape that cannot be read (${err instanceof Error ? err.message : String(err)})`;
      this.problems.push({
        source: this.source,
        side: 'upstream',
        entity,
        ...(sourceId !== undefined ? { sourceId } : {}),
        ...readable(identity),
        origin: { url },
        ...(field !== undefined ? { field } : {}),
        message: `${this.vendor} ${entity} ${sourceId ?? '(no id)'}: ${what} — fix it in ${this.vendor}; it is skipped until then`,
      });
    }
  }

  remove(entity: EntityKind, sourceId: string): void {
    this.deleted.push({ entity, sourceId });
  }

  result(mode: SourceRead['mode'], cursor: string | undefined, summary: string, complete: EntityKind[] = []): SourceRead {
    return {
      mode,
      records: this.records,
      problems: this.problems,
      ...(mode === 'incremental' && this.deleted.length > 0 ? { deleted: this.deleted } : {}),
      ...(mode === 'incremental' && complete.length > 0 ? { complete } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
      summary,
    };
  }
}

function readable(identity: (() => ReadableIdentity) | undefined): ReadableIdentity {
  try {
    return identity ? withoutUndefined(identity()) : {};
  } catch {
    return {};
  }
}

/** Text at a path of a wire record (a number becomes text), or undefined; never throws. */
export function textAt(w: unknown, ...path: string[]): string | undefined {
  let v: unknown = w;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? optText(v) : undefined;
}

export function finish(fields: Fields): CanonicalRecord {
  const record = withoutUndefined(fields);
  return { ...record, hash: recordHash(record) } as unknown as CanonicalRecord;
}

export function withoutUndefined<T extends Fields>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Required text id (numbers become text). */
export function idOf(value: unknown, field = 'id'): string {
  if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) return String(value).trim();
  throw new FieldError(field, 'has no id');
}

export function optText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** A vendor instant → UTC ISO; a value present but unreadable is a FieldError. */
export function instant(value: unknown, field: string, zone = 'UTC'): string | undefined {
  const text = optText(value);
  if (text === undefined) return undefined;
  const iso = parseInstant(text, zone);
  if (iso === undefined) throw new FieldError(field, `${JSON.stringify(text)} is not a date and time`);
  return iso;
}

export function calendarDate(value: unknown, field: string, zone: string): string | undefined {
  const text = optText(value);
  if (text === undefined) return undefined;
  const day = parseCalendarDate(text, zone);
  if (day === undefined) throw new FieldError(field, `${JSON.stringify(text)} is not a date`);
  return day;
}

/**
 * A vendor's calendar date. Dates sent as midnight UTC (`2025-03-14T00:00:00Z`) are the date as
 * written, not an instant to convert into the company's zone (which would make it the 13th).
 */
export function vendorDate(value: unknown, field: string, zone: string): string | undefined {
  const text = optText(value);
  if (text === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(T00:00:00(\.0+)?(Z|[+-]00:?00)?)?$/.exec(text);
  if (m) return m[1];
  return calendarDate(text, field, zone);
}

/** Money the vendor sends as a decimal string or number → cents; unreadable is a FieldError. */
export function cents(value: unknown, field: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const c = typeof value === 'number' || typeof value === 'string' ? parseMoneyToCents(value) : undefined;
  if (c === undefined) throw new FieldError(field, `${JSON.stringify(value)} is not an amount`);
  return c;
}

export function requiredCents(value: unknown, field: string): number {
  const c = cents(value, field);
  if (c === undefined) throw new FieldError(field, 'is missing');
  return c;
}
