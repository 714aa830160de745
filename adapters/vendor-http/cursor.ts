// The cursor a connector keeps between polls: JSON with a version and one field of its own. A cursor
// that is not this connector's (another version, another connector, garbage) means: read in full once.

export function readCursor<T>(text: string | undefined, field: string, type: 'object' | 'string'): T | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as Record<string, unknown> | null;
    return c?.['v'] === 1 && typeof c[field] === type && c[field] !== null ? (c as T) : undefined;
  } catch {
    return undefined;
  }
}
