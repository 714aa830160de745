// The four ways JSON APIs page: page numbers, offsets, a cursor in the body, and a Link header
// (RFC 8288, parsed by http-link-header). Each yields the pages' record arrays until the API says
// there are no more.
import LinkHeader from 'http-link-header';
import { JSONPath } from 'jsonpath-plus';
import type { HttpEndpointConfig } from '../../src/config/schema-upstream';
import type { HttpClient } from '../vendor-http/http-client';
import { malformedError } from '../vendor-http/http-errors';

const MAX_PAGES = 100_000;

export function pick(path: string, json: unknown): unknown {
  if (json === null || typeof json !== 'object') return path === '$' ? json : undefined;
  return JSONPath({ path, json: json as object, wrap: false });
}

function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}

export async function* paginate(
  http: HttpClient,
  firstUrl: string,
  ep: HttpEndpointConfig,
  headers: Record<string, string>,
): AsyncGenerator<{ url: string; records: unknown[] }> {
  const p = ep.pagination;
  let url = firstUrl;
  let page = p.style === 'page' ? p.first : 0;
  let offset = 0;
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const params: Record<string, string | number | undefined> =
      p.style === 'page'
        ? { [p.param]: page, [p.size_param]: p.size }
        : p.style === 'offset'
          ? { [p.param]: offset, [p.size_param]: p.size }
          : p.style === 'cursor'
            ? { ...(cursor ? { [p.param]: cursor } : {}), ...(p.size_param ? { [p.size_param]: p.size } : {}) }
            : p.style === 'link' && n === 0 && p.size_param
              ? { [p.size_param]: p.size }
              : {};
    const target = Object.keys(params).length > 0 ? withQuery(url, params) : url;
    const res = await http.json(target, { headers });
    const records = pick(ep.records, res.body);
    if (!Array.isArray(records)) throw malformedError(http.connector, target, `no array of records at ${ep.records}`);
    yield { url: target, records };
    switch (p.style) {
      case 'none':
        return;
      case 'page': {
        const total = p.total_pages ? Number(pick(p.total_pages, res.body)) : undefined;
        if (total !== undefined && Number.isFinite(total) ? page >= total : records.length < p.size) return;
        page++;
        break;
      }
      case 'offset':
        if (records.length < p.size) return;
        offset += records.length;
        break;
      case 'cursor': {
        const next = pick(p.next, res.body);
        if (next === undefined || next === null || next === '' || next === false) return;
        cursor = String(next);
        break;
      }
      case 'link': {
        const header = res.headers.get('link');
        const next = header ? LinkHeader.parse(header).rel('next')[0]?.uri : undefined;
        if (!next) return;
        url = new URL(next, target).toString();
        break;
      }
    }
  }
}
