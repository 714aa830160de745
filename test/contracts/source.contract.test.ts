// The source contract, run for every connector on its loopback sandbox: CSV exports, a generic HTTP/JSON API,
// ServiceTitan, Housecall Pro, Jobber and QuickBooks Online.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createFilesSource } from '../../adapters/files/source';
import { createHousecallProSource } from '../../adapters/housecallpro/source';
import { createHttpSource } from '../../adapters/json-api-source/source';
import { createJobberSource } from '../../adapters/jobber/source';
import { createServiceTitanSource } from '../../adapters/servicetitan/source';
import { generateWorld } from '../../adapters/vendor-sandboxes/common/generate-world';
import type { World } from '../../adapters/vendor-sandboxes/common/world';
import { startHousecallProSandbox } from '../../adapters/vendor-sandboxes/housecallpro/server';
import { startJobberSandbox } from '../../adapters/vendor-sandboxes/jobber/server';
import { startServiceTitanSandbox } from '../../adapters/vendor-sandboxes/servicetitan/server';
import { sourceSchema, type FilesSourceConfig } from '../../src/config/schema';
import { httpSource } from '../../src/config/schema-upstream';
import { DAY } from '../../src/domain/time';
import { anInvoice, aSalesLine } from '../adapters/quickbooks/builders';
import { startConnected } from '../adapters/quickbooks/connected';
import { describeSourceContract } from './source-contract';

const HEADER = 'id,number,customer_name,issued_at,total,tax,status,lines\n';
const row = (id: number, total: string) => `${id},${id + 20000},Ana Ruiz,2026-11-02 09:30,${total},0.00,open,AC Tune-Up=${total}\n`;

describeSourceContract('CSV export', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-files-'));
  mkdirSync(path.join(base, 'exports'));
  const write = (secondTotal: string) =>
    writeFileSync(path.join(base, 'exports', 'invoices.csv'), `${HEADER}${row(80001, '150.00')}${row(80002, secondTotal)}`);
  write('99.00');
  const sourceAt = (folder: string) =>
    createFilesSource(sourceSchema.parse({ id: 'fieldpro', type: 'files', path: folder }) as FilesSourceConfig, {
      baseDir: base,
      timeZone: 'America/Chicago',
    });
  return {
    source: sourceAt('exports'),
    async changeAnInvoice() {
      write('120.00');
      return '80002';
    },
    broken: async () => sourceAt('nowhere'),
    close: async () => rmSync(base, { recursive: true, force: true }),
  };
});

describeSourceContract('generic HTTP/JSON', async () => {
  // A home-grown API: a bearer token, page numbers, and an updated-since filter on invoices.
  const invoices = [1, 2, 3, 4].map((i) => ({
    ref: `INV-${i}`,
    no: String(1000 + i),
    total: `${i}0.50`,
    state: 'open',
    updated: '2026-11-01T10:00:00Z',
  }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname !== '/v1/invoices') return send(404, { message: 'no such endpoint' });
    if (req.headers['authorization'] !== 'Bearer tok') return send(401, { message: 'invalid token' });
    const since = url.searchParams.get('updated_since');
    const rows = since ? invoices.filter((r) => r.updated > since) : invoices;
    const page = Number(url.searchParams.get('page') ?? 1);
    send(200, { items: rows.slice((page - 1) * 3, page * 3), pages: Math.max(1, Math.ceil(rows.length / 3)) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cfg = httpSource.parse({
    id: 'inhouse',
    type: 'http',
    base_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    endpoints: {
      invoices: {
        path: '/invoices',
        records: '$.items',
        since_param: 'updated_since',
        pagination: { style: 'page', size_param: 'per_page', size: 3, total_pages: '$.pages' },
        fields: { id: '$.ref', number: '$.no', total: '$.total', status: '$.state', updated_at: '$.updated' },
      },
    },
  });
  const make = (token: string) =>
    createHttpSource({
      id: 'inhouse',
      displayName: 'In-house API',
      baseUrl: cfg.base_url,
      headers: { authorization: `Bearer ${token}` },
      endpoints: cfg.endpoints,
      zone: 'UTC',
      defaultCountry: 'US',
      retries: 0,
      ratePerSecond: 100,
    });
  return {
    source: make('tok'),
    async changeAnInvoice() {
      Object.assign(invoices[1]!, { total: '99.00', updated: new Date(Date.now() + 1_000).toISOString() });
      return 'INV-2';
    },
    broken: async () => make('expired'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});

/** Marks the world's invoice 80001 paid; returns the id the vendor's connector gives it. */
function changeFirstInvoice(world: World, readAs = '80001'): () => Promise<string> {
  return async () => {
    const row = world.find('invoices', '80001')!;
    world.upsert('invoices', { ...row.record, balanceCents: 0, status: 'paid' });
    return readAs;
  };
}

describeSourceContract('ServiceTitan', async () => {
  const world = generateWorld({ jobs: 6 });
  const sandbox = await startServiceTitanSandbox({
    world,
    tenant: '4242',
    clientId: 'cid',
    clientSecret: 'secret',
    appKey: 'ak_test',
    exportPageSize: 25,
  });
  const make = (appKey: string) =>
    createServiceTitanSource({
      id: 'st',
      displayName: 'ServiceTitan',
      tenant: '4242',
      apiUrl: sandbox.apiUrl,
      tokenUrl: sandbox.tokenUrl,
      clientId: 'cid',
      clientSecret: 'secret',
      appKey,
      timeZone: 'America/Chicago',
      locationFrom: 'division',
      retries: 1,
      minRetryMs: 10,
    });
  return {
    source: make('ak_test'),
    changeAnInvoice: changeFirstInvoice(world),
    broken: async () => make('ak_wrong'),
    close: () => sandbox.close(),
  };
});

describeSourceContract('Housecall Pro', async () => {
  const world = generateWorld({ jobs: 6 });
  const sandbox = await startHousecallProSandbox({ world, apiKey: 'hcp_key' });
  const make = (apiKey: string) =>
    createHousecallProSource({
      id: 'hcp',
      displayName: 'Housecall Pro',
      apiUrl: sandbox.apiUrl,
      apiKey,
      authScheme: 'Token',
      pageSize: 25,
      zone: 'America/Chicago',
      defaultCountry: 'US',
      classFrom: 'business_unit',
      locationFrom: 'company_name',
      retries: 1,
      minRetryMs: 10,
      ratePerSecond: 50,
    });
  return {
    source: make('hcp_key'),
    changeAnInvoice: changeFirstInvoice(world, 'invoice_80001'),
    broken: async () => make('hcp_wrong'),
    close: () => sandbox.close(),
  };
});

describeSourceContract('Jobber', async () => {
  const world = generateWorld({ jobs: 6 });
  const sandbox = await startJobberSandbox({ world, clientId: 'jid', clientSecret: 'jsecret', refreshToken: 'r0', restoreRate: 200_000 });
  const make = (refreshToken: string) =>
    createJobberSource({
      id: 'jobber',
      displayName: 'Jobber',
      graphqlUrl: sandbox.graphqlUrl,
      tokenUrl: sandbox.tokenUrl,
      apiVersion: '2025-01-20',
      clientId: 'jid',
      clientSecret: 'jsecret',
      tokens: { accessToken: 'not-yet-valid', refreshToken },
      pageSize: 20,
      maxThrottleWaitMs: 5_000,
      classField: 'Class',
      locationField: 'Location',
      ids: 'gid_number',
      defaultCountry: 'US',
      retries: 1,
      minRetryMs: 10,
    });
  return {
    source: make('r0'),
    changeAnInvoice: changeFirstInvoice(world),
    broken: async () => make('revoked-long-ago'),
    close: () => sandbox.close(),
  };
});

describeSourceContract('QuickBooks Online', async () => {
  const meta = (msAgo: number) => ({
    CreateTime: new Date(Date.now() - 10 * DAY).toISOString(),
    LastUpdatedTime: new Date(Date.now() - msAgo).toISOString(),
  });
  const invoices = [1, 2, 3].map((i) => anInvoice({ Id: String(i), DocNumber: `INV-${i}`, MetaData: meta(2 * DAY) }));
  const c = await startConnected({ Invoice: invoices });
  return {
    source: c.source(),
    async changeAnInvoice() {
      await c.h.write({
        Invoice: [
          { ...invoices[0], SyncToken: '1', TotalAmt: 250, Line: [aSalesLine(250)], MetaData: meta(60_000) },
          invoices[1],
          invoices[2],
        ],
      });
      return '1';
    },
    async broken() {
      c.h.sandbox.revokeConnection();
      return c.source();
    },
    close: () => c.close(),
  };
});
