import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../adapters/storage/sqlite-store';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const FIXTURES = path.resolve(__dirname, '../fixtures/rules');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the sync-sentinel command', () => {
  it('says the shipped rules are valid', () => {
    const r = cli(['rules', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/25 rules OK/);
  });

  it('exits 1 and names file, line and column for a broken rules file', () => {
    const file = path.join(FIXTURES, 'bad-duration.yaml');
    const r = cli(['rules', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .* — `));
  });

  it('exits 3 naming the process and the time when another process is polling the same company, and polls once it is done', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-cli-lease-'));
    const env = { SYNC_SENTINEL_DATA_DIR: dataDir };
    expect(cli(['run', '--once'], env).code).toBe(0);
    // This test process stands in for a second poller that is still running.
    const file = path.join(dataDir, 'sentinel.db');
    const onDisk = new Database(file, { readonly: true });
    const companyId = (onDisk.prepare('select company_id as id from poll_runs limit 1').get() as { id: string }).id;
    onDisk.close();
    const store = openSqliteStore(file);
    const holder = `${os.hostname()}:${process.pid}:feedbeef`;
    const taken = await store.acquireLease(companyId, 'poll', holder, new Date().toISOString(), 10 * 60_000);
    if (!taken.ok) throw new Error('the lease should be free after a finished poll');

    const refused = cli(['run', '--once', '--wait', '0'], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      `Another process (${holder}) is polling company ${companyId}; its lease runs until ${taken.lease.expiresAt}`,
    );

    await store.releaseLease(taken.lease);
    await store.close();
    expect(cli(['run', '--once', '--wait', '0'], env).code).toBe(0);
  }, 300_000);

  it('runs one cycle on the embedded default, then reports it in status and trace', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-cli-'));
    const env = { SYNC_SENTINEL_DATA_DIR: dataDir };
    const run = cli(['run', '--once'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Demo company written to/);
    expect(run.stdout).toMatch(/\[CRITICAL\] #\d+ /);
    expect(run.stdout).toMatch(/Poll finished in .* 3 sources/);
    expect(run.stdout).toMatch(
      /\n\d+ low-severity incidents were not posted to chat: low ones wait for the weekly digest\. Set incidents\.notify_low: true/,
    );

    const again = cli(['run', '--once'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/\[(CRITICAL|HIGH|MEDIUM)\] #\d+/);
    expect(again.stdout).toMatch(/0 messages delivered/);

    const status = cli(['status', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = (
      JSON.parse(status.stdout) as {
        view: {
          incidents: Array<{
            id: string;
            rule: string;
            severity: string;
            action: string;
            path: string;
            findingCount: number;
            moneyAtRiskCents: number;
          }>;
        };
      }
    ).view;
    expect(parsed.incidents.length).toBeGreaterThan(10);
    for (const i of parsed.incidents) {
      expect(i.path).toMatch(/→ /);
      expect(i.findingCount).toBeGreaterThan(0);
    }
    // Every incident lists its findings and the records they name, so a script can find them.
    type Ref = { side: string; source: string; entity: string; id: string; number: string | null; amountCents: number | null };
    const findings = (
      JSON.parse(status.stdout) as {
        view: { incidents: Array<{ number: number; findings: Array<{ rule: string; amount: string; subject: Ref; related: Ref[] }> }> };
      }
    ).view.incidents.flatMap((i) => i.findings.map((f) => ({ ...f, incident: i.number })));
    expect(findings.length).toBeGreaterThan(parsed.incidents.length);
    const payment = findings.find((f) => f.subject.entity === 'payment' && f.subject.number !== null)!;
    expect(payment.subject).toMatchObject({
      side: expect.stringMatching(/^(upstream|quickbooks)$/),
      source: expect.any(String),
      id: expect.any(String),
      amountCents: expect.any(Number),
    });

    const byCheck = cli(['trace', 'check', payment.subject.number!], env);
    expect(byCheck.code).toBe(0);
    expect(byCheck.stdout).toMatch(
      new RegExp(
        `payment: Payment .* \\$[\\d,]+\\.\\d\\d \\(${payment.subject.source} ${payment.subject.id}\\) · incidents? [#\\d, ]*#${payment.incident}\\b`,
      ),
    );

    const text = cli(['status'], env);
    expect(text.stdout).toMatch(/Sync health: FAILING/);
    expect(text.stdout).toMatch(/card-payments/);

    const trace = cli(['trace', 'no-such-thing'], env);
    expect(trace.code).toBe(1);
    expect(trace.stdout).toMatch(/Nothing found/);

    // Every record of an incident, on screen or as CSV.
    const biggest = (
      JSON.parse(status.stdout) as { view: { incidents: Array<{ number: number; findingCount: number }> } }
    ).view.incidents.sort((a, b) => b.findingCount - a.findingCount)[0]!;
    const listed = cli(['records', `#${biggest.number}`], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(new RegExp(`^#${biggest.number} .* — ${biggest.findingCount} records?$`));
    expect(listed.stdout.match(/^\s+\d+\. /gm)).toHaveLength(biggest.findingCount);
    const file = path.join(dataDir, 'records.csv');
    const written = cli(['records', String(biggest.number), '--csv', file], env);
    expect(written.stdout).toContain(`Wrote ${biggest.findingCount} record`);
    expect(readFileSync(file, 'utf8').trim().split('\r\n')).toHaveLength(biggest.findingCount + 1);
    expect(cli(['records', '999'], env).stderr).toContain('There is no incident #999');
  }, 240_000);
});
