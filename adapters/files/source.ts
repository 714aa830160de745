// A drop folder of CSV/JSON exports (customers, jobs, invoices, payments) as an upstream source.
// Each read takes the current export of every entity in full: a record missing from it is gone.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { IANAZone } from 'luxon';
import type { FilesSourceConfig } from '../../src/config/schema';
import { SentinelError } from '../../src/domain/errors';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { ColumnTracker, seenHeadersOf, type SeenHeaders } from './column-report';
import { ENTITY_KIND, FILE_ENTITIES, columnsFor } from './columns';
import { readDropFolder } from './drop-folder';
import { findCurrentExport } from './find-export';
import { readExport } from './read-export';

export interface FilesSourceOptions {
  /** Folder that `cfg.path` is relative to; findings name files relative to it. */
  baseDir: string;
  /** The company's zone, for timestamps written without an offset (unless the source sets its own). */
  timeZone: string;
  /** Country for phone numbers written without a country code (default US). */
  defaultCountry?: string;
}

export function createFilesSource(cfg: FilesSourceConfig, opts: FilesSourceOptions): SourcePort {
  const dir = path.resolve(opts.baseDir, cfg.path);
  const zone = cfg.time_zone ?? opts.timeZone;
  if (!IANAZone.isValidZone(zone)) {
    throw new SentinelError(
      'files.time_zone',
      'config',
      `Source ${cfg.id}: time zone "${zone}" is not an IANA zone name — use one like "America/Chicago".`,
    );
  }
  return {
    id: cfg.id,
    side: 'upstream',
    displayName: cfg.name ?? `${cfg.id} export`,
    async read(ctx: SourceReadContext): Promise<SourceRead> {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        // Thrown, not reported per entity: with no folder there is no read, and the source goes stale.
        throw new SentinelError(
          'files.folder_missing',
          'not_found',
          `The export folder ${dir} does not exist — create it or fix "path" of source ${cfg.id}.`,
          { retryable: true },
        );
      }
      if (cfg.move_processed_to) return await readDropFolder(cfg, dir, opts.baseDir, zone, opts.defaultCountry ?? 'US', ctx);
      const records: CanonicalRecord[] = [];
      const problems: RecordProblem[] = [];
      const unreadable: NonNullable<SourceRead['unreadable']> = [];
      let files = 0;
      let rows = 0;
      const tracker = new ColumnTracker(cfg, seenHeadersOf(parseJson(ctx.cursor)));
      for (const entity of FILE_ENTITIES) {
        const file = findCurrentExport(dir, cfg.files[entity] ?? `${entity}*`);
        // No export for an entity means this tool does not provide it — not that its records are gone.
        if (file === undefined) continue;
        files++;
        const columns = columnsFor(cfg, entity);
        const got = await readExport({
          source: cfg.id,
          entity,
          path: file,
          file: path.relative(opts.baseDir, file),
          columns,
          zone,
          defaultCountry: opts.defaultCountry ?? 'US',
          encoding: cfg.encoding,
        });
        rows += got.rows;
        // One by one: spreading a 128k-row export into push() overflows the stack.
        for (const r of got.records) records.push(r);
        for (const p of got.problems) problems.push(p);
        if (got.refused !== undefined) unreadable.push({ entity: ENTITY_KIND[entity], reason: got.refused });
        if (got.headers !== undefined && got.headers.length > 0)
          tracker.add(path.relative(opts.baseDir, file), entity, columns, got.headers);
      }
      const cursor: FullCursor = { v: 1, headers: tracker.seen };
      return {
        mode: 'full',
        records,
        problems,
        ...(unreadable.length > 0 ? { unreadable } : {}),
        cursor: JSON.stringify(cursor),
        summary: `${files} file${files === 1 ? '' : 's'}, ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`,
        ...tracker.result(),
      };
    },
  };
}

/** A full read resumes nothing; its cursor only remembers each entity's last header set. */
interface FullCursor {
  v: 1;
  headers: SeenHeaders;
}

export function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
