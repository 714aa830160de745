// `sources test`, `rules check` and config errors as a newcomer meets them: run from another folder
// than the config's, with one source lacking its credentials and an export missing a column.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');

function cli(cwd: string, config: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', SYNC_SENTINEL_CONFIG: config };
  for (const k of [
    'SYNC_SENTINEL_DATA_DIR',
    'ST_CLIENT_ID',
    'ST_CLIENT_SECRET',
    'ST_APP_KEY',
    'ST_TENANT_ID',
    'QBO_CLIENT_ID',
    'QBO_CLIENT_SECRET',
  ])
    delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A company folder with a config and its exports, and an unrelated folder to run commands from. */
function company(lines: string[], files: Record<string, string>) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sentinel-paths-'));
  const dir = path.join(root, 'acme');
  const elsewhere = path.join(root, 'elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  for (const [rel, text] of Object.entries({ 'sync-sentinel.yaml': `${lines.join('\n')}\n`, ...files })) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return { dir, elsewhere, config: path.join(dir, 'sync-sentinel.yaml') };
}

describe('sources test', () => {
  it('tests every source on its own, one line each, and exits 2 when a credential is missing or an export lacks a required column', () => {
    const c = company(
      [
        'company: { name: Acme, time_zone: America/Denver }',
        'sources:',
        '  - { id: st, type: servicetitan, name: ServiceTitan, tenant: "123" }',
        '  - { id: refused, type: files, name: Old export, path: ./old }',
        '  - { id: good, type: files, name: Card export, path: ./exports }',
      ],
      {
        'old/invoices.csv': 'id,number,amount\nA1,1001,100.00\n',
        'exports/invoices.csv': 'id,number,total\nA1,1001,100.00\nA2,1002,50.00\n',
      },
    );
    const r = cli(c.elsewhere, c.config, ['sources', 'test']);
    expect(r.code).toBe(2);
    const heads = r.stdout.split('\n').filter((l) => l && !l.startsWith(' '));
    expect(heads).toEqual([
      expect.stringMatching(/^ServiceTitan \(st\): FAILED \(config\) — .*ST_CLIENT_ID/),
      expect.stringMatching(/^Old export \(refused\): FAILED in [\d.]+ s — could not read invoices \(missing column total\)/),
      expect.stringMatching(/^Card export \(good\): ok in [\d.]+ s — 2 invoices/),
    ]);
    expect(r.stdout).toMatch(/old\/invoices\.csv: missing column "total" — .*columns\.invoices\.total/);
  }, 120_000);
});

describe('paths and settings in the config', () => {
  it('resolves the rules path from the config file’s folder in rules check as in run, wherever the command runs', () => {
    const c = company(['rules: [rules/mine.yaml]', 'sources:', '  - { id: fieldpro, type: files, path: ./exports }'], {
      'exports/invoices.csv': 'id,number,total\nA1,1001,100.00\n',
    });
    const missing = cli(c.elsewhere, c.config, ['rules', 'check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${path.join(c.dir, 'rules', 'mine.yaml')}:1:1: this file does not exist`);
    const run = cli(c.elsewhere, c.config, ['run', '--once']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(path.join(c.dir, 'rules', 'mine.yaml'));

    mkdirSync(path.join(c.dir, 'rules'));
    copyFileSync(path.resolve(__dirname, '../../rules/default.yaml'), path.join(c.dir, 'rules', 'mine.yaml'));
    const present = cli(c.elsewhere, c.config, ['rules', 'check']);
    expect(present.code).toBe(0);
    expect(present.stdout).toMatch(
      new RegExp(`^\\d+ rules OK in ${path.join(c.dir, 'rules', 'mine.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
    );
  }, 180_000);

  it('blames a bad time zone on its setting, at its line and column, not on a source', () => {
    const c = company(
      ['company:', '  name: Acme', '  time_zone: America/Denvr', 'sources:', '  - { id: fieldpro, type: files, path: ./exports }'],
      {},
    );
    const r = cli(c.elsewhere, c.config, ['sources', 'test']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${c.config}:3:14: "America/Denvr" is not a time zone (company.time_zone) — did you mean America/Denver?`);
  }, 120_000);
});
