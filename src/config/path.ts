// A path is where a value sits in a parsed file: keys of mappings and 0-based indexes of lists, the
// same shape zod reports issues with.

export type Path = readonly PropertyKey[];

/** The value written at `path`; undefined when the file does not go that deep. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (isRecord(value)) value = value[String(segment)];
    else if (Array.isArray(value)) value = value[Number(segment)];
    else return undefined;
  }
  return value;
}

/** `rules[].grace` for ["rules", 3, "grace"]: names a place in every item of a list at once. */
export function pathPattern(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? '[]' : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
