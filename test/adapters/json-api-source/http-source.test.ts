import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSource } from '../../../adapters/json-api-source/source';
import { httpSource } from '../../../src/config/schema-upstream';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import type { SentinelError } from '../../../src/domain/errors';

// A home-grown field-service API: each list pages its own way, and auth is checked on every call.
const INVOICES = Array.from({ length: 7 }, (_, i) => ({
  ref: `INV-${i + 1}`,
  no: String(1000 + i),
  amounts: { total: `${(i + 1) * 10}.50`, tax: '0.50' },
  state: i === 0 ? 'paid' : 'open',
  customer: { name: 'Ana Ruiz' },
  updated: `2026-11-0${1 + (i % 5)}T10:00:00Z`,
}));
const CUSTOMERS = Array.from({ length: 5 }, (_, i) => ({ id: `C${i}`, display: `Customer ${i}`, contact: { email: `C${i}@Example.com` } }));
const JOBS = Array.from({ length: 5 }, (_, i) => ({ id: `J${i}`, number: `J-${i}`, status: 'Completed' }));
const PAYMENTS = Array.from({ length: 5 }, (_, i) => ({ id: `P${i}`, amount: 10 + i, invoice: `INV-${i + 1}` }));

let server: Server | undefined;
const seen: string[] = [];
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  seen.length = 0;
});

async function startApi(): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(`${url.pathname}${url.search}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const q = (k: string, d: number) => Number(url.searchParams.get(k) ?? d);
    if (url.pathname === '/v1/invoices') {
      if (req.headers['authorization'] !== 'Bearer tok') return json(401, { message: 'bad token' });
      const since = url.searchParams.get('updated_since');
      const rows = since ? INVOICES.filter((r) => r.updated > since) : INVOICES;
      const page = q('page', 1);
      const per = q('per_page', 3);
      return json(200, { data: { items: rows.slice((page - 1) * per, page * per) }, meta: { total_pages: Math.ceil(rows.length / per) } });
    }
    if (url.pathname === '/v1/customers') {
      if (req.headers['x-api-key'] !== 'Key k1') return json(403, { message: 'no key' });
      const page = q('p', 1);
      const next: Record<string, string> = page * 2 < CUSTOMERS.length ? { link: `</v1/customers?p=${page + 1}>; rel="next"` } : {};
      return json(200, CUSTOMERS.slice((page - 1) * 2, page * 2), next);
    }
    if (url.pathname === '/v1/jobs') {
      const at = Number(url.searchParams.get('after') ?? 0);
      return json(200, { jobs: JOBS.slice(at, at + 2), next: at + 2 < JOBS.length ? String(at + 2) : null });
    }
    if (url.pathname === '/v1/payments') {
      if (req.headers['authorization'] !== `Basic ${Buffer.from('u:p').toString('base64')}`) return json(401, {});
      const off = q('offset', 0);
      return json(200, { rows: PAYMENTS.slice(off, off + q('limit', 2)) });
    }
    json(404, { message: 'no such endpoint' });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

function config(base: string) {
  return httpSource.parse({
    id: 'inhouse',
    type: 'http',
    base_url: base,
    endpoints: {
      invoices: {
        path: '/invoices',
        records: '$.data.items',
        since_param: 'updated_since',
        pagination: { style: 'page', size_param: 'per_page', size: 3, total_pages: '$.meta.total_pages' },
        fields: {
          id: '$.ref',
          number: '$.no',
          total: '$.amounts.total',
          tax: '$.amounts.tax',
          status: '$.state',
          customer_name: '$.customer.name',
          updated_at: '$.updated',
        },
      },
      customers: { path: '/customers', pagination: { style: 'link' }, fields: { id: '$.id', name: '$.display', email: '$.contact.email' } },
      jobs: {
        path: '/jobs',
        records: '$.jobs',
        pagination: { style: 'cursor', param: 'after', next: '$.next' },
        fields: { id: '$.id', number: '$.number', status: '$.status' },
      },
      payments: {
        path: '/payments',
        records: '$.rows',
        pagination: { style: 'offset', size: 2 },
        fields: { id: '$.id', amount: '$.amount', invoice_id: '$.invoice' },
      },
    },
  });
}

const auth = {
  bearer: { authorization: 'Bearer tok' },
  key: { 'x-api-key': 'Key k1' },
  basic: { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
};

describe('the generic HTTP/JSON source', () => {
  it('follows page numbers, a Link header, a body cursor and offsets, and maps fields by JSONPath', async () => {
    const cfg = config(await startApi());
    // Each endpoint here wants different auth; one source sends one set, so read them one by one.
    const read = async (entity: 'invoices' | 'customers' | 'jobs' | 'payments', headers: Record<string, string>) =>
      createHttpSource({
        id: 'inhouse',
        displayName: 'In-house API',
        baseUrl: cfg.base_url,
        headers,
        endpoints: { [entity]: cfg.endpoints[entity] },
        zone: 'America/Chicago',
        defaultCountry: 'US',
        retries: 0,
        ratePerSecond: 100,
      }).read({ now: new Date() });
    const invoices = (await read('invoices', auth.bearer)).records as InvoiceRecord[];
    expect(invoices).toHaveLength(7);
    expect(invoices[0]).toMatchObject({
      sourceId: 'INV-1',
      number: '1000',
      totalCents: 1050,
      taxCents: 50,
      status: 'paid',
      customerName: 'Ana Ruiz',
    });
    const customers = (await read('customers', auth.key)).records as CustomerRecord[];
    expect(customers.map((c) => c.email)).toEqual([
      'c0@example.com',
      'c1@example.com',
      'c2@example.com',
      'c3@example.com',
      'c4@example.com',
    ]);
    const jobs = (await read('jobs', {})).records as JobRecord[];
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
    const payments = (await read('payments', auth.basic)).records as PaymentRecord[];
    expect(payments.map((p) => p.appliedTo[0]?.invoiceId)).toEqual(['INV-1', 'INV-2', 'INV-3', 'INV-4', 'INV-5']);
    expect(seen.filter((s) => s.startsWith('/v1/invoices'))).toEqual([
      '/v1/invoices?page=1&per_page=3',
      '/v1/invoices?page=2&per_page=3',
      '/v1/invoices?page=3&per_page=3',
    ]);
  });

  it('asks only for what changed since the last read when the endpoint takes an updated-since parameter', async () => {
    const cfg = config(await startApi());
    const source = createHttpSource({
      id: 'inhouse',
      displayName: 'In-house API',
      baseUrl: cfg.base_url,
      headers: auth.bearer,
      endpoints: { invoices: cfg.endpoints.invoices },
      zone: 'UTC',
      defaultCountry: 'US',
      retries: 0,
      ratePerSecond: 100,
    });
    const first = await source.read({ now: new Date('2026-11-03T00:00:00Z') });
    expect(first.mode).toBe('full');
    const second = await source.read({ now: new Date('2026-11-06T00:00:00Z'), cursor: first.cursor! });
    expect(second.mode).toBe('incremental');
    expect(second.records.map((r) => r.sourceId)).toEqual(['INV-3', 'INV-4', 'INV-5']);
    expect(seen.at(-1)).toContain('updated_since=2026-11-03T00%3A00%3A00.000Z');
  });

  it('reports a record whose mapped amount is not money, naming the record and the JSONPath it came from', async () => {
    const cfg = config(await startApi());
    const endpoints = { payments: { ...cfg.endpoints.payments!, fields: { id: '$.id', amount: '$.invoice' } } };
    const read = await createHttpSource({
      id: 'inhouse',
      displayName: 'In-house API',
      baseUrl: cfg.base_url,
      headers: auth.basic,
      endpoints,
      zone: 'UTC',
      defaultCountry: 'US',
      retries: 0,
      ratePerSecond: 100,
    }).read({ now: new Date() });
    expect(read.records).toEqual([]);
    expect(read.problems[0]).toMatchObject({
      entity: 'payment',
      sourceId: 'P0',
      field: 'amount',
      message: 'In-house API payment P0: amount "INV-1" is not an amount (mapped from $.invoice) — fix the record or the field mapping',
    });
  });

  it('refuses a mapping that names an unknown field or leaves a required one out, before any request', () => {
    expect(() =>
      createHttpSource({
        id: 'inhouse',
        displayName: 'x',
        baseUrl: 'http://127.0.0.1:9',
        headers: {},
        endpoints: { invoices: { path: '/i', records: '$', pagination: { style: 'none' }, fields: { id: '$.id', totl: '$.t' } } },
        zone: 'UTC',
        defaultCountry: 'US',
      }),
    ).toThrow(/endpoints\.invoices\.fields\.totl: not a invoices field .*endpoints\.invoices\.fields\.total: required/);
  });

  it('turns a refused credential into an auth failure naming the source', async () => {
    const cfg = config(await startApi());
    const err = (await createHttpSource({
      id: 'inhouse',
      displayName: 'x',
      baseUrl: cfg.base_url,
      headers: { authorization: 'Bearer old' },
      endpoints: { invoices: cfg.endpoints.invoices },
      zone: 'UTC',
      defaultCountry: 'US',
      retries: 0,
    })
      .read({ now: new Date() })
      .catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/^inhouse: HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/v1\/invoices \(bad token\)/);
  });
});
