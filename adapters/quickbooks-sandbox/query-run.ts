// Runs a parsed query over one entity's rows and shapes the QueryResponse exactly as QuickBooks does:
// the entity key is absent when nothing matched, and `maxResults` is the size of this page.
import { NAME_LISTS, type ListEntity, type WireEntity } from './data';
import type { Condition, Literal, ParsedQuery } from './query-parse';

export type QueryResponse = Record<string, unknown>;

export function runQuery(query: ParsedQuery, entity: ListEntity, rows: WireEntity[]): QueryResponse {
  const filtersActive = query.where.some((c) => c.field.toLowerCase() === 'active');
  const matched = rows.filter(
    (row) =>
      (filtersActive || !NAME_LISTS.has(entity) || row.Active !== false) && query.where.every((condition) => matches(row, condition)),
  );
  if (query.count) return { totalCount: matched.length };
  if (query.orderBy) {
    const { field, desc } = query.orderBy;
    matched.sort((a, b) => orderOf(valueAt(a, field), valueAt(b, field)) * (desc ? -1 : 1));
  }
  const page = matched.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults);
  if (page.length === 0) return {};
  return { [entity]: page, startPosition: query.startPosition, maxResults: page.length };
}

/** Reads a dotted field case-insensitively; a reference (`CustomerRef`) compares by its `value`. */
function valueAt(row: WireEntity, field: string): unknown {
  let current: unknown = row;
  for (const part of field.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const lower = part.toLowerCase();
    const key = Object.keys(current).find((k) => k.toLowerCase() === lower);
    current = key === undefined ? undefined : (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'object' && current !== null && 'value' in current) return current.value;
  return current;
}

function matches(row: WireEntity, condition: Condition): boolean {
  // Name-list rows without an Active flag are active, as QuickBooks treats them.
  const actual = condition.field.toLowerCase() === 'active' ? (valueAt(row, 'Active') ?? true) : valueAt(row, condition.field);
  if (actual === undefined || actual === null) return false;
  const { op, value } = condition;
  if (Array.isArray(value)) return value.some((v) => compare(actual, v) === 0);
  if (op === 'LIKE') return likePattern(String(value)).test(String(actual));
  const order = compare(actual, value);
  if (order === undefined) return false;
  if (op === '=') return order === 0;
  if (op === '<') return order < 0;
  if (op === '>') return order > 0;
  if (op === '<=') return order <= 0;
  return order >= 0;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** Numbers as numbers, timestamps as instants (offsets differ), everything else as text. */
function compare(actual: unknown, expected: Literal): number | undefined {
  if (typeof expected === 'boolean' || typeof actual === 'boolean') {
    return String(actual) === String(expected) ? 0 : undefined;
  }
  if (typeof expected === 'number' || typeof actual === 'number') {
    const a = Number(actual);
    const b = Number(expected);
    return Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
  }
  const a = String(actual);
  if (DATE_TIME.test(a) || DATE_TIME.test(expected)) {
    const [ta, tb] = [Date.parse(a), Date.parse(expected)];
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  }
  return a < expected ? -1 : a > expected ? 1 : 0;
}

function orderOf(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  return compare(a, typeof b === 'number' || typeof b === 'boolean' ? b : String(b)) ?? 0;
}

/** `%` is QuickBooks' only wildcard; matching ignores case. */
function likePattern(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}
