import { createHash } from 'node:crypto';

/** Stable content hash: key order does not matter, `undefined` fields are left out. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(stableStringify(value)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Hash of a record's content, leaving out the fields that change without the content changing. */
export function recordHash(record: Record<string, unknown>): string {
  const { hash: _h, updatedAt: _u, origin: _o, ...content } = record;
  return contentHash(content);
}
