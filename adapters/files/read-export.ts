// One entity's export file → records and problems, read as a stream (bytes → text → rows → records)
// so memory holds the records, never the file's text or all its parsed rows besides. Bad input never
// throws and never half-imports silently: a file that cannot be taken in whole is refused whole (the
// entity becomes unreadable, so nothing is concluded from its records' absence); a bad row is
// skipped and reported alone.
import type { FileHandle } from 'node:fs/promises';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import { ENTITY_KIND, REQUIRED, headerOf, type ColumnMap, type FileEntity } from './columns';
import { mapRecord, readableIdentity } from './map-record';
import { decodeText } from './decode-text';
import { readCsv } from './read-csv';
import { MAX_JSON_BYTES, jsonTooLarge, readJson } from './read-json';
import { NotARegularFile, openRegularFile } from './read-regular-file';
import { RowError, RowReader } from './row-reader';
import { FileRefused, type Table } from './table';

export interface ExportSpec {
  source: string;
  entity: FileEntity;
  /** Absolute path of the file. */
  path: string;
  /** The path as findings show it (relative to the base folder). */
  file: string;
  columns: ColumnMap;
  zone: string;
  defaultCountry: string;
  /** The file's character encoding (`encoding` on the source); UTF-8 unless set. */
  encoding?: string;
}

export interface ExportRead {
  records: CanonicalRecord[];
  problems: RecordProblem[];
  rows: number;
  /** The file's column headers, as written (absent when the file was refused before its header was read). */
  headers?: string[];
  /** Why the whole file was refused, when it was. */
  refused?: string;
}

/** What `streamExport` returns: everything but the records, which went to the sink one by one. */
export type ExportOutcome = Omit<ExportRead, 'records'> & { records: number };

export async function readExport(spec: ExportSpec): Promise<ExportRead> {
  const records: CanonicalRecord[] = [];
  const got = await streamExport(spec, (r) => records.push(r));
  // A file refused part-way contributes nothing, not the rows before the break.
  return { ...got, records: got.refused === undefined ? records : [] };
}

/**
 * Reads the file row by row and hands each record to `onRecord` as it is mapped, so neither the file's
 * text nor its parsed rows are ever held whole. When the outcome says `refused`, the caller drops what
 * `onRecord` was given: the file is taken in whole or not at all.
 */
export async function streamExport(spec: ExportSpec, onRecord: (record: CanonicalRecord) => void): Promise<ExportOutcome> {
  const problem = (message: string, extra: Partial<RecordProblem> = {}): RecordProblem => ({
    source: spec.source,
    side: 'upstream',
    entity: ENTITY_KIND[spec.entity],
    origin: { file: spec.file },
    message,
    ...extra,
  });
  const refuse = (reason: string, line: number | undefined, rows: number, headers?: string[]): ExportOutcome => {
    const where = line !== undefined ? `${spec.file} line ${line}` : spec.file;
    return {
      records: 0,
      rows,
      ...(headers ? { headers } : {}),
      refused: reason,
      problems: [
        problem(
          `${where}: ${reason} — nothing from this file was used; fix or re-export it`,
          line !== undefined ? { origin: { file: spec.file, row: line } } : {},
        ),
      ],
    };
  };
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    opened = await openRegularFile(spec.path);
  } catch (err) {
    if (err instanceof NotARegularFile) return refuse(`${err.message}: only regular files inside the folder are read`, undefined, 0);
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(`cannot be read (${code ?? (err as Error).message}); check the folder's permissions`, undefined, 0);
  }
  const encoding = spec.encoding ?? 'utf-8';
  let headers: string[] | undefined;
  let rows = 0;
  try {
    const table = await openTable(spec.path, opened.handle, opened.size, encoding);
    headers = table.headers;
    const missing = missingColumns(spec, table.headers);
    if (missing !== undefined)
      return { records: 0, rows: 0, headers, refused: missing.refused, problems: [problem(missing.message, { field: missing.field })] };
    const problems: RecordProblem[] = [];
    let records = 0;
    const firstRowOf = new Map<string, number>();
    for await (const row of table.rows) {
      rows++;
      const origin = { file: spec.file, row: row.line };
      const reader = new RowReader(row.cells, spec.columns, spec.zone);
      try {
        const record = mapRecord(spec.entity, reader, { source: spec.source, origin, defaultCountry: spec.defaultCountry });
        const first = firstRowOf.get(record.sourceId);
        if (first !== undefined) {
          problems.push(
            problem(`${spec.file} row ${row.line}: id "${record.sourceId}" appears twice (first on row ${first}) — this row was skipped`, {
              sourceId: record.sourceId,
              origin,
              field: 'id',
            }),
          );
          continue;
        }
        firstRowOf.set(record.sourceId, row.line);
        onRecord(record);
        records++;
      } catch (err) {
        if (!(err instanceof RowError)) throw err;
        problems.push(
          problem(`${spec.file} row ${row.line}: ${err.message}`, { ...readableIdentity(spec.entity, reader), origin, field: err.field }),
        );
      }
    }
    return { records, problems, rows, headers };
  } catch (err) {
    if (err instanceof FileRefused) {
      const line = err.line ?? (err.byte !== undefined ? await lineAtByte(spec.path, encoding, err.byte) : undefined);
      return refuse(err.reason, line, rows, headers);
    }
    // Whatever one file does to the parser or the mapper (nesting deep enough to exhaust the stack),
    // it is refused alone: the other files and sources are still read.
    return refuse(`could not be read (${err instanceof Error ? err.message : String(err)})`, undefined, 0, headers);
  } finally {
    await opened.handle.close();
  }
}

async function openTable(path: string, handle: FileHandle, size: number, encoding: string): Promise<Table> {
  const text = decodeText(encoding)(handle.createReadStream({ autoClose: false }));
  if (!/\.json$/i.test(path)) return readCsv(text);
  if (size > MAX_JSON_BYTES) throw jsonTooLarge(size);
  let whole = '';
  for await (const chunk of text) whole += chunk;
  return readJson(whole);
}

function missingColumns(spec: ExportSpec, headers: readonly string[]): { refused: string; message: string; field: string } | undefined {
  const { entity, columns, file } = spec;
  // An empty JSON array has no keys to check; an empty CSV still has its header.
  if (headers.length === 0) return undefined;
  const missing = REQUIRED[entity].filter((field) => {
    const header = columns[field];
    return header === undefined || !headers.includes(header);
  });
  if (missing.length === 0) return undefined;
  const one = missing.length === 1;
  const names = missing.map((f) => `"${headerOf(columns, f)}"`).join(', ');
  const keys = missing.map((f) => `columns.${entity}.${f}`).join(', ');
  return {
    refused: `missing column${one ? '' : 's'} ${missing.join(', ')}`,
    message: `${file}: missing column${one ? '' : 's'} ${names} — the export must include ${one ? 'it' : 'them'}, or map ${one ? 'it' : 'them'} under ${keys}`,
    field: missing[0]!,
  };
}

/** The line of a byte offset into the decoded text: read again, only when a parser error names no line. */
async function lineAtByte(path: string, encoding: string, byte: number): Promise<number | undefined> {
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    opened = await openRegularFile(path);
  } catch {
    return undefined;
  }
  let seen = 0;
  let line = 1;
  try {
    for await (const chunk of decodeText(encoding)(opened.handle.createReadStream({ autoClose: false }))) {
      const bytes = Buffer.from(chunk);
      const take = bytes.subarray(0, Math.max(0, byte - seen)).toString('utf8');
      for (let i = take.indexOf('\n'); i >= 0; i = take.indexOf('\n', i + 1)) line++;
      seen += bytes.length;
      if (seen >= byte) break;
    }
  } catch {
    // The text broke before the offset (it was read once already); the line counted so far is the best known.
  } finally {
    await opened.handle.close();
  }
  return line;
}
