// CSV → table, streamed: csv-parse reads the text a chunk at a time and hands over one record at a
// time, so the file is never held whole. A file the exporter has not finished writing (a quote never
// closed, a row cut short) is refused whole with the line where it breaks: importing the part
// before it would make every record after it look deleted.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { FileRefused, type Table, type TableRow } from './table';

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** `text` is decoded text with `\n` line endings (see decode-text.ts). */
export async function readCsv(text: AsyncIterable<string>): Promise<Table> {
  const parser = parse({ info: true, skip_empty_lines: true });
  // Errors from either end reach the loop below through the parser; this promise only settles.
  pipeline(Readable.from(text, { objectMode: false }), parser).catch(() => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord>;
  const first = await next(records);
  if (first.done) throw new FileRefused('the file is empty (it may still be being written)', 1);
  const headers = first.value.record.map((h) => h.trim());
  return { headers: headers.filter((h) => h !== ''), rows: rowsOf(records, headers) };
}

async function* rowsOf(records: AsyncIterator<ParsedRecord>, headers: string[]): AsyncGenerator<TableRow> {
  for (let r = await next(records); !r.done; r = await next(records)) {
    const { record, info } = r.value;
    // Spreadsheet exports end with rows of bare commas; they hold nothing.
    if (!record.some((cell) => cell.trim() !== '')) continue;
    const cells: Record<string, unknown> = {};
    headers.forEach((h, i) => {
      if (h !== '' && !(h in cells)) cells[h] = record[i];
    });
    // `lines` is where the record ends; a quoted value may span several lines.
    let inner = 0;
    for (const cell of record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) inner++;
    yield { line: info.lines - inner, cells };
  }
}

async function next(records: AsyncIterator<ParsedRecord>): Promise<IteratorResult<ParsedRecord>> {
  try {
    return await records.next();
  } catch (err) {
    throw refusal(err);
  }
}

function refusal(err: unknown): unknown {
  if (err instanceof FileRefused) return err;
  if (!(err instanceof CsvError)) return new FileRefused(`not a readable CSV file (${String(err)})`);
  const at = (key: string) => (typeof err[key] === 'number' ? (err[key] as number) : undefined);
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // The parser reports the end of the file; the record that never ended starts at `bytes`.
      return new FileRefused(
        'a quoted value is never closed (the file may still be being written)',
        at('bytes') === undefined ? at('lines') : undefined,
        at('bytes'),
      );
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return new FileRefused(
        'this row has a different number of values than the header (a cut-off row, or a comma inside an unquoted value)',
        at('lines'),
      );
    default:
      return new FileRefused(`not a readable CSV file (${err.message})`, at('lines'));
  }
}
