// One entity's export file → records and problems. Bad input never throws and never half-imports
// silently: a file that cannot be taken in whole is refused whole (the entity becomes unreadable,
// so nothing is concluded from its records' absence); a bad row is skipped and reported alone.
import iconv from 'iconv-lite';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import { ENTITY_KIND, REQUIRED, headerOf, type ColumnMap, type FileEntity } from './columns';
import { mapRecord, readableIdentity } from './map-record';
import { readCsv } from './read-csv';
import { readJson } from './read-json';
import { NotARegularFile, readRegularFile } from './read-regular-file';
import { RowError, RowReader } from './row-reader';
import { lineAt } from './table';
import type { Table } from './table';

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
  /** Why the whole file was refused, when it was. */
  refused?: string;
}

export function readExport(spec: ExportSpec): ExportRead {
  try {
    return readWhole(spec);
  } catch (err) {
    // Whatever one file does to the parser or the mapper (nesting deep enough to exhaust the stack),
    // it is refused alone: the other files and sources are still read.
    const reason = `could not be read (${err instanceof Error ? err.message : String(err)})`;
    return {
      records: [],
      rows: 0,
      refused: reason,
      problems: [{ source: spec.source, side: 'upstream', entity: ENTITY_KIND[spec.entity], origin: { file: spec.file }, message: `${spec.file}: ${reason} — nothing from this file was used; fix or re-export it` }],
    };
  }
}

function readWhole(spec: ExportSpec): ExportRead {
  const { entity, file, columns } = spec;
  const problem = (message: string, extra: Partial<RecordProblem> = {}): RecordProblem => ({
    source: spec.source,
    side: 'upstream',
    entity: ENTITY_KIND[entity],
    origin: { file },
    message,
    ...extra,
  });
  const table = loadTable(spec.path, spec.encoding ?? 'utf-8');
  if (!table.ok) {
    const where = table.line !== undefined ? `${file} line ${table.line}` : file;
    return {
      records: [],
      rows: 0,
      refused: table.reason,
      problems: [problem(`${where}: ${table.reason} — nothing from this file was used; fix or re-export it`, table.line !== undefined ? { origin: { file, row: table.line } } : {})],
    };
  }
  const absent = (field: string) => {
    const header = columns[field];
    return header === undefined || !table.headers.includes(header);
  };
  // An empty JSON array has no keys to check; an empty CSV still has its header.
  const missing = table.rows.length === 0 && table.headers.length === 0 ? [] : REQUIRED[entity].filter(absent);
  if (missing.length > 0) {
    const one = missing.length === 1;
    const names = missing.map((f) => `"${headerOf(columns, f)}"`).join(', ');
    const keys = missing.map((f) => `columns.${entity}.${f}`).join(', ');
    return {
      records: [],
      rows: table.rows.length,
      refused: `missing column${one ? '' : 's'} ${missing.join(', ')}`,
      problems: [problem(`${file}: missing column${one ? '' : 's'} ${names} — the export must include ${one ? 'it' : 'them'}, or map ${one ? 'it' : 'them'} under ${keys}`, { field: missing[0]! })],
    };
  }

  const records: CanonicalRecord[] = [];
  const problems: RecordProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of table.rows) {
    const origin = { file, row: row.line };
    const reader = new RowReader(row.cells, columns, spec.zone);
    try {
      const record = mapRecord(entity, reader, { source: spec.source, origin, defaultCountry: spec.defaultCountry });
      const first = firstRowOf.get(record.sourceId);
      if (first !== undefined) {
        problems.push(problem(`${file} row ${row.line}: id "${record.sourceId}" appears twice (first on row ${first}) — this row was skipped`, { sourceId: record.sourceId, origin, field: 'id' }));
        continue;
      }
      firstRowOf.set(record.sourceId, row.line);
      records.push(record);
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      problems.push(problem(`${file} row ${row.line}: ${err.message}`, { ...readableIdentity(entity, reader), origin, field: err.field }));
    }
  }
  return { records, problems, rows: table.rows.length };
}

function loadTable(path: string, encoding: string): Table {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path);
  } catch (err) {
    if (err instanceof NotARegularFile) return { ok: false, reason: `${err.message}: only regular files inside the folder are read` };
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot be read (${code ?? (err as Error).message}); check the folder's permissions` };
  }
  const text = decode(bytes, encoding);
  if (typeof text !== 'string') return text;
  return /\.json$/i.test(path) ? readJson(text) : readCsv(text);
}

/** UTF-8 is checked, not guessed: a Latin-1 export would otherwise show as replacement characters. */
function decode(bytes: Buffer, encoding: string): string | Table {
  if (!/^utf-?8$/i.test(encoding)) return iconv.decode(bytes, encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = bytes.toString('utf8');
    const line = lineAt(loose, loose.indexOf('\uFFFD'));
    return { ok: false, line, reason: 'this line is not UTF-8 text — if the export is Latin-1 or Windows-1252, set `encoding: windows-1252` on the source' };
  }
}
