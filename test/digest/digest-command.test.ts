// `sync-sentinel digest` on the embedded demo, as a user runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sync-sentinel digest', () => {
  it('--preview on the demo prints the full digest and writes the chart to the path it prints', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-digest-'));
    const r = cli(['digest', '--preview'], { SYNC_SENTINEL_DATA_DIR: dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const heading of [
      /Weekly sync digest · Summit Comfort Services · \d{4}-W\d{2} \(/,
      /Health \d+\/100 · (Healthy|Watch|At risk|Critical) {2}\[first digest\]/,
      /▶ (Request a Growth Systems Review|No Growth Systems Review needed)/,
      /\[[x ]\] The issue is recurring: /,
      /\[[x ]\] The numbers are not trusted: /,
      /\[[x ]\] Manual cleanup before decisions: /,
      /\[[x ]\] Growth makes it costlier: /,
      /Numbers you can trust: \d+\.\d% of revenue reconciled end to end/,
      /Money at risk: \$[\d,]+\.\d\d/,
      /by age: {6}under 1 day \$[\d,.]+ · 1–3 days \$[\d,.]+ · 3–7 days \$[\d,.]+ · over 7 days \$[\d,.]+/,
      /by location: .*South \$/,
      /Incidents: \d+ open/,
      /Mean time to resolve: /,
      /Oldest open: #\d+ /,
      /Manual cleanup: \d+ records? corrected by hand ≈ \d+\.\d h/,
      /Growth: \d+\.\d findings per 1,000 records/,
      /Top problems\n {2}1\. \[critical\] #\d+ /,
    ]) {
      expect(r.stdout).toMatch(heading);
    }
    const chartPath = /Chart \(8 weeks: open incidents by severity, money at risk\): (.+\.png)/.exec(r.stdout)?.[1];
    expect(chartPath).toBeDefined();
    expect(chartPath!.startsWith(path.join(dataDir, 'digest'))).toBe(true);
    const png = PNG.sync.read(readFileSync(chartPath!));
    expect([png.width, png.height]).toEqual([960, 480]);
  }, 120_000);

  it('--preview writes the chart where --chart says, and --send-now posts to the console channel', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-digest-'));
    const target = path.join(dataDir, 'out', 'trend.png');
    const preview = cli(['digest', '--preview', '--chart', target], { SYNC_SENTINEL_DATA_DIR: dataDir });
    expect(preview.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(preview.stdout).toContain(`: ${target}`);

    const sent = cli(['digest', '--send-now'], { SYNC_SENTINEL_DATA_DIR: dataDir });
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/═{72}\nWeekly sync digest · Summit Comfort Services/);
    expect(sent.stdout).toContain('digest → console: sent');
    // The demo was polled by the preview: no second first-poll.
    expect(sent.stdout).not.toContain('No poll has run yet');
  }, 120_000);

  it('asks for exactly one of --preview and --send-now', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-digest-'));
    const r = cli(['digest'], { SYNC_SENTINEL_DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('choose one of --preview or --send-now');
  });
});
