import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { bootDeployment } from '../../src/app/boot';
import type { Deployment } from '../../src/app/deployment';
import { previewPortfolio } from '../../src/app/portfolio';
import { startPortfolioSchedule, type PortfolioSchedule } from '../../src/app/portfolio-schedule';
import { silentLogger } from '../../src/ports/logger';
import { aSnapshot } from '../builders/snapshots';
import { deploymentWorld } from './deployment-world';

// A Wednesday: the portfolio's Monday 08:00 (America/Chicago) digest of 2026-W47 is due and was missed.
const NOW = new Date('2026-11-18T15:00:00Z');
const WEEK = '2026-W47';
const PORTFOLIO = `{ name: Northwind Home Services Group, channels: [ { type: console, name: owner } ], digest: { schedule: "0 8 * * 1" } }`;

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
};

const open: Array<Deployment | PortfolioSchedule> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await ('companies' in o ? o.close() : o.stop());
});

async function twoCompanies(world = deploymentWorld(NOW, PORTFOLIO)) {
  const deployment = await bootDeployment(world.env, { now: NOW, logLevel: 'silent' });
  open.push(deployment);
  return { world, deployment };
}

/** Acme had a calm week; Bravo's went wrong: lower health, money at risk, a review signal. */
async function seedSnapshots(deployment: Deployment) {
  const at = NOW.toISOString();
  for (const s of [
    aSnapshot({ companyId: 'acme', week: '2026-W46', score: 92 }),
    aSnapshot({ companyId: 'acme', week: WEEK, score: 90, moneyCents: 12_000 }),
    aSnapshot({ companyId: 'bravo', week: '2026-W46', score: 80, moneyCents: 100_000 }),
    aSnapshot({ companyId: 'bravo', week: WEEK, score: 35, moneyCents: 2_500_000, open: { critical: 2 }, signals: ['recurring'] }),
  ])
    await deployment.storage.digest.saveSnapshot(s, at);
}

describe("the owner's portfolio digest", () => {
  it('previews every company ranked worst first with the week’s change, and sends nothing', async () => {
    const { world, deployment } = await twoCompanies();
    await seedSnapshots(deployment);
    const out = collect();
    const chartPath = await previewPortfolio(deployment, world.env, { out: out.stream, now: () => NOW });
    const text = out.text();
    expect(text).toContain(`Weekly portfolio digest · Northwind Home Services Group · ${WEEK}`);
    expect(text).toMatch(/\n {2}1\. Bravo Plumbing\n {5}Health 35\/100 .*\(↓ 45\)/);
    expect(text).toMatch(/\n {2}2\. Acme HVAC\n {5}Health 90\/100 .*\(↓ 2\)/);
    expect(text).toMatch(/Look at first\n {2}1\. Bravo Plumbing: /);
    expect(text).toContain(`Chart (money at risk by company): ${chartPath}`);
    expect(await deployment.storage.digest.sentChannels('portfolio', WEEK)).toEqual([]);
  }, 60_000);

  it('is sent once when two instances on one database both catch up the missed digest', async () => {
    const { world, deployment: first } = await twoCompanies();
    const { deployment: second } = await twoCompanies(world);
    await seedSnapshots(first);
    const outs = [collect(), collect()];
    const schedules = await Promise.all(
      [first, second].map((d, i) =>
        startPortfolioSchedule(d, world.env, { owner: `instance-${i}`, log: silentLogger, now: () => NOW, out: outs[i]!.stream }),
      ),
    );
    open.push(...schedules);
    await Promise.all(schedules.map((s) => s.catchUp()));
    // A later catch-up (a restart the same week) finds it delivered.
    await Promise.all(schedules.map((s) => s.catchUp()));
    const printed = outs.map((o) => o.text().split('Weekly portfolio digest · ').length - 1);
    expect(printed.reduce((a, b) => a + b)).toBe(1);
    expect(await second.storage.digest.sentChannels('portfolio', WEEK)).toEqual(['owner']);
  }, 60_000);
});
