// Housecall Pro as an upstream source: `Authorization: Token <key>`, page/total_pages paging.
// HCP has no updated-since filter: customers and jobs are read newest change first and cut at the
// watermark; invoices carry no updated_at, so every poll reads them all (an honest full read) and
// takes the payments embedded in them.
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { ReadCollector, textAt } from '../vendor-http/collect';
import { connectorHttpClient, type ConnectorHttpSettings, type HttpClient } from '../vendor-http/http-client';
import { malformedError } from '../vendor-http/http-errors';
import { jobFacts, mapCustomer, mapInvoice, mapJob, mapPayment, type HcpMapSettings, type JobFacts } from './map';
import { readCursor } from '../vendor-http/cursor';

export interface HousecallProSourceOptions extends HcpMapSettings, ConnectorHttpSettings {
  id: string;
  displayName: string;
  apiUrl: string;
  apiKey: string;
  authScheme: 'Token' | 'Bearer';
  companyId?: string;
  pageSize: number;
}

interface Cursor {
  v: 1;
  marks: { customers?: string; jobs?: string };
}

type Wire = Record<string, unknown>;

export interface HousecallProSource extends SourcePort {
  readonly http: HttpClient;
}

export function createHousecallProSource(opts: HousecallProSourceOptions): HousecallProSource {
  const http = connectorHttpClient('housecallpro', opts, 5);
  const base = opts.apiUrl.replace(/\/$/, '');
  const headers = { authorization: `${opts.authScheme} ${opts.apiKey}`, ...(opts.companyId ? { 'X-Company-Id': opts.companyId } : {}) };
  // Invoices name their job by id only: the job's number, class and location are kept between reads.
  const jobs = new Map<string, JobFacts>();

  async function* pages(path: string, key: string): AsyncGenerator<{ url: string; rows: Wire[] }> {
    for (let page = 1; ; page++) {
      const url = `${base}${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=${opts.pageSize}`;
      const res = await http.json<Record<string, unknown>>(url, { headers });
      const rows = res.body?.[key];
      const total = res.body?.['total_pages'];
      if (!Array.isArray(rows) || typeof total !== 'number')
        throw malformedError('housecallpro', url, `a page without \`${key}\` and \`total_pages\``);
      yield { url, rows: rows as Wire[] };
      if (page >= total) return;
    }
  }

  async function jobOf(id: string): Promise<JobFacts | undefined> {
    const known = jobs.get(id);
    if (known) return known;
    const url = `${base}/jobs/${encodeURIComponent(id)}`;
    try {
      const res = await http.json<Wire>(url, { headers });
      const facts = jobFacts(res.body, opts);
      jobs.set(id, facts);
      return facts;
    } catch (err) {
      if (err instanceof Error && 'reason' in err && (err as { reason: string }).reason === 'not_found') return undefined;
      throw err;
    }
  }

  return {
    id: opts.id,
    side: 'upstream',
    displayName: opts.displayName,
    http,
    async read(ctx: SourceReadContext): Promise<SourceRead> {
      const previous = readCursor<Cursor>(ctx.cursor, 'marks', 'object');
      const out = new ReadCollector(opts.id, 'Housecall Pro');
      const next: Cursor = { v: 1, marks: { ...previous?.marks } };
      let requests = 0;
      for (const [key, mark] of [
        ['customers', previous?.marks.customers],
        ['jobs', previous?.marks.jobs],
      ] as const) {
        const markMs = mark ? Date.parse(mark) : undefined;
        let newest = markMs;
        outer: for await (const { url, rows } of pages(`/${key}?sort_by=updated_at&sort_direction=desc`, key)) {
          requests++;
          for (const w of rows) {
            const at = Date.parse(String(w['updated_at'] ?? ''));
            if (markMs !== undefined && at <= markMs) break outer;
            if (!Number.isNaN(at) && (newest === undefined || at > newest)) newest = at;
            const sourceId = typeof w['id'] === 'string' ? w['id'] : undefined;
            if (key === 'customers') out.add('customer', sourceId, url, () => mapCustomer(w, opts));
            else {
              if (sourceId) {
                try {
                  jobs.set(sourceId, jobFacts(w, opts));
                } catch {
                  // reported by mapJob below
                }
              }
              out.add('job', sourceId, url, () => mapJob(w, opts));
            }
          }
        }
        if (newest !== undefined) next.marks[key] = new Date(newest).toISOString();
      }
      for await (const { url, rows } of pages('/invoices?sort_by=updated_at&sort_direction=desc', 'invoices')) {
        requests++;
        for (const w of rows) {
          const sourceId = typeof w['id'] === 'string' ? w['id'] : undefined;
          const jobId = typeof w['job_id'] === 'string' ? w['job_id'] : undefined;
          const job = jobId ? await jobOf(jobId) : undefined;
          out.add(
            'invoice',
            sourceId,
            url,
            () => mapInvoice(w, opts, job),
            () => ({ number: textAt(w, 'invoice_number'), jobNumber: job?.number ?? textAt(w, 'invoice_number')?.replace(/-\d+$/, '') }),
          );
          const payments = Array.isArray(w['payments']) ? (w['payments'] as Wire[]) : [];
          for (const p of payments) {
            if (p['status'] !== undefined && !['succeeded', 'paid', 'completed'].includes(String(p['status']))) continue;
            out.add(
              'payment',
              typeof p['id'] === 'string' ? p['id'] : undefined,
              url,
              () =>
                mapPayment(
                  p,
                  { sourceId: sourceId ?? '', ...(typeof w['invoice_number'] === 'string' ? { number: w['invoice_number'] } : {}) },
                  opts,
                ),
              () => ({ reference: textAt(p, 'note') }),
            );
          }
        }
      }
      // The invoice list (and the payments inside it) was read in whole: an invoice deleted in
      // Housecall Pro is simply not in it, and must leave the store with its payments.
      return out.result(
        previous ? 'incremental' : 'full',
        JSON.stringify(next),
        `${requests} page${requests === 1 ? '' : 's'}, ${out.records.length.toLocaleString('en-US')} records`,
        ['invoice', 'payment'],
      );
    },
  };
}
