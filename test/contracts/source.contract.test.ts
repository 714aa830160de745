// The source contract, run for every connector on its loopback sandbox: CSV exports, ServiceTitan,
// Housecall Pro, Jobber and QuickBooks Online.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFilesSource } from '../../adapters/files/source';
import { createHousecallProSource } from '../../adapters/housecallpro/source';
import { createJobberSource } from '../../adapters/jobber/source';
import { createServiceTitanSource } from '../../adapters/servicetitan/source';
import { generateWorld } from '../../adapters/vendor-sandboxes/common/generate-world';
import type { World } from '../../adapters/vendor-sandboxes/common/world';
import { startHousecallProSandbox } from '../../adapters/vendor-sandboxes/housecallpro/server';
import { startJobberSandbox } from '../../adapters/vendor-sandboxes/jobber/server';
import { startServiceTitanSandbox } from '../../adapters/vendor-sandboxes/servicetitan/server';
import { sourceSchema, type FilesSourceConfig } from '../../src/config/schema';
import { DAY } from '../../src/domain/time';
import { anInvoice, aSalesLine } from '../adapters/quickbooks/builders';
import { startConnected } from '../adapters/quickbooks/connected';
import { describeSourceContract } from './source-contract';

const HEADER = 'id,number,customer_name,issued_at,total,tax,status,lines\n';
const row = (id: number, total: string) => `${id},${id + 20000},Ana Ruiz,2026-11-02 09:30,${total},0.00,open,AC Tune-Up=${total}\n`;

describeSourceContract('CSV export', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-files-'));
  mkdirSync(path.join(base, 'exports'));
  const write = (secondTotal: string) => writeFileSync(path.join(base, 'exports', 'invoices.csv'), `${HEADER}${row(80001, '150.00')}${row(80002, secondTotal)}`);
  write('99.00');
  const sourceAt = (folder: string) => createFilesSource(sourceSchema.parse({ id: 'fieldpro', type: 'files', path: folder }) as FilesSourceConfig, { baseDir: base, timeZone: 'America/Chicago' });
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
  const sandbox = await startServiceTitanSandbox({ world, tenant: '4242', clientId: 'cid', clientSecret: 'secret', appKey: 'ak_test', exportPageSize: 25 });
  const make = (appKey: string) =>
    createServiceTitanSource({ id: 'st', displayName: 'ServiceTitan', tenant: '4242', apiUrl: sandbox.apiUrl, tokenUrl: sandbox.tokenUrl, clientId: 'cid', clientSecret: 'secret', appKey, timeZone: 'America/Chicago', locationFrom: 'division', retries: 1, minRetryMs: 10 });
  return { source: make('ak_test'), changeAnInvoice: changeFirstInvoice(world), broken: async () => make('ak_wrong'), close: () => sandbox.close() };
});

describeSourceContract('Housecall Pro', async () => {
  const world = generateWorld({ jobs: 6 });
  const sandbox = await startHousecallProSandbox({ world, apiKey: 'hcp_key' });
  const make = (apiKey: string) =>
    createHousecallProSource({ id: 'hcp', displayName: 'Housecall Pro', apiUrl: sandbox.apiUrl, apiKey, authScheme: 'Token', pageSize: 25, zone: 'America/Chicago', defaultCountry: 'US', classFrom: 'business_unit', locationFrom: 'company_name', retries: 1, minRetryMs: 10, ratePerSecond: 50 });
  return { source: make('hcp_key'), changeAnInvoice: changeFirstInvoice(world, 'invoice_80001'), broken: async () => make('hcp_wrong'), close: () => sandbox.close() };
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
  return { source: make('r0'), changeAnInvoice: changeFirstInvoice(world), broken: async () => make('revoked-long-ago'), close: () => sandbox.close() };
});

describeSourceContract('QuickBooks Online', async () => {
  const meta = (msAgo: number) => ({ CreateTime: new Date(Date.now() - 10 * DAY).toISOString(), LastUpdatedTime: new Date(Date.now() - msAgo).toISOString() });
  const invoices = [1, 2, 3].map((i) => anInvoice({ Id: String(i), DocNumber: `INV-${i}`, MetaData: meta(2 * DAY) }));
  const c = await startConnected({ Invoice: invoices });
  return {
    source: c.source(),
    async changeAnInvoice() {
      await c.h.write({ Invoice: [{ ...invoices[0], SyncToken: '1', TotalAmt: 250, Line: [aSalesLine(250)], MetaData: meta(60_000) }, invoices[1], invoices[2]] });
      return '1';
    },
    async broken() {
      c.h.sandbox.revokeConnection();
      return c.source();
    },
    close: () => c.close(),
  };
});
