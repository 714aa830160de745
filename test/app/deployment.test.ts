import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDeployment } from '../../src/app/boot';
import type { Deployment } from '../../src/app/deployment';
import { runOnceCommand } from '../../src/app/run-once';
import { deploymentWorld, type DeploymentWorld } from './deployment-world';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const NOW = new Date('2026-11-18T15:00:00Z');

function cli(world: DeploymentWorld, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...world.vars }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
};

describe('a deployment of two companies on one SQLite file', () => {
  let world: DeploymentWorld;
  let polled: { code: number; out: string };
  let deployment: Deployment | undefined;

  beforeAll(async () => {
    world = deploymentWorld(NOW);
    const out = collect();
    const err = collect();
    const code = await runOnceCommand(world.env, { waitMs: 0 }, out.stream, err.stream);
    polled = { code, out: out.text() + err.text() };
  }, 120_000);
  afterAll(async () => deployment?.close());

  it('polls every company in `run --once`, each in its own block', () => {
    expect(polled.code).toBe(0);
    // Each company's block: its name, its alerts on the console channel, then its poll summary.
    expect(polled.out).toMatch(
      /^\nAcme HVAC \(acme\):\n[\s\S]*?\nPoll finished in [^\n]* 3 sources, \d+ records, \d+ findings in \d+ incidents[\s\S]*?\nBravo Plumbing \(bravo\):\n[\s\S]*?\nPoll finished in [^\n]* 3 sources/,
    );
  });

  it('keeps each company’s incidents apart, numbered from #1 in each company', async () => {
    deployment = await bootDeployment(world.env, { now: NOW, logLevel: 'silent' });
    const acme = await deployment.store.loadIncidents('acme');
    const bravo = await deployment.store.loadIncidents('bravo');
    expect(acme.length).toBeGreaterThan(3);
    expect(bravo.map((i) => i.number).sort((a, b) => a - b)).toEqual(acme.map((i) => i.number).sort((a, b) => a - b));
    expect(Math.min(...bravo.map((i) => i.number))).toBe(1);
    expect(new Set([...acme, ...bravo].map((i) => i.id)).size).toBe(acme.length + bravo.length);
    expect(deployment.portfolio?.name).toBe('Northwind Home Services Group');
  });

  it('shows every company at a glance in `status`, and one company’s view with --company', () => {
    const glance = cli(world, ['status']);
    expect(glance.code).toBe(0);
    expect(glance.stdout).toMatch(/^Sync health of 2 companies: /);
    expect(glance.stdout).toMatch(/\n +(FAILING|DEGRADED) +Acme HVAC \(acme\) · \d+ open \(\d+ critical.* at risk · last poll /);
    expect(glance.stdout).toMatch(/\n +(FAILING|DEGRADED) +Bravo Plumbing \(bravo\) · /);
    const one = cli(world, ['status', '--company', 'bravo']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Sync health: (FAILING|DEGRADED)/m);
  }, 240_000);

  it('previews the portfolio digest with `digest --portfolio --preview`: every polled company ranked, nothing sent', async () => {
    const preview = cli(world, ['digest', '--portfolio', '--preview']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Weekly portfolio digest · Northwind Home Services Group · \d{4}-W\d{2}\n/);
    expect(preview.stdout).toMatch(/\n {2}1\. (Acme HVAC|Bravo Plumbing)\n {5}Health \d+\/100/);
    expect(preview.stdout).toMatch(/\n {2}2\. (Acme HVAC|Bravo Plumbing)\n {5}Health \d+\/100/);
    expect(preview.stdout).not.toContain('Without a digest this week');
  }, 240_000);

  it('acts on the named company only, and asks which company when several could be meant', async () => {
    const acked = cli(world, ['ack', '1', '--company', 'bravo']);
    expect(acked.code).toBe(0);
    deployment ??= await bootDeployment(world.env, { now: NOW, logLevel: 'silent' });
    expect((await deployment.store.loadIncident('bravo', 1))?.status).toBe('acknowledged');
    expect((await deployment.store.loadIncident('acme', 1))?.status).toBe('open');
    const unnamed = cli(world, ['records', '1']);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toMatch(/watches 2 companies \(acme, bravo\): name one with --company, e.g. --company acme/);
    const unknown = cli(world, ['records', '1', '--company', 'zulu']);
    expect(unknown.stderr).toMatch(/There is no company "zulu" in this deployment: it watches acme, bravo\./);
  }, 240_000);
});
