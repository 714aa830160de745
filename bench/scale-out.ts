// `npm run bench -- scale-out [companies] [invoices] [instances…]`: poll throughput of a deployment of
// many companies on one Postgres database, served by 1, 2 and 3 `serve` processes on this machine
// (default 200 companies of 5,000 invoices each), and one company's poll on Postgres beside SQLite.
// Every company reads the same generated export and QuickBooks data (scale-out-data.ts) under its own
// realm, so the data costs disk once; every poll reads both sides whole (the sandbox has no change
// data capture), which is a poll's worst case. Figures: the first full read of every company (each
// one's records inserted), then a steady cycle (every company polled once more, nothing changed).
// Prints a markdown table and writes it to bench/out/scale-out.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import YAML from 'yaml';
import { DEFAULT_RULES, PACKAGE_ROOT } from '../src/app/paths';
import { startPostgres } from './scale-out-postgres';
import { writeBenchCompany } from './scale-out-data';

interface Run {
  companyId: string;
  startedAt: number;
  finishedAt: number;
}

interface FleetResult {
  instances: number;
  firstMs: number;
  steadyMs: number;
  medianPollMs: number;
}

const MATCHING = {
  invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
  payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
};
const BIN = path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const realm = (i: number) => `9130355${String(i).padStart(9, '0')}`;

export async function scaleOutBench(args: string[], say: (m: string) => void): Promise<string> {
  const companies = Number(args[0] ?? 200);
  const invoices = Number(args[1] ?? 5_000);
  const counts = args.length > 2 ? args.slice(2).map(Number) : [1, 2, 3];
  const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-scale-'));
  const postgres = await startPostgres();
  try {
    say(`scale-out: generating one company of ${invoices.toLocaleString('en-US')} invoices…`);
    writeBenchCompany(path.join(dir, 'data'), invoices, new Date());
    const fleets: FleetResult[] = [];
    for (const n of counts) {
      say(`scale-out: ${companies} companies on ${n} instance(s)…`);
      const f = await fleetRun(dir, await postgres.freshDatabase(), companies, n, say);
      say(
        `scale-out:   first full read ${seconds(f.firstMs)}, steady cycle ${seconds(f.steadyMs)}, median poll ${seconds(f.medianPollMs)}`,
      );
      fleets.push(f);
    }
    say('scale-out: one company, SQLite beside Postgres…');
    const sqlite = await singleRun(dir, { sqlite: path.join(dir, 'single.db') }, {});
    const onPg = await singleRun(dir, { postgres: { url_env: 'DATABASE_URL' } }, { DATABASE_URL: await postgres.freshDatabase() });
    const table = [
      `Scale-out: ${companies} companies × ${invoices.toLocaleString('en-US')} invoices, Postgres, ${availableParallelism()} cores, Node ${process.version}. Every poll reads both sides whole.`,
      '',
      '| instances | first full read of every company | steady cycle (every company once) | company polls / min | median poll |',
      '| --- | --- | --- | --- | --- |',
      ...fleets.map(
        (f) =>
          `| ${f.instances} | ${seconds(f.firstMs)} | ${seconds(f.steadyMs)} | ${((companies / f.steadyMs) * 60_000).toFixed(1)} | ${seconds(f.medianPollMs)} |`,
      ),
      '',
      `| one company, ${invoices.toLocaleString('en-US')} invoices | SQLite | Postgres | ratio |`,
      '| --- | --- | --- | --- |',
      `| first poll (every record inserted) | ${seconds(sqlite.firstMs)} | ${seconds(onPg.firstMs)} | ${(onPg.firstMs / sqlite.firstMs).toFixed(2)} |`,
      `| quiet poll (nothing changed) | ${seconds(sqlite.quietMs)} | ${seconds(onPg.quietMs)} | ${(onPg.quietMs / sqlite.quietMs).toFixed(2)} |`,
    ].join('\n');
    const out = fileURLToPath(new URL('./out/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'scale-out.md'), `${table}\n`);
    return table;
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `n` serve processes on one deployment of `companies` companies: the first full read, then one steady cycle. */
async function fleetRun(dir: string, url: string, companies: number, n: number, say: (m: string) => void): Promise<FleetResult> {
  const config = path.join(dir, `fleet-${n}.yaml`);
  writeFileSync(
    config,
    YAML.stringify({
      storage: { postgres: { url_env: 'DATABASE_URL' } },
      // Due more often than a cycle takes: every instance is always busy, so the figures are what they can do.
      defaults: {
        schedule: { poll: '*/10 * * * * *' },
        rules: [DEFAULT_RULES],
        matching: MATCHING,
        channels: [{ type: 'console', name: 'console' }],
      },
      companies: Array.from({ length: companies }, (_, i) => ({
        company: { id: `b${String(i + 1).padStart(3, '0')}`, name: `Bench ${i + 1}`, time_zone: 'America/Chicago' },
        sources: [
          { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'data/upstream/fieldpro' },
          { id: 'quickbooks', type: 'quickbooks', realm_id: realm(i + 1), sandbox_data: 'data/quickbooks' },
        ],
      })),
    }),
  );
  const env = { ...process.env, SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'warn' };
  await cli(['migrate'], dir, env);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const procs: ChildProcess[] = [];
  try {
    const started = Date.now();
    for (let i = 0; i < n; i++) procs.push(spawn(process.execPath, [BIN, 'serve'], { cwd: dir, env, stdio: 'ignore' }));
    const runs = async (): Promise<Run[]> =>
      (
        await client.query<{ companyId: string; startedAt: unknown; finishedAt: unknown }>(
          'select company_id as "companyId", started_at as "startedAt", finished_at as "finishedAt" from poll_runs',
        )
      ).rows.map((r) => ({ companyId: r.companyId, startedAt: instant(r.startedAt), finishedAt: instant(r.finishedAt) }));
    const everyCompanyAfter = async (since: number) => {
      for (let last = 0; ; await pause(1_000)) {
        const done = new Set((await runs()).filter((r) => r.startedAt >= since).map((r) => r.companyId));
        if (done.size >= companies) return Date.now();
        if (done.size !== last && done.size % 10 === 0) say(`scale-out:   ${done.size}/${companies} companies polled`);
        last = done.size;
      }
    };
    const firstDone = await everyCompanyAfter(0);
    const steadyDone = await everyCompanyAfter(firstDone);
    const steady = (await runs()).filter((r) => r.startedAt >= firstDone).map((r) => r.finishedAt - r.startedAt);
    steady.sort((a, b) => a - b);
    return {
      instances: n,
      firstMs: firstDone - started,
      steadyMs: steadyDone - firstDone,
      medianPollMs: steady[Math.floor(steady.length / 2)] ?? 0,
    };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((resolve) => (p.exitCode === null ? p.on('exit', resolve) : resolve(null)))));
    await client.end();
  }
}

/** One company on one engine: `run --once` twice, each poll's own duration from its poll run. */
async function singleRun(dir: string, storage: unknown, extraEnv: Record<string, string>): Promise<{ firstMs: number; quietMs: number }> {
  const config = path.join(dir, `single-${Object.keys(storage as object)[0]}.yaml`);
  writeFileSync(
    config,
    YAML.stringify({
      company: { id: 'single', name: 'Single', time_zone: 'America/Chicago' },
      storage,
      rules: [DEFAULT_RULES],
      sources: [
        { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'data/upstream/fieldpro' },
        { id: 'quickbooks', type: 'quickbooks', realm_id: realm(0), sandbox_data: 'data/quickbooks' },
      ],
      matching: MATCHING,
    }),
  );
  const env = { ...process.env, ...extraEnv, SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  await cli(['migrate'], dir, env);
  await cli(['run', '--once'], dir, env);
  await cli(['run', '--once'], dir, env);
  const runs = await singleRuns(storage, extraEnv['DATABASE_URL']);
  if (runs.length < 2) throw new Error(`expected two poll runs, found ${runs.length}`);
  return { firstMs: runs[0]!.finishedAt - runs[0]!.startedAt, quietMs: runs[1]!.finishedAt - runs[1]!.startedAt };
}

async function singleRuns(storage: unknown, url: string | undefined): Promise<Run[]> {
  const sql = 'select company_id as "companyId", started_at as "startedAt", finished_at as "finishedAt" from poll_runs order by id';
  const toRun = (r: { companyId: string; startedAt: unknown; finishedAt: unknown }) => ({
    companyId: r.companyId,
    startedAt: instant(r.startedAt),
    finishedAt: instant(r.finishedAt),
  });
  if (url === undefined) {
    const db = new Database((storage as { sqlite: string }).sqlite, { readonly: true });
    try {
      return (db.prepare(sql).all() as Array<{ companyId: string; startedAt: unknown; finishedAt: unknown }>).map(toRun);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ companyId: string; startedAt: unknown; finishedAt: unknown }>(sql)).rows.map(toRun);
  } finally {
    await client.end();
  }
}

const instant = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2_000)));
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}
