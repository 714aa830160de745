// A generic HTTP/JSON API as an upstream source: per entity an endpoint, a pagination style and a
// field mapping of JSONPath expressions (jsonpath-plus). Each record is flattened to the canonical
// field names and mapped by the same code as the file exports, so money, time, statuses and
// record-level problems behave exactly as they do for a CSV.
import { JSONPath } from 'jsonpath-plus';
import type { HttpEndpointConfig } from '../../src/config/schema-upstream';
import { SentinelError } from '../../src/domain/errors';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { ENTITY_KIND, FIELDS, FILE_ENTITIES, REQUIRED, type FileEntity } from '../files/columns';
import { mapRecord, readableIdentity } from '../files/map-record';
import { RowError, RowReader } from '../files/row-reader';
import { connectorHttpClient, type ConnectorHttpSettings } from '../vendor-http/http-client';
import { paginate } from './paginate';
import { readCursor } from '../vendor-http/cursor';

export interface HttpSourceOptions extends ConnectorHttpSettings {
  id: string;
  displayName: string;
  baseUrl: string;
  /** Auth headers, already resolved from the environment. */
  headers: Record<string, string>;
  endpoints: Partial<Record<FileEntity, HttpEndpointConfig>>;
  zone: string;
  defaultCountry: string;
}

/** Unknown canonical field names in a mapping are a config mistake worth naming before any request. */
export function checkFieldMap(entity: FileEntity, fields: Record<string, string>): string[] {
  const issues = Object.keys(fields)
    .filter((f) => !FIELDS[entity].includes(f))
    .map((f) => `endpoints.${entity}.fields.${f}: not a ${entity} field (known: ${FIELDS[entity].join(', ')})`);
  for (const f of REQUIRED[entity])
    if (!fields[f]) issues.push(`endpoints.${entity}.fields.${f}: required — map it to the JSONPath of the record's ${f}`);
  return issues;
}

export function createHttpSource(opts: HttpSourceOptions) {
  const issues = Object.entries(opts.endpoints).flatMap(([e, ep]) => (ep ? checkFieldMap(e as FileEntity, ep.fields) : []));
  if (issues.length > 0) throw new SentinelError('config.http_fields', 'config', `Source ${opts.id}: ${issues.join('; ')}`);
  const http = connectorHttpClient(opts.id, opts, 5);
  const base = opts.baseUrl.replace(/\/$/, '');
  const incremental = Object.values(opts.endpoints).every((ep) => !ep || ep.since_param);
  const source: SourcePort & { http: typeof http } = {
    id: opts.id,
    side: 'upstream',
    displayName: opts.displayName,
    http,
    async read(ctx: SourceReadContext): Promise<SourceRead> {
      const since = incremental ? readCursor<{ since: string }>(ctx.cursor, 'since', 'string')?.since : undefined;
      const records: CanonicalRecord[] = [];
      const problems: RecordProblem[] = [];
      let pages = 0;
      for (const entity of FILE_ENTITIES) {
        const ep = opts.endpoints[entity];
        if (!ep) continue;
        const first = new URL(`${base}${ep.path.startsWith('/') ? '' : '/'}${ep.path}`);
        if (since && ep.since_param) first.searchParams.set(ep.since_param, since);
        const columns = Object.fromEntries(Object.keys(ep.fields).map((f) => [f, f]));
        for await (const { url, records: rows } of paginate(http, first.toString(), ep, opts.headers)) {
          pages++;
          rows.forEach((row, i) => {
            const cells: Record<string, unknown> = {};
            for (const [field, path] of Object.entries(ep.fields)) {
              const v = row !== null && typeof row === 'object' ? JSONPath({ path, json: row as object, wrap: false }) : undefined;
              cells[field] = Array.isArray(v) && field !== 'lines' ? v[0] : v;
            }
            const reader = new RowReader(cells, columns, opts.zone);
            try {
              records.push(mapRecord(entity, reader, { source: opts.id, origin: { url }, defaultCountry: opts.defaultCountry }));
            } catch (err) {
              if (!(err instanceof RowError)) throw err;
              const id = reader.text('id');
              problems.push({
                source: opts.id,
                side: 'upstream',
                entity: ENTITY_KIND[entity],
                ...readableIdentity(entity, reader),
                origin: { url },
                field: err.field,
                message: `${opts.displayName} ${ENTITY_KIND[entity]} ${id ?? `#${i + 1} of the page`}: ${err.message} (mapped from ${ep.fields[err.field] ?? 'nothing'}) — fix the record or the field mapping`,
              });
            }
          });
        }
      }
      return {
        mode: since ? 'incremental' : 'full',
        records,
        problems,
        ...(incremental ? { cursor: JSON.stringify({ v: 1, since: ctx.now.toISOString() }) } : {}),
        summary: `${pages} page${pages === 1 ? '' : 's'}, ${records.length.toLocaleString('en-US')} records`,
      };
    },
  };
  return source;
}
