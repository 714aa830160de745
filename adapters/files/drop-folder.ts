// Drop-folder mode: every export dropped into the folder is read once, as a batch of changes, and
// then moved into the processed folder beside a `<name>.read.json` record of what was taken from it.
// The move happens on the read after the one that took the file in, once the store has committed
// that read's cursor: a crash in between re-reads the file (upserts are idempotent) instead of
// losing it. A file still being written (changed within `settle`) waits for the next poll; a
// malformed one is refused whole, reported, and left where it is until it is fixed or replaced.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FilesSourceConfig } from '../../src/config/schema';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import type { SourceRead, SourceReadContext } from '../../src/ports/source';
import { ColumnTracker, seenHeadersOf, type SeenHeaders } from './column-report';
import { ENTITY_KIND, FILE_ENTITIES, columnsFor, type FileEntity } from './columns';
import { globToRegExp } from './find-export';
import { readExport } from './read-export';

const EXPORT_EXTENSION = /\.(csv|json)$/i;

export interface ReadFile {
  name: string;
  entity: FileEntity;
  mtimeMs: number;
  size: number;
  rows: number;
  records: number;
  problems: string[];
}

interface Cursor {
  v: 1;
  /** Files this read took in, to be moved aside on the next read. */
  taken: ReadFile[];
  /** Each entity's last header set, so a file's columns are reported once (absent in cursors written before). */
  headers?: SeenHeaders;
}

export async function readDropFolder(
  cfg: FilesSourceConfig,
  dir: string,
  baseDir: string,
  zone: string,
  defaultCountry: string,
  ctx: SourceReadContext,
): Promise<SourceRead> {
  const processed = path.resolve(dir, cfg.move_processed_to!);
  const previous = parseCursor(ctx.cursor);
  const tracker = new ColumnTracker(cfg, previous?.headers);
  // First: move aside what the last (committed) read took in, with its record.
  if (previous && previous.taken.length > 0) {
    mkdirSync(processed, { recursive: true });
    for (const f of previous.taken) {
      const from = path.join(dir, f.name);
      if (!existsSync(from)) continue;
      const info = statSync(from);
      // Replaced since it was read (same name, new content): read it again instead.
      if (info.mtimeMs !== f.mtimeMs || info.size !== f.size) continue;
      const to = uniqueName(processed, f.name);
      renameSync(from, path.join(processed, to));
      writeFileSync(
        path.join(processed, `${to}.read.json`),
        `${JSON.stringify({ ...f, file: f.name, movedTo: to, movedAt: ctx.now.toISOString() }, null, 2)}\n`,
      );
    }
  }
  const records: CanonicalRecord[] = [];
  const problems: RecordProblem[] = [];
  const unreadable: NonNullable<SourceRead['unreadable']> = [];
  const taken: ReadFile[] = [];
  let waiting = 0;
  const names = readdirSync(dir).filter((n) => EXPORT_EXTENSION.test(n));
  for (const entity of FILE_ENTITIES) {
    const re = globToRegExp(cfg.files[entity] ?? `${entity}*`);
    const files = names
      .filter((n) => re.test(n) || re.test(n.replace(EXPORT_EXTENSION, '')))
      .map((name) => ({ name, info: safeStat(path.join(dir, name)) }))
      .filter((f): f is { name: string; info: NonNullable<ReturnType<typeof safeStat>> } => f.info !== undefined && f.info.isFile())
      // Oldest first, so a later export of the same record wins.
      .sort((a, b) => a.info.mtimeMs - b.info.mtimeMs || (a.name < b.name ? -1 : 1));
    for (const { name, info } of files) {
      if (ctx.now.getTime() - info.mtimeMs < cfg.settle) {
        waiting++;
        continue;
      }
      const file = path.relative(baseDir, path.join(dir, name));
      const columns = columnsFor(cfg, entity);
      const got = await readExport({
        source: cfg.id,
        entity,
        path: path.join(dir, name),
        file,
        columns,
        zone,
        defaultCountry,
        encoding: cfg.encoding,
      });
      if (got.headers !== undefined && got.headers.length > 0) tracker.add(file, entity, columns, got.headers);
      // One by one: spreading a 128k-row export into push() overflows the stack.
      for (const r of got.records) records.push(r);
      for (const p of got.problems) problems.push(p);
      if (got.refused !== undefined) {
        unreadable.push({ entity: ENTITY_KIND[entity], reason: `${name}: ${got.refused}` });
        continue;
      }
      taken.push({
        name,
        entity,
        mtimeMs: info.mtimeMs,
        size: info.size,
        rows: got.rows,
        records: got.records.length,
        problems: got.problems.map((p) => p.message),
      });
    }
  }
  const cursor: Cursor = { v: 1, taken, headers: tracker.seen };
  return {
    mode: 'incremental',
    records,
    problems,
    ...(unreadable.length > 0 ? { unreadable } : {}),
    cursor: JSON.stringify(cursor),
    summary: `${taken.length} new file${taken.length === 1 ? '' : 's'}, ${records.length.toLocaleString('en-US')} records${unreadable.length ? `, ${unreadable.length} refused` : ''}${waiting ? `, ${waiting} still being written` : ''}`,
    ...tracker.result(),
  };
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function uniqueName(dir: string, name: string): string {
  if (!existsSync(path.join(dir, name))) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!existsSync(path.join(dir, candidate))) return candidate;
  }
}

function parseCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as Cursor;
    if (c?.v !== 1 || !Array.isArray(c.taken)) return undefined;
    const headers = seenHeadersOf(c);
    return { v: 1, taken: c.taken, ...(headers ? { headers } : {}) };
  } catch {
    return undefined;
  }
}
