// Paging through an entity in modification order from a position: the vendors' change feeds.
import type { Row } from './world';

export interface FeedPosition {
  modifiedMs: number;
  sourceId: string;
}

/** Rows strictly after `after` (or at/after `sinceMs`), at most `size`, and whether more remain. */
export function pageAfter<T extends { sourceId: string }>(
  rows: ReadonlyArray<Row<T>>,
  after: FeedPosition | undefined,
  sinceMs: number | undefined,
  size: number,
): { page: Array<Row<T>>; hasMore: boolean } {
  let lo = 0;
  let hi = rows.length;
  // Binary search: the first row past the position.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    const past = after
      ? r.modifiedMs > after.modifiedMs || (r.modifiedMs === after.modifiedMs && r.record.sourceId > after.sourceId)
      : r.modifiedMs >= (sinceMs ?? -Infinity);
    if (past) hi = mid;
    else lo = mid + 1;
  }
  const page = rows.slice(lo, lo + size);
  return { page, hasMore: lo + size < rows.length };
}

export function encodePosition(p: FeedPosition): string {
  return Buffer.from(JSON.stringify([p.modifiedMs, p.sourceId])).toString('base64url');
}

export function decodePosition(token: string): FeedPosition | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return { modifiedMs: v[0], sourceId: v[1] };
  } catch {
    // not a token
  }
  return undefined;
}
