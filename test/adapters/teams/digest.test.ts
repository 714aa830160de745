import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsDigestSender } from '../../../adapters/teams/digest-sender';
import { computeSnapshot } from '../../../src/digest/compute-snapshot';
import { viewWithHistory } from '../../../src/digest/run-digest';
import type { DigestSnapshot } from '../../../src/digest/snapshot';
import { COMPANY, ZONE } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { weekInput, WEEK12 } from '../../digest/history';
import { OPS } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

let world: TeamsWorld;
afterEach(async () => world?.close());

const view = (edit: (s: DigestSnapshot) => DigestSnapshot = (s) => s) =>
  viewWithHistory('Summit Comfort Services', ZONE, edit(computeSnapshot(weekInput(12))), [], WEEK12);
const chart = { png: Buffer.from('not sent'), fileName: 'chart.png' };

describe('the weekly digest in a Teams channel', () => {
  it('starts one new thread with the digest card', async () => {
    world = await teamsWorld([aRule('missing', { id: 'missing-invoice' })]);
    await world.install();
    const sender = createTeamsDigestSender({
      name: 'ops',
      channelId: OPS,
      companyId: COMPANY,
      transport: world.transport,
      conversations: world.conversations,
    });
    await sender.send(view(), chart);

    const threads = world.fake.threadsIn(OPS);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.activity['summary']).toBe(`Weekly sync digest — ${view().week}`);
    expect(cardLines(cardOf(threads[0]!.activity)).join('\n')).toContain('Summit Comfort Services');
  });

  it('puts what does not fit in the first card into replies in the same thread', async () => {
    world = await teamsWorld([aRule('missing', { id: 'missing-invoice' })]);
    await world.install();
    const huge = (s: DigestSnapshot): DigestSnapshot => ({
      ...s,
      moneyAtRisk: {
        ...s.moneyAtRisk,
        byLocation: Array.from({ length: 300 }, (_, i) => ({
          location: `Branch ${i + 1} ${'North Territory '.repeat(4)}`,
          cents: 1_000_000 - i,
        })),
      },
    });
    const sender = createTeamsDigestSender({
      name: 'ops',
      channelId: OPS,
      companyId: COMPANY,
      transport: world.transport,
      conversations: world.conversations,
    });
    await sender.send(view(huge), chart);
    const root = world.fake.threadsIn(OPS)[0]!;
    expect(world.fake.repliesIn(`${OPS};messageid=${root.id}`).length).toBeGreaterThan(0);
  });

  it('fails in a way worth retrying while the bot has not been added to the team', async () => {
    world = await teamsWorld([aRule('missing', { id: 'missing-invoice' })]);
    const sender = createTeamsDigestSender({
      name: 'ops',
      channelId: OPS,
      companyId: COMPANY,
      transport: world.transport,
      conversations: world.conversations,
    });
    await expect(sender.send(view(), chart)).rejects.toMatchObject({ code: 'channel.not_installed', retryable: true });
    expect(world.fake.apiCalls()).toEqual([]);
  });
});
