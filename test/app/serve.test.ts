import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/app/service';
import { startDemo, type DemoHarness } from '../scenario/harness';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');

describe('the scheduled service', () => {
  let h: DemoHarness | undefined;
  afterAll(async () => h?.close());

  it('never runs two cycles at once, even when asked to', async () => {
    h = await startDemo(new Date('2026-11-18T15:00:00Z'));
    const [a, b] = await Promise.all([h.service.runOnce(), h.service.runOnce()]);
    const first = [a, b].sort((x, y) => x.cycle.pollRun.startedAt.localeCompare(y.cycle.pollRun.startedAt));
    expect(first[1]!.cycle.pollRun.startedAt >= first[0]!.cycle.pollRun.finishedAt).toBe(true);
  }, 60_000);

  it('keeps polling with the last good rules when the rules file breaks', async () => {
    h ??= await startDemo(new Date('2026-11-18T15:00:00Z'));
    const booted = h.booted;
    let broken = false;
    const errors: string[] = [];
    const service = await createService({
      config: booted.config,
      loadRules: async () =>
        broken ? { ok: false, errors: ['rules/default.yaml:3:7: unknown key "grase" — did you mean "grace"?'] } : booted.loadRules(),
      store: booted.store,
      sources: [],
      channels: [],
      log: { ...booted.log, info() {}, warn() {}, error: (_obj, msg) => errors.push(msg) },
      now: () => new Date('2026-11-18T15:00:00Z'),
    });
    const good = await service.runOnce();
    broken = true;
    const after = await service.runOnce();
    expect(after.cycle.findings.length).toBe(good.cycle.findings.length);
    expect(errors.join('\n')).toMatch(/keeping the last good rules:\nrules\/default.yaml:3:7: unknown key "grase"/);
  }, 60_000);

  it('polls at start, and on SIGTERM finishes and exits cleanly with nothing left undelivered', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-serve-'));
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, SYNC_SENTINEL_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 45_000;
    // The alert (stdout) and the log line (stderr, written asynchronously) arrive in either order.
    const done = () => /\[CRITICAL\] #\d+/.test(stdout) && /"msg":"poll finished"/.test(stderr);
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toMatch(/"msg":"poll finished"/);
    expect(stdout).toMatch(/\[CRITICAL\] #\d+/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toMatch(/stopping: finishing the current poll/);
    expect(stderr).not.toMatch(/demo-access-token/);
  }, 60_000);
});
