import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDeployment, wireBootedSources } from '../../src/app/boot';
import type { Deployment } from '../../src/app/deployment';
import { createPollQueue } from '../../src/app/poll-queue';
import { slotOf } from '../../src/app/scheduler';
import { createService, type Service, type SlotOutcome } from '../../src/app/service';
import type { WiredSources } from '../../src/app/wire-sources';
import { POLL_LEASE } from '../../src/cycle/poll-lease';
import { deploymentWorld, type DeploymentWorld } from './deployment-world';

const START = new Date('2026-11-18T15:00:00Z');
const SLOT_MS = 5 * 60_000;
const TTL_MS = 30_000;

/** One `serve` process: a service per company and its bounded poll queue, driven slot by slot. */
interface Instance {
  name: string;
  services: Service[];
  polls: Array<{ company: string; slot: string; outcome: SlotOutcome['polled'] }>;
  tick(slot: Date): Promise<void>;
}

describe('the poll schedule across instances sharing one database', () => {
  let deployment: Deployment;
  const wired: WiredSources[] = [];
  let clock = START;
  let wall = START.getTime();

  const instance = async (name: string): Promise<Instance> => {
    const services: Service[] = [];
    for (const runtime of deployment.companies) {
      const built = await wireBootedSources(runtime, world.env);
      wired.push(built);
      services.push(
        await createService({
          config: runtime.config,
          loadRules: runtime.loadRules,
          store: runtime.store,
          sources: built.sources,
          channels: runtime.channels,
          log: runtime.log,
          now: () => clock,
          wallNow: () => wall,
          leaseTtlMs: TTL_MS,
        }),
      );
    }
    const polls: Instance['polls'] = [];
    const queue = createPollQueue({
      maxConcurrent: 1,
      async run(companyId, slot) {
        const outcome = await services.find((s) => s.companyId === companyId)!.pollSlot(slot);
        polls.push({ company: companyId, slot: slot.toISOString(), outcome: outcome.polled });
      },
    });
    return {
      name,
      services,
      polls,
      async tick(slot) {
        for (const s of services) queue.offer(s.companyId, slot);
        await queue.idle();
      },
    };
  };

  let world: DeploymentWorld;

  beforeAll(async () => {
    world = deploymentWorld(START);
    // The console channel's alerts go to a sink: this test counts polls, not messages.
    deployment = await bootDeployment(world.env, { now: START, logLevel: 'silent', stdout: new PassThrough().resume() });
  }, 60_000);
  afterAll(async () => {
    for (const w of wired) await w.close();
    await deployment.close();
  });

  it('polls each company exactly once per slot with two instances ticking together, and takes over a dead instance’s company', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const polledIn = (slot: Date) =>
      [...a.polls, ...b.polls]
        .filter((p) => p.slot === slot.toISOString() && p.outcome)
        .map((p) => p.company)
        .sort();

    for (let k = 0; k < 3; k++) {
      const slot = slotOf(new Date(START.getTime() + k * SLOT_MS));
      clock = new Date(slot.getTime() + 1_000);
      wall = clock.getTime();
      await Promise.all([a.tick(slot), b.tick(slot)]);
      expect(polledIn(slot)).toEqual(['acme', 'bravo']);
    }

    // Instance a dies in the middle of polling acme: its lease stays behind until it expires, and it ticks no more.
    const slot4 = slotOf(new Date(START.getTime() + 3 * SLOT_MS));
    clock = new Date(slot4.getTime() + 1_000);
    wall = clock.getTime();
    const dead = await deployment.store.acquireLease('acme', POLL_LEASE, 'far-away-host:4242:deadbeef', clock.toISOString(), TTL_MS);
    expect(dead.ok).toBe(true);
    await b.tick(slot4);
    expect(polledIn(slot4)).toEqual(['bravo']);

    // The next tick comes after the dead lease ran out: b takes acme over.
    const slot5 = slotOf(new Date(START.getTime() + 4 * SLOT_MS));
    clock = new Date(slot5.getTime() + 1_000);
    wall = clock.getTime();
    expect(clock.getTime() - slot4.getTime()).toBeGreaterThan(TTL_MS);
    await b.tick(slot5);
    expect(polledIn(slot5)).toEqual(['acme', 'bravo']);
    // Both instances did share the work while both ran.
    expect(a.polls.some((p) => p.outcome)).toBe(true);
    expect(b.polls.filter((p) => p.slot < slot4.toISOString()).some((p) => !p.outcome)).toBe(true);
  }, 240_000);
});
