// A drop folder of CSV/JSON exports as a source: per entity the newest matching file is the
// current export. Bad rows become problems naming file, row and field; a file that cannot be read
// whole marks its entity unreadable, so nothing is concluded from its absence.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FilesSourceConfig } from '../../src/config/schema';
import { SentinelError } from '../../src/domain/errors';
import type { CanonicalRecord, EntityKind, RecordProblem } from '../../src/domain/records';
import type { SourcePort, SourceRead } from '../../src/ports/source';
import { Cells, RowError } from './cells';
import { columnsFor, REQUIRED, type FileEntity } from './columns';
import { mapRow } from './map-rows';
import { readTable } from './read-table';

const ENTITY: Record<FileEntity, EntityKind> = { customers: 'customer', jobs: 'job', invoices: 'invoice', payments: 'payment' };

export interface FilesSourceOptions {
  baseDir: string;
  timeZone: string;
  defaultCountry?: string;
}

export function createFilesSource(cfg: FilesSourceConfig, opts: FilesSourceOptions): SourcePort {
  const dir = path.resolve(opts.baseDir, cfg.path);
  const zone = cfg.time_zone ?? opts.timeZone;
  return {
    id: cfg.id,
    side: 'upstream',
    displayName: cfg.name ?? `${cfg.id} export`,
    async read(): Promise<SourceRead> {
      if (!existsSync(dir)) throw new SentinelError('files.folder', 'config', `The export folder ${dir} does not exist — create it or fix "path" of source ${cfg.id}.`, { retryable: true });
      const records: CanonicalRecord[] = [];
      const problems: RecordProblem[] = [];
      const unreadable: NonNullable<SourceRead['unreadable']> = [];
      let files = 0;
      let rows = 0;
      for (const entity of Object.keys(ENTITY) as FileEntity[]) {
        const file = newestMatch(dir, cfg.files[entity] ?? `${entity}*`);
        if (!file) continue;
        files++;
        const rel = path.relative(opts.baseDir, file);
        const problem = (message: string, extra: Partial<RecordProblem> = {}) => problems.push({ source: cfg.id, side: 'upstream', entity: ENTITY[entity], message, ...extra, origin: { file: rel, ...extra.origin } });
        const table = readTable(file);
        if (!table.ok) {
          problem(`${rel}${table.line ? ` line ${table.line}` : ''}: ${table.message} — the whole file was skipped; fix or re-export it`, table.line ? { origin: { file: rel, row: table.line } } : {});
          unreadable.push({ entity: ENTITY[entity], reason: table.message });
          continue;
        }
        const columns = columnsFor(cfg, entity);
        const missing = REQUIRED[entity].filter((f) => !table.columns.includes(columns[f]!));
        if (missing.length > 0 && table.rows.length > 0) {
          problem(`${rel}: missing column ${missing.map((m) => `"${columns[m]}"`).join(', ')} — the export must include it, or map it under columns.${entity}.${missing[0]}`);
          unreadable.push({ entity: ENTITY[entity], reason: `missing column ${missing.join(', ')}` });
          continue;
        }
        const seen = new Set<string>();
        for (const row of table.rows) {
          rows++;
          const origin = { file: rel, row: row.line };
          const cells = new Cells(row.cells, columns, zone);
          try {
            const record = mapRow(entity, cells, { source: cfg.id, origin, defaultCountry: opts.defaultCountry ?? 'US' });
            if (seen.has(record.sourceId)) {
              problem(`${rel} row ${row.line}: id "${record.sourceId}" appears twice — only the first row was used`, { sourceId: record.sourceId, origin, field: 'id' });
              continue;
            }
            seen.add(record.sourceId);
            records.push(record);
          } catch (err) {
            if (!(err instanceof RowError)) throw err;
            const id = cells.text('id');
            problem(`${rel} row ${row.line}: ${err.message}`, { origin, field: err.field, ...(id ? { sourceId: id } : {}) });
          }
        }
      }
      return { mode: 'full', records, problems, ...(unreadable.length ? { unreadable } : {}), summary: `${files} files, ${rows.toLocaleString('en-US')} rows` };
    },
  };
}

/** Newest file (by mtime, then name) whose name matches the glob and ends in .csv or .json. */
function newestMatch(dir: string, glob: string): string | undefined {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  const candidates = readdirSync(dir)
    .filter((name) => /\.(csv|json)$/i.test(name) && (re.test(name) || re.test(name.replace(/\.(csv|json)$/i, ''))))
    .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  return candidates[0] ? path.join(dir, candidates[0].name) : undefined;
}
