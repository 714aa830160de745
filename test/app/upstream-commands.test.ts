import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function company(sources: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-upstream-'));
  mkdirSync(path.join(dir, 'exports'));
  writeFileSync(
    path.join(dir, 'exports', 'invoices.csv'),
    'id,number,job_number,customer_id,customer_name,date,issued_at,total,tax,balance,status,class,location,business_unit,lines\n' +
      '80001,10001,J-1,C1,Ana Ruiz,2026-11-02,2026-11-02 09:30,108.00,8.00,0,paid,Residential,North,HVAC,Service Call=100.00\n',
  );
  writeFileSync(path.join(dir, 'exports', 'customers.csv'), 'id,name,email\nC1,Ana Ruiz,ana@example.com\n');
  writeFileSync(path.join(dir, 'sync-sentinel.yaml'), `company:\n  name: Test Co\nstorage:\n  sqlite: sentinel.db\nsources:\n${sources}`);
  return path.join(dir, 'sync-sentinel.yaml');
}

describe('upstream connectors from the command line', () => {
  it('`sources test` prints what each source can read, and a failing one with its fix, while the others still answer', () => {
    const config = company(
      [
        '  - { id: st, type: servicetitan, sandbox_data: exports }',
        '  - { id: hcp, type: housecallpro, sandbox_data: exports }',
        '  - { id: jobber, type: jobber, sandbox_data: exports }',
        '  - id: inhouse',
        '    type: http',
        '    base_url: http://127.0.0.1:9/api',
        '    retries: 0',
        '    endpoints: { invoices: { path: /invoices, fields: { id: $.id, total: $.total } } }',
        '',
      ].join('\n'),
    );
    const r = cli(['sources', 'test'], { SYNC_SENTINEL_CONFIG: config });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ServiceTitan \(sandbox\) \(st\): ok in [\d.]+ s — .*1 customer, .*1 invoice/);
    expect(r.stdout).toMatch(/Housecall Pro \(sandbox\) \(hcp\): ok in [\d.]+ s — 1 customer, 1 invoice \[3 pages/);
    expect(r.stdout).toMatch(/Jobber \(sandbox\) \(jobber\): ok in [\d.]+ s — 1 customer, 1 invoice/);
    expect(r.stdout).toMatch(
      /inhouse \(inhouse\): FAILED \(network\) — inhouse: cannot reach the API .* check the base URL and the network/,
    );
    expect(r.code).toBe(2);
  });

  it('names the environment variables a connector needs when they are not set', () => {
    const config = company('  - { id: st, type: servicetitan, tenant: "123" }\n');
    const r = cli(['sources', 'test'], { SYNC_SENTINEL_CONFIG: config, ST_CLIENT_ID: '', ST_CLIENT_SECRET: '', ST_APP_KEY: '' });
    // One line for the source, as for any other that fails, and exit 2: `sources test` goes on to the next source.
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /^servicetitan \(st\): FAILED \(config\) — Source st: set ST_CLIENT_ID, ST_CLIENT_SECRET, ST_APP_KEY in the environment/m,
    );
  });

  it.each(['servicetitan', 'jobber', 'housecallpro'])('runs the demo with its field-service data served by the %s sandbox', (vendor) => {
    const r = cli(['run', '--once'], {
      SYNC_SENTINEL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'sentinel-demo-')),
      SYNC_SENTINEL_DEMO_UPSTREAM: vendor,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fieldpro: ok · \d+ (export pages|GraphQL pages|pages), 1,0\d\d records/);
    expect(r.stdout).toMatch(/\[CRITICAL\] #\d+ /);
  });
});
