// Upstream connectors under load: a 100k-job company served by each vendor sandbox, read by the real
// connector over HTTP — first the backfill (full read), then an incremental read after 1% of the
// invoices changed — and the file-export import of a 100k-row CSV. The sandbox runs in this
// process; each connector runs in a child of its own, so its peak RSS is its own.
// Alone: `npx tsx bench/upstream.ts [jobs]` (default 100,000). From `npm run bench`: runUpstreamBench().
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFilesSource } from '../adapters/files/source';
import { createHousecallProSource } from '../adapters/housecallpro/source';
import { createJobberSource } from '../adapters/jobber/source';
import { createServiceTitanSource } from '../adapters/servicetitan/source';
import { generateWorld } from '../adapters/vendor-sandboxes/common/generate-world';
import { startHousecallProSandbox } from '../adapters/vendor-sandboxes/housecallpro/server';
import { startJobberSandbox } from '../adapters/vendor-sandboxes/jobber/server';
import { startServiceTitanSandbox } from '../adapters/vendor-sandboxes/servicetitan/server';
import { sourceSchema, type FilesSourceConfig } from '../src/config/schema';
import type { SourcePort } from '../src/ports/source';
import { collect, startStage } from './measure';

type Vendor = 'servicetitan' | 'jobber' | 'housecallpro';
interface Phase {
  requests: number;
  wallMs: number;
  peakRss: number;
  records: number;
}
interface CaseResult {
  name: string;
  full: Phase;
  incremental?: Phase;
  note?: string;
}

const SELF = fileURLToPath(import.meta.url);
const count = (x: number) => x.toLocaleString('en-US');
const mb = (b: number) => `${count(Math.round(b / 2 ** 20))} MB`;
const secs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${count(Math.round(ms))} ms`);

// ---- child: one connector, two reads -------------------------------------------------------------

async function measure(source: SourcePort & { http?: { requestCount: number } }, cursor?: string): Promise<Phase & { cursor?: string }> {
  collect();
  const before = source.http?.requestCount ?? 0;
  const stop = await startStage();
  const t = performance.now();
  const read = await source.read({ now: new Date(), ...(cursor ? { cursor } : {}) });
  const wallMs = performance.now() - t;
  const peak = await stop();
  return {
    requests: (source.http?.requestCount ?? 0) - before,
    wallMs,
    peakRss: peak.peak,
    records: read.records.length,
    ...(read.cursor ? { cursor: read.cursor } : {}),
  };
}

function connector(vendor: Vendor | 'files', url: string, extra: string): SourcePort & { http?: { requestCount: number } } {
  const fast = { retries: 2, minRetryMs: 50, ratePerSecond: 1000 };
  switch (vendor) {
    case 'servicetitan': {
      const [tokenUrl] = extra.split('|');
      return createServiceTitanSource({
        ...fast,
        id: 'st',
        displayName: 'ServiceTitan',
        tenant: 'bench',
        apiUrl: url,
        tokenUrl: tokenUrl!,
        clientId: 'b',
        clientSecret: 'b',
        appKey: 'b',
        timeZone: 'America/Chicago',
        locationFrom: 'division',
      });
    }
    case 'jobber':
      return createJobberSource({
        ...fast,
        id: 'jobber',
        displayName: 'Jobber',
        graphqlUrl: url,
        tokenUrl: extra,
        apiVersion: '2025-01-20',
        clientId: 'b',
        clientSecret: 'b',
        tokens: { accessToken: '', refreshToken: 'b', expiresAt: 0 },
        pageSize: 50,
        maxThrottleWaitMs: 60_000,
        classField: 'Class',
        locationField: 'Location',
        ids: 'encoded',
        defaultCountry: 'US',
      });
    case 'housecallpro':
      return createHousecallProSource({
        ...fast,
        id: 'hcp',
        displayName: 'Housecall Pro',
        apiUrl: url,
        apiKey: 'b',
        authScheme: 'Token',
        pageSize: 100,
        zone: 'America/Chicago',
        defaultCountry: 'US',
        classFrom: 'business_unit',
        locationFrom: 'company_name',
      });
    case 'files': {
      const cfg = sourceSchema.parse({ id: 'export', type: 'files', path: url }) as FilesSourceConfig;
      return createFilesSource(cfg, { baseDir: '/', timeZone: 'America/Chicago' });
    }
  }
}

async function child(vendor: Vendor | 'files', url: string, extra: string): Promise<void> {
  const source = connector(vendor, url, extra);
  const full = await measure(source);
  if (vendor === 'files') {
    process.send!({ full });
    return;
  }
  // The parent changes 1% of the invoices, then says go.
  process.send!({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const incremental = await measure(source, full.cursor);
  process.send!({ full: { ...full, cursor: undefined }, incremental: { ...incremental, cursor: undefined } });
}

// ---- parent: sandboxes, children, table -----------------------------------------------------------

function runChild(args: string[], onReady: () => void): Promise<{ full: Phase; incremental?: Phase }> {
  return new Promise((resolve, reject) => {
    const proc = fork(SELF, ['child', ...args], {
      execArgv: ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    proc.on('message', (m: { ready?: boolean; full?: Phase; incremental?: Phase }) => {
      if (m.ready) {
        onReady();
        proc.send('go');
      } else if (m.full) resolve(m as { full: Phase; incremental?: Phase });
    });
    proc.on('exit', (code) => (code ? reject(new Error(`child ${args[0]} exited ${code}`)) : undefined));
  });
}

export async function runUpstreamBench(say: (m: string) => void = (m) => process.stderr.write(`${m}\n`), jobs = 100_000): Promise<string> {
  const results: CaseResult[] = [];
  const change = (world: ReturnType<typeof generateWorld>) => () => {
    // 1% of invoices paid in full since the last poll.
    for (let i = 0; i < jobs / 100; i++) {
      const row = world.find('invoices', String(80001 + i * 100));
      if (row) world.upsert('invoices', { ...row.record, balanceCents: 0, status: 'paid' });
    }
  };
  for (const vendor of ['servicetitan', 'jobber', 'housecallpro'] as const) {
    say(`upstream bench: ${vendor}, ${count(jobs)} jobs…`);
    const world = generateWorld({ jobs });
    let note: string | undefined;
    if (vendor === 'servicetitan') {
      const sb = await startServiceTitanSandbox({
        world,
        tenant: 'bench',
        clientId: 'b',
        clientSecret: 'b',
        appKey: 'b',
        ratePerSecond: 100_000,
        exportPageSize: 500,
      });
      const r = await runChild([vendor, sb.apiUrl, sb.tokenUrl], change(world));
      note = `at ServiceTitan's 60 requests/s: backfill ≥ ${secs((r.full.requests / 60) * 1000)}`;
      results.push({ name: 'ServiceTitan (export feeds)', ...r, note });
      await sb.close();
    } else if (vendor === 'jobber') {
      const sb = await startJobberSandbox({
        world,
        clientId: 'b',
        clientSecret: 'b',
        refreshToken: 'b',
        restoreRate: 10_000_000,
        maximumAvailable: 10_000,
        requestsPer5Minutes: 10_000_000,
      });
      let atBackfill = 0;
      const r = await runChild([vendor, sb.graphqlUrl, sb.tokenUrl], () => {
        atBackfill = sb.pointsSpent();
        change(world)();
      });
      note = `at Jobber's limits (2,500 requests/5 min; 500 points/s, ${count(atBackfill)} points): backfill ≥ ${secs(Math.max(r.full.requests / (2500 / 300), atBackfill / 500) * 1000)}`;
      results.push({ name: 'Jobber (GraphQL)', ...r, note });
      await sb.close();
    } else {
      const sb = await startHousecallProSandbox({ world, apiKey: 'b', ratePerSecond: 100_000 });
      const r = await runChild([vendor, sb.apiUrl, ''], change(world));
      note = 'invoices carry no updated_at: every poll reads them all';
      results.push({ name: 'Housecall Pro (REST pages)', ...r, note });
      await sb.close();
    }
  }
  say(`upstream bench: file export, ${count(jobs)}-row invoices CSV…`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-csv-'));
  mkdirSync(path.join(dir, 'exports'));
  const lines = [
    'id,number,job_number,customer_id,customer_name,date,issued_at,total,tax,balance,status,class,location,business_unit,lines,email',
  ];
  for (let i = 0; i < jobs; i++)
    lines.push(
      `${80001 + i},${10001 + i},J-${5001 + i},C${1001 + (i % 33_333)},Customer ${1001 + (i % 33_333)},2026-10-${String(1 + (i % 28)).padStart(2, '0')},2026-10-${String(1 + (i % 28)).padStart(2, '0')} 09:30,${(100 + (i % 900)).toFixed(2)},8.00,0.00,paid,Residential,North,HVAC - North,Service Call=${(92 + (i % 900)).toFixed(2)},customer${i % 33_333}@example.com`,
    );
  writeFileSync(path.join(dir, 'exports', 'invoices.csv'), `${lines.join('\n')}\n`);
  const csv = await runChild(['files', path.join(dir, 'exports'), ''], () => {});
  results.push({
    name: `File export (${count(jobs)}-row invoices CSV)`,
    full: csv.full,
    note: 'full import; the drop-folder mode reads each file once',
  });

  const rows = ['| connector | read | requests | records | wall | peak RSS | note |', '|---|---|---:|---:|---:|---:|---|'];
  for (const r of results) {
    rows.push(
      `| ${r.name} | ${r.incremental ? 'backfill (full)' : 'import'} | ${count(r.full.requests)} | ${count(r.full.records)} | ${secs(r.full.wallMs)} | ${mb(r.full.peakRss)} | ${r.note ?? ''} |`,
    );
    if (r.incremental)
      rows.push(
        `| ${r.name} | incremental, 1% changed | ${count(r.incremental.requests)} | ${count(r.incremental.records)} | ${secs(r.incremental.wallMs)} | ${mb(r.incremental.peakRss)} | |`,
      );
  }
  return `Upstream connectors, ${count(jobs)} jobs (${count(Math.ceil(jobs / 3))} customers, ${count(jobs)} invoices, ${count(Math.floor(jobs * 0.75))} payments), sandboxes on 127.0.0.1 with their limits lifted:\n\n${rows.join('\n')}`;
}

if (process.argv[2] === 'child') {
  await child(process.argv[3] as Vendor | 'files', process.argv[4]!, process.argv[5] ?? '');
  process.exit(0);
} else if (process.argv[1] === SELF) {
  const jobs = Number(process.argv[2] ?? 100_000);
  process.stdout.write(`${await runUpstreamBench(undefined, jobs)}\n`);
}
