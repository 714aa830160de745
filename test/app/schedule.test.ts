// The poll schedule is checked when the config loads: a bad cron expression stops `run --once` and
// `serve` alike with the file, line and column — never a `serve` left running with no schedule.
// And Ctrl-C (SIGINT) always stops `serve`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const RULES = path.resolve(__dirname, '../../rules/default.yaml');

function folder(schedule: string, digest?: string): { dir: string; config: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-schedule-'));
  mkdirSync(path.join(dir, 'upstream'));
  const config = path.join(dir, 'sync-sentinel.yaml');
  const lines = [
    `rules: ['${RULES}']`,
    'schedule:',
    `  poll: '${schedule}'`,
    'sources:',
    '  - { id: fieldpro, type: files, path: upstream }',
    'channels:',
    '  - { type: console, name: console }',
  ];
  if (digest) lines.push('digest:', `  schedule: '${digest}'`);
  writeFileSync(config, `${lines.join('\n')}\n`);
  return { dir, config };
}

interface Run {
  code: number | null;
  output: string;
}

function start(
  args: string[],
  where: { dir: string; config: string },
  onOutput?: (all: string, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: where.dir,
    env: { ...process.env, SYNC_SENTINEL_CONFIG: where.config, SYNC_SENTINEL_DATA_DIR: where.dir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = (d: Buffer) => {
    output += d.toString();
    onOutput?.(output, child);
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the poll schedule', () => {
  for (const command of [['run', '--once'], ['serve']]) {
    it(`refuses a bad cron expression at load in \`${command.join(' ')}\`, naming the file, line and column`, async () => {
      const where = folder('every five minutes');
      const run = await start(command, where);
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/sync-sentinel\.yaml:3:9\b.*not a cron expression/);
    }, 60_000);
  }

  it('refuses a bad digest schedule the same way', async () => {
    const run = await start(['run', '--once'], folder('*/5 * * * *', '0 8 * * Mondays'));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/sync-sentinel\.yaml:9:\d+\b.*not a cron expression/);
  }, 60_000);

  it('stops `serve` on the first Ctrl-C (SIGINT), cleanly', async () => {
    let sent = false;
    const run = await start(['serve'], folder('*/5 * * * *'), (all, child) => {
      if (!sent && /sync-sentinel started/.test(all)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/"signal":"SIGINT"/);
  }, 60_000);
});
