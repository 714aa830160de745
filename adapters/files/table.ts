// An export file as a table: headers and rows of raw cells, each row with the line it starts on,
// or the reason the file cannot be taken in at all.

export interface TableRow {
  /** 1-based line in the file where the row starts (a CSV header is line 1). */
  line: number;
  /** Header → raw value: always text from CSV; JSON keeps numbers, booleans, arrays. */
  cells: Record<string, unknown>;
}

export type Table =
  | { ok: true; headers: string[]; rows: TableRow[] }
  | { ok: false; line?: number; reason: string };

/** Exports from Windows tools start with a byte-order mark that is not part of the first header. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
