// `sync-sentinel init` in an empty folder, then the commands a newcomer runs next, as child processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfigAt } from '../../src/app/config-file';
import { runInit } from '../../src/app/init/run-init';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

function cli(cwd: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env['SYNC_SENTINEL_CONFIG'];
  delete env['SYNC_SENTINEL_DATA_DIR'];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const emptyFolder = () => mkdtempSync(path.join(os.tmpdir(), 'sentinel-init-'));

describe('sync-sentinel init', () => {
  it('sets up an empty folder from flags, and the next commands work there before QuickBooks is connected', async () => {
    const dir = emptyFolder();
    const init = cli(dir, [
      'init',
      '--yes',
      '--company',
      'Acme Heating & Air',
      '--time-zone',
      'America/Denver',
      '--close-day',
      '3',
      '--upstream',
      'servicetitan',
    ]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    for (const f of [
      'sync-sentinel.yaml',
      'rules/default.yaml',
      'exports/invoices-servicetitan.csv',
      'quickbooks-sample/Invoice.json',
      'quickbooks-sample/Customer.json',
    ])
      expect(existsSync(path.join(dir, f))).toBe(true);
    expect(init.stdout).toMatch(
      /Next:\n {2}1\. npx sync-sentinel run --once .*\n {2}2\. Drop your own export into exports\/.*\n {2}3\. Connect QuickBooks: /,
    );

    // The export is the vendor's own layout, read by its preset; the config explains itself.
    expect(readFileSync(path.join(dir, 'exports/invoices-servicetitan.csv'), 'utf8').split('\n')[0]).toBe(
      'Invoice #,Invoice Date,Job #,Customer Name,Business Unit,Tax,Total,Balance,Status',
    );
    const text = readFileSync(path.join(dir, 'sync-sentinel.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}time_zone: America\/Denver +# /m);
    expect(text).toMatch(/^ {4}sandbox_data: \.\/quickbooks-sample$/m);
    const loaded = await loadConfigAt(path.join(dir, 'sync-sentinel.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.config.company).toMatchObject({
      id: 'acme-heating-air',
      name: 'Acme Heating & Air',
      time_zone: 'America/Denver',
      close_day: 3,
    });
    expect(loaded.config.sources.map((s) => [s.id, s.type])).toEqual([
      ['upstream', 'files'],
      ['quickbooks', 'quickbooks'],
    ]);

    const before = cli(dir, ['status']);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^Sync health: not polled yet/m);
    expect(before.stdout).not.toMatch(/HEALTHY|Last poll: never/);

    const run = cli(dir, ['run', '--once']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Invoice 1004 \(\$145\.00, Rivera Residence\) not in QuickBooks/);
    expect(run.stdout).toMatch(/Invoice 1003: total \$220\.00 upstream vs \$202\.00 in QuickBooks/);
    expect(run.stdout).toMatch(/Poll finished in .*: 2 sources, 10 records, 2 findings in 2 incidents/);

    const status = cli(dir, ['status']);
    expect(status.stdout).toMatch(
      /^Sync health: DEGRADED · 2 open incidents \(0 critical, 0 high, 2 medium, 0 low\) · \$163\.00 at risk$/m,
    );
  }, 300_000);

  it('refuses to overwrite an existing config unless --force, and keeps a file the person put there', () => {
    const dir = emptyFolder();
    writeFileSync(path.join(dir, 'sync-sentinel.yaml'), '# mine\n');
    const refused = cli(dir, ['init', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/sync-sentinel\.yaml already exists; init leaves it alone.*--force/);
    expect(readFileSync(path.join(dir, 'sync-sentinel.yaml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(path.join(dir, 'exports'))).toBe(false);

    const forced = cli(dir, ['init', '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'sync-sentinel.yaml'), 'utf8')).toMatch(/^company:/m);

    const theirs = emptyFolder();
    mkdirSync(path.join(theirs, 'exports'));
    writeFileSync(path.join(theirs, 'exports', 'invoices.csv'), 'id,total\nA1,1.00\n');
    const beside = cli(theirs, ['init', '--yes']);
    expect(beside.code).toBe(0);
    expect(beside.stdout).toMatch(/^ {2}kept {2}exports\/invoices\.csv \(already there\)$/m);
    expect(readFileSync(path.join(theirs, 'exports', 'invoices.csv'), 'utf8')).toBe('id,total\nA1,1.00\n');
  }, 120_000);

  it('refuses a time zone that is not one, naming the flag and the zone it most likely meant, and writes nothing', () => {
    const dir = emptyFolder();
    const r = cli(dir, ['init', '--yes', '--time-zone', 'America/Denvr', '--close-day', '31']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--time-zone: "America/Denvr" is not a time zone — did you mean America/Denver?');
    expect(r.stderr).toContain('--close-day: "31" is not a close day — write the day of the month the books close, 1 to 28');
    expect(existsSync(path.join(dir, 'sync-sentinel.yaml'))).toBe(false);
  }, 120_000);

  it('prints the installed version', () => {
    const r = cli(emptyFolder(), ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  }, 120_000);

  it('asks at a terminal for what the flags left out, and asks again after a wrong answer', async () => {
    const dir = emptyFolder();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let shown = '';
    stdout.on('data', (b: Buffer) => (shown += b.toString()));
    stdin.end(['Oakline Plumbing', 'Europe/Lundon', 'Europe/London', 'jobber', ''].join('\n'));
    const code = await runInit(dir, { closeDay: '10' }, { stdin, stdout, stderr, now: new Date('2026-12-07T10:00:00Z') });
    expect(code).toBe(0);
    expect(shown).toContain('"Europe/Lundon" is not a time zone — did you mean Europe/London?');
    expect(shown).not.toContain('books close (1–28)');
    const loaded = await loadConfigAt(path.join(dir, 'sync-sentinel.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.config.company).toMatchObject({ name: 'Oakline Plumbing', time_zone: 'Europe/London', close_day: 10 });
    expect(readFileSync(path.join(dir, 'exports/invoices-jobber.csv'), 'utf8')).toMatch(/^Invoice #,Client name,/);
  });
});
