// The demo folder is written whole or not at all, and first runs that start together share one demo
// (and no run reads QuickBooks tokens another run's sandbox issued).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemo, publishDemo } from '../../demo/generate';
import { prepareDemo } from '../../src/app/demo-config';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const DEMO_CONFIG = pathToFileURL(path.resolve(__dirname, '../../src/app/demo-config.ts')).href;
const NOW = new Date('2026-11-18T15:00:00Z');
const QUICKBOOKS_FILES = 10;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-demo-folder-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A first run that the machine kills after its `n`th file write (power cut, OOM killer, kill -9). */
function firstRunKilledAtWrite(n: number): NodeJS.Signals | null {
  const script = path.join(dataDir, '..', `${path.basename(dataDir)}-killed-run.mts`);
  writeFileSync(
    script,
    `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
let writes = 0;
const write = fs.writeFileSync;
fs.writeFileSync = (...args) => {
  if (++writes === ${n}) process.kill(process.pid, 'SIGKILL');
  return write(...args);
};
syncBuiltinESMExports();
const { prepareDemo } = await import(${JSON.stringify(DEMO_CONFIG)});
prepareDemo(${JSON.stringify(dataDir)}, new Date(${JSON.stringify(NOW.toISOString())}));
`,
  );
  try {
    return spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 90_000 }).signal;
  } finally {
    rmSync(script, { force: true });
  }
}

function runOnce(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', '--once'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the demo folder', () => {
  it('is complete on the next run when the first run was killed while writing the QuickBooks files', () => {
    // Five export files, then the QuickBooks company: the eighth write is its third file.
    expect(firstRunKilledAtWrite(8)).toBe('SIGKILL');

    const next = prepareDemo(dataDir, NOW);

    expect(next.created).toBe(true);
    expect(readdirSync(path.join(next.baseDir, 'quickbooks'))).toHaveLength(QUICKBOOKS_FILES);
    expect(existsSync(path.join(next.baseDir, 'README.txt'))).toBe(true);
    expect(readdirSync(dataDir).filter((n) => n.includes('.partial-'))).toEqual([]);
  }, 120_000);

  it('is left as it is when another run put its demo in place first', () => {
    const dir = path.join(dataDir, 'demo');
    expect(publishDemo(dir, () => generateDemo({ now: NOW }))).toBe(true);
    writeFileSync(path.join(dir, 'quickbooks', 'Invoice.json'), '{"edited": true}\n');

    expect(publishDemo(dir, () => generateDemo({ now: NOW }))).toBe(false);

    expect(readdirSync(path.join(dir, 'quickbooks'))).toHaveLength(QUICKBOOKS_FILES);
    expect(readFileSync(path.join(dir, 'quickbooks', 'Invoice.json'), 'utf8')).toBe('{"edited": true}\n');
  });

  it('refuses a folder an older version left half-written, saying to delete it', () => {
    mkdirSync(path.join(dataDir, 'demo', 'upstream'), { recursive: true });
    writeFileSync(path.join(dataDir, 'demo', 'upstream', 'partial.csv'), 'id\n');

    expect(() => prepareDemo(dataDir, NOW)).toThrow(/demo folder an earlier run left half-written: delete it and run again/);
  });

  it('is shared by two first runs started at once, and neither posts a false "QuickBooks disconnected" or "cannot be decrypted"', async () => {
    const env = { SYNC_SENTINEL_DATA_DIR: dataDir };

    const runs = await Promise.all([runOnce(env), runOnce(env)]);

    for (const run of runs) {
      expect(run.stdout).toMatch(/Poll finished in .* 3 sources/);
      expect(run.stdout).toMatch(/ {2}quickbooks: ok · /);
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/disconnected|cannot be decrypted|quickbooks: failed/i);
    }
    expect(runs.filter((r) => /Demo company written to/.test(r.stdout))).toHaveLength(1);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('demo'))).toEqual(['demo']);
  }, 240_000);
});
