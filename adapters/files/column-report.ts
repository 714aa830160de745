// What a file's header says beside the records: the columns no mapping uses (a real export has
// Customer, Invoice Date, Balance, Status… and a column nobody mapped is dropped without a word), and
// a mapped column that is not there (a renamed or removed column would silently empty its field).
// The poll log hears of it once, when a file's header set changes; `sources test` lists it every time.
import type { FilesSourceConfig } from '../../src/config/schema';
import type { SourceNotice } from '../../src/ports/source';
import { REQUIRED, type ColumnMap, type FileEntity } from './columns';
import { VENDOR_PRESETS } from './presets';

export interface ColumnReport {
  unused: string[];
  /** Mapped optional columns the file lacks: the field is left empty. */
  gone: Array<{ field: string; header: string; was: 'in the previous export' | 'expected by the preset' | 'mapped in the config' }>;
}

/** The headers the config or the vendor preset names for an entity (not the generic names, which a file may or may not have). */
export function namedHeaders(
  cfg: Pick<FilesSourceConfig, 'preset' | 'columns'>,
  entity: FileEntity,
): Map<string, 'expected by the preset' | 'mapped in the config'> {
  const named = new Map<string, 'expected by the preset' | 'mapped in the config'>();
  if (cfg.preset !== 'custom' && cfg.preset !== 'generic')
    for (const field of Object.keys(VENDOR_PRESETS[cfg.preset][entity] ?? {})) named.set(field, 'expected by the preset');
  for (const field of Object.keys(cfg.columns[entity] ?? {})) named.set(field, 'mapped in the config');
  return named;
}

export function reportColumns(
  cfg: Pick<FilesSourceConfig, 'preset' | 'columns'>,
  entity: FileEntity,
  columns: ColumnMap,
  headers: readonly string[],
  previous: readonly string[] | undefined,
): ColumnReport {
  const used = new Set(Object.values(columns).filter((h): h is string => h !== undefined));
  const have = new Set(headers);
  const unused = headers.filter((h) => !used.has(h));
  const named = namedHeaders(cfg, entity);
  const before = new Set(previous ?? []);
  const gone: ColumnReport['gone'] = [];
  for (const [field, header] of Object.entries(columns)) {
    // A required column that is missing refuses the whole file: that is reported on its own.
    if (header === undefined || have.has(header) || REQUIRED[entity].includes(field)) continue;
    const was = before.has(header) ? 'in the previous export' : named.get(field);
    if (was !== undefined) gone.push({ field, header, was });
  }
  return { unused, gone };
}

export function unusedMessage(file: string, entity: FileEntity, unused: readonly string[]): string {
  const n = unused.length;
  return `${file}: ${n} column${n === 1 ? '' : 's'} not used by the mapping: ${unused.map((h) => `"${h}"`).join(', ')} — to use one, map it under columns.${entity}.<field> (field names: see the README)`;
}

export function goneMessage(file: string, entity: FileEntity, g: ColumnReport['gone'][number]): string {
  return `${file}: column "${g.header}" (${g.field}, ${g.was}) is missing — ${g.field} is left empty on every record of this file; restore the column or map ${g.field} under columns.${entity}.${g.field}`;
}

/** Poll-log lines for one file: only when its header set differs from the last one seen for the entity. */
export function columnNotices(
  file: string,
  entity: FileEntity,
  report: ColumnReport,
  headers: readonly string[],
  previous: readonly string[] | undefined,
): SourceNotice[] {
  if (previous !== undefined && sameSet(previous, headers)) return [];
  return [
    ...(report.unused.length > 0 ? [{ level: 'info' as const, message: unusedMessage(file, entity, report.unused) }] : []),
    ...report.gone.map((g) => ({ level: 'warn' as const, message: goneMessage(file, entity, g) })),
  ];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((h) => x.has(h));
}

/** Headers last seen per entity: kept in the source's cursor, so "once" holds across polls and restarts. */
export type SeenHeaders = Partial<Record<FileEntity, string[]>>;

/** Collects the column report of every file one read takes in, in the order they are read. */
export class ColumnTracker {
  private readonly unused: Array<{ file: string; columns: string[] }> = [];
  private readonly warnings: string[] = [];
  private readonly notices: SourceNotice[] = [];
  readonly seen: SeenHeaders;

  constructor(
    private readonly cfg: Pick<FilesSourceConfig, 'preset' | 'columns'>,
    seen: SeenHeaders | undefined,
  ) {
    this.seen = { ...seen };
  }

  add(file: string, entity: FileEntity, columns: ColumnMap, headers: readonly string[]): void {
    const previous = this.seen[entity];
    const report = reportColumns(this.cfg, entity, columns, headers, previous);
    if (report.unused.length > 0) this.unused.push({ file, columns: report.unused });
    for (const g of report.gone) this.warnings.push(goneMessage(file, entity, g));
    this.notices.push(...columnNotices(file, entity, report, headers, previous));
    this.seen[entity] = [...headers];
  }

  result(): { unusedColumns?: Array<{ file: string; columns: string[] }>; warnings?: string[]; notices?: SourceNotice[] } {
    return {
      ...(this.unused.length > 0 ? { unusedColumns: this.unused } : {}),
      ...(this.warnings.length > 0 ? { warnings: this.warnings } : {}),
      ...(this.notices.length > 0 ? { notices: this.notices } : {}),
    };
  }
}

/** The headers kept in a cursor, whatever else the cursor holds; anything unreadable is nothing seen. */
export function seenHeadersOf(cursor: unknown): SeenHeaders | undefined {
  if (typeof cursor !== 'object' || cursor === null) return undefined;
  const headers = (cursor as { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const out: SeenHeaders = {};
  for (const [entity, list] of Object.entries(headers)) {
    if (Array.isArray(list) && list.every((h) => typeof h === 'string')) out[entity as FileEntity] = list as string[];
  }
  return out;
}
