// Reads one export file (CSV or JSON) into rows of text cells with their line numbers. A file that
// is half-written or malformed is refused whole, never half imported.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface Row {
  /** 1-based line in the file (header = 1) for CSV, item number for JSON. */
  line: number;
  cells: Record<string, string>;
}

export type Table = { ok: true; columns: string[]; rows: Row[] } | { ok: false; line?: number; message: string };

export function readTable(path: string): Table {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return path.toLowerCase().endsWith('.json') ? readJson(text) : readCsv(text);
}

function readCsv(text: string): Table {
  try {
    const records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, info: true, bom: true, trim: false }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    const columns = text.split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return { ok: true, columns, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (err) {
    const e = err as { message?: string; lines?: number; code?: string };
    const reason = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed (the file may still be being written)' : e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'a row has a different number of fields than the header' : (e.message ?? 'unreadable CSV');
    return { ok: false, ...(e.lines !== undefined ? { line: e.lines } : {}), message: reason };
  }
}

function readJson(text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? Object.values(data).find(Array.isArray) : undefined;
  if (!list) return { ok: false, message: 'expected a JSON array of records' };
  const columns = new Set<string>();
  const rows = list.map((item, i): Row => {
    const cells: Record<string, string> = {};
    if (item && typeof item === 'object') {
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        columns.add(k);
        cells[k] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      }
    }
    return { line: i + 1, cells };
  });
  return { ok: true, columns: [...columns], rows };
}
