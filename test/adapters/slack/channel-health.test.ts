import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../../adapters/console/console-channel';
import { guardChannel } from '../../../src/notify/guard-channel';
import { silentLogger } from '../../../src/ports/logger';
import { HOUR, MINUTE, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { backoffMs } from '../../../src/notify/deliver';
import { COMPANY } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from './harness';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
const later = (m: number) => new Date(NOW.getTime() + m * MINUTE);

let world: SlackWorld;
afterEach(async () => world?.close());

async function worldWithBackup() {
  const out = new PassThrough();
  let printed = '';
  out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
  const backup = createConsoleChannel({ name: 'backup', out, now: () => NOW });
  const w = await slackWorld([rule], {
    others: [backup],
    wrap: (channel, self, now) => guardChannel(channel, { health: self.health, channels: ['ops', 'backup'], now, log: silentLogger }),
  });
  return { w, printed: () => printed };
}

describe('a Slack channel that refuses alerts for a reason only a person can fix', () => {
  for (const [error, says] of [
    ['not_in_channel', 'the app is not a member of the channel'],
    ['channel_not_found', 'Slack cannot find the channel'],
    ['invalid_auth', 'Slack refused the bot token'],
  ] as const) {
    it(`${error}: keeps the alert queued and tells the other channels once`, async () => {
      const { w, printed } = await worldWithBackup();
      world = w;
      for (let i = 0; i < 3; i++) w.fake.fail('chat.postMessage', { error });
      await w.poll([aFinding()], NOW);
      await w.deliver(later(20));
      await w.deliver(later(40));

      expect(w.fake.channelMessages(OPS)).toHaveLength(0);
      expect(await w.store.pendingDeliveryCount('ops')).toBe(1);
      const problems = await w.health.openProblems(COMPANY);
      expect(problems.map((p) => [p.channel, p.kind, p.summary])).toEqual([['ops', error, says]]);
      expect(printed().match(/Alerts to channel "ops" are held/g)).toHaveLength(1);
    });
  }

  it('delivers the held alert once fixed, and says so where it told of the problem', async () => {
    const { w, printed } = await worldWithBackup();
    world = w;
    w.fake.notIn.add(OPS);
    await w.poll([aFinding()], NOW);
    w.fake.notIn.delete(OPS);
    await w.deliver(new Date(NOW.getTime() + HOUR));

    expect(w.fake.channelMessages(OPS)).toHaveLength(1);
    expect(await w.health.openProblems(COMPANY)).toEqual([]);
    expect(printed()).toContain('Fixed: alerts to "ops" are flowing again');
    expect(printed()).toMatch(/RESOLVED/);
  });

  it('treats a slow-down as a wait, not a problem', async () => {
    const { w, printed } = await worldWithBackup();
    world = w;
    w.fake.fail('chat.postMessage', { status: 429, retryAfter: 5 });
    await w.poll([aFinding()], NOW);
    expect(await w.health.openProblems(COMPANY)).toEqual([]);
    expect(printed()).not.toContain('held');
  });

  it('probes a refusing channel with one message per back-off step, then delivers the backlog exactly once', async () => {
    const { w } = await worldWithBackup();
    world = w;
    w.fake.notIn.add(OPS);
    // 23 incidents, as a first poll of a real company makes: each one a parent for the channel.
    const findings = Array.from({ length: 23 }, (_, i) => aFinding({ key: `invoice:${2001 + i}`, groupKey: `g${i}` }));
    await w.poll(findings, NOW);
    const posts = () => w.fake.callsOf('chat.postMessage').filter((c) => c.args['channel'] === OPS).length;
    expect(posts()).toBe(1);

    // Three more polls a minute apart, and drains in between: each back-off step allows one probe.
    let at = NOW.getTime();
    let steps = 1;
    let nextProbe = at + backoffMs(1);
    for (let poll = 1; poll <= 4; poll++) {
      for (const t of [at + 20_000, at + 40_000, at + 60_000]) {
        await w.deliver(new Date(t));
        if (t >= nextProbe) {
          steps++;
          nextProbe = t + backoffMs(steps);
        }
      }
      at += 60_000;
      await w.poll(findings, new Date(at));
      if (at >= nextProbe) {
        steps++;
        nextProbe = at + backoffMs(steps);
      }
    }
    expect(posts()).toBe(steps);
    expect(steps).toBeLessThan(10);
    expect(w.fake.channelMessages(OPS)).toHaveLength(0);

    w.fake.notIn.delete(OPS);
    await w.deliver(new Date(at + 20 * MINUTE));
    await w.deliver(new Date(at + 40 * MINUTE));
    const parents = w.fake.channelMessages(OPS).filter((m) => !m.thread_ts);
    expect(parents).toHaveLength(23);
    expect(new Set(parents.map((m) => m.text)).size).toBe(23);
    expect(await w.store.pendingDeliveryCount('ops')).toBe(0);
  });
});
