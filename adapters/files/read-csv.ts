// CSV → table. A file the exporter has not finished writing (a quote never closed, a row cut
// short) is refused whole with the line where it breaks: importing the part before it would make
// every record after it look deleted.
import { CsvError, parse } from 'csv-parse/sync';
import { lineAt, stripBom, type Table } from './table';

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export function readCsv(raw: string): Table {
  // One line-ending convention up front: csv-parse miscounts lines for CRLF inside quoted values.
  const text = stripBom(raw).replace(/\r\n?/g, '\n');
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, { info: true, skip_empty_lines: true }) as unknown as ParsedRecord[];
  } catch (err) {
    return refuse(err, text);
  }
  const [header, ...records] = parsed;
  if (!header) return { ok: false, line: 1, reason: 'the file is empty (it may still be being written)' };
  const headers = header.record.map((h) => h.trim());
  const rows = records
    // Spreadsheet exports end with rows of bare commas; they hold nothing.
    .filter((r) => r.record.some((cell) => cell.trim() !== ''))
    .map((r) => {
      const cells: Record<string, unknown> = {};
      headers.forEach((h, i) => {
        if (h !== '' && !(h in cells)) cells[h] = r.record[i];
      });
      // `lines` is where the record ends; a quoted value may span several lines.
      const inner = r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: r.info.lines - inner, cells };
    });
  return { ok: true, headers: headers.filter((h) => h !== ''), rows };
}

function refuse(err: unknown, text: string): Table {
  if (!(err instanceof CsvError)) return { ok: false, reason: `not a readable CSV file (${String(err)})` };
  const at = (key: string) => (typeof err[key] === 'number' ? (err[key] as number) : undefined);
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // The parser reports the end of the file; the record that never ended starts at `bytes`.
      const start = at('bytes');
      const line = start !== undefined ? lineAt(text, Buffer.from(text).subarray(0, start).toString('utf8').length) : at('lines');
      return { ok: false, ...(line !== undefined ? { line } : {}), reason: 'a quoted value is never closed (the file may still be being written)' };
    }
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return withLine(at('lines'), 'this row has a different number of values than the header (a cut-off row, or a comma inside an unquoted value)');
    default:
      return withLine(at('lines'), `not a readable CSV file (${err.message})`);
  }
}

function withLine(line: number | undefined, reason: string): Table {
  return line !== undefined ? { ok: false, line, reason } : { ok: false, reason };
}
