// The package as a newcomer gets it: `npm pack`, installed into an empty folder outside the clone,
// then `npx sync-sentinel init`, `run --once` and `status` there. This catches a file left out of
// `files` in package.json, a runtime dependency listed only under devDependencies, and a path that
// only resolves inside the clone.
//
// Offline and fast: the install uses the versions in our package-lock.json (the same ones `npm ci`
// just put in the npm cache), and the one native module, better-sqlite3, gets the binary `npm ci`
// already built for this Node — compiling SQLite again takes minutes and proves nothing about us.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  version?: string;
  [key: string]: unknown;
}

/** A lockfile for a project that depends on nothing but the tarball: our production dependency tree. */
function lockFor(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'newcomer', version: '1.0.0', dependencies: { 'sync-sentinel': `file:${tarball}` } },
    'node_modules/sync-sentinel': {
      version: pkg['version'],
      resolved: `file:${tarball}`,
      license: pkg['license'],
      dependencies: pkg['dependencies'],
      bin: pkg['bin'],
      engines: pkg['engines'],
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev) continue;
    const { devOptional: _devOptional, ...rest } = entry;
    packages[key] = rest;
  }
  return { name: 'newcomer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

function run(cmd: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  for (const k of ['SYNC_SENTINEL_CONFIG', 'SYNC_SENTINEL_DATA_DIR', 'NODE_OPTIONS', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID'])
    delete env[k];
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 400_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed package, installed in an empty folder', () => {
  it('installs from the tarball, and init, run --once and status work there with npx', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sentinel-packed-'));
    const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const tarball = packed[0]!.filename;
    const shipped = packed[0]!.files.map((f) => f.path);
    expect(shipped).toEqual(
      expect.arrayContaining([
        'bin/sync-sentinel.js',
        'src/app/cli.ts',
        'rules/default.yaml',
        'adapters/storage/migrations/0000_init.sql',
        'demo/generate.ts',
        'README.md',
      ]),
    );
    expect(shipped.filter((f) => f.startsWith('test/') || f.startsWith('bench/'))).toEqual([]);

    const project = path.join(tmp, 'newcomer');
    mkdirSync(project);
    copyFileSync(path.join(tmp, tarball), path.join(project, tarball));
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'newcomer', version: '1.0.0', private: true, dependencies: { 'sync-sentinel': `file:${tarball}` } }),
    );
    writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(lockFor(tarball)));
    let install = run(NPM, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    // A cache that lacks a tarball (a fresh machine): the registry has it.
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr))
      install = run(NPM, ['ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.code).toBe(0);
    const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    mkdirSync(path.dirname(path.join(project, binding)), { recursive: true });
    copyFileSync(path.join(ROOT, binding), path.join(project, binding));

    const version = run(NPX, ['--no', '--', 'sync-sentinel', '--version'], project);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);

    const init = run(
      NPX,
      [
        '--no',
        '--',
        'sync-sentinel',
        'init',
        '--yes',
        '--company',
        'Summit Comfort',
        '--time-zone',
        'America/Chicago',
        '--upstream',
        'jobber',
      ],
      project,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/wrote exports\/invoices-jobber\.csv/);

    const checked = run(NPX, ['--no', '--', 'sync-sentinel', 'rules', 'check'], project);
    expect(checked.stdout).toMatch(
      new RegExp(`rules OK in ${path.join(project, 'rules', 'default.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );

    const once = run(NPX, ['--no', '--', 'sync-sentinel', 'run', '--once'], project);
    expect(once.stderr).toBe('');
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/Poll finished in .*: 2 sources, 10 records, 2 findings in 2 incidents/);

    const status = run(NPX, ['--no', '--', 'sync-sentinel', 'status'], project);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Sync health: DEGRADED · 2 open incidents/m);
  }, 600_000);
});
