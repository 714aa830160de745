// An export file as a table: headers, then rows of raw cells read one at a time, each row with the
// line it starts on. A file that cannot be taken in whole is refused with a FileRefused, which may
// come at any row: the rows before it are then not used either.

export interface TableRow {
  /** 1-based line in the file where the row starts (a CSV header is line 1). */
  line: number;
  /** Header → raw value: always text from CSV; JSON keeps numbers, booleans, arrays. */
  cells: Record<string, unknown>;
}

export interface Table {
  headers: string[];
  rows: AsyncIterable<TableRow> | Iterable<TableRow>;
}

/** Why a whole file is refused, and the line where it breaks when there is one. */
export class FileRefused extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    /** UTF-8 byte offset into the decoded text, when the parser knows only that (turned into a line by the caller). */
    readonly byte?: number,
  ) {
    super(reason);
    this.name = 'FileRefused';
  }
}

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
