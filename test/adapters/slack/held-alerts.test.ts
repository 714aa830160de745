// A channel that refused alerts (the app was not in it) holds them in the outbox with backoff. When
// someone invites the app back, Slack sends member_joined_channel for the bot: the held alerts go out
// at once instead of after up to 15 minutes. Someone else joining changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { slackAppWorld, type AppWorld } from './app-world';
import { OPS } from './harness';
import { eventBody, settled } from './requests';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
let w: AppWorld;
afterEach(async () => w?.close());

describe('alerts held by a channel the app was removed from', () => {
  it('go out as soon as the app is invited back', async () => {
    w = await slackAppWorld([rule], { now: NOW });
    w.world.fake.notIn.add(OPS);
    await w.world.poll([aFinding()], NOW);
    expect(w.world.fake.channelMessages(OPS)).toHaveLength(0);
    expect(await w.world.store.pendingDeliveryCount('ops')).toBe(1);

    w.world.fake.notIn.delete(OPS);
    const joined = (user: string) =>
      w.post(eventBody({ type: 'member_joined_channel', user, channel: OPS, channel_type: 'C', team: 'T1', event_ts: '1.000200' }), {
        type: 'application/json',
      });

    expect((await joined('U_ANN')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.world.fake.channelMessages(OPS)).toHaveLength(0);

    expect((await joined('U_BOT')).status).toBe(200);
    // The message lands before the worker marks its outbox row delivered: wait for the row, the later of the two.
    await settled(async () => (await w.world.store.pendingDeliveryCount('ops')) === 0);
    expect(w.world.fake.channelMessages(OPS)).toHaveLength(1);
    expect(w.world.fake.channelMessages(OPS)[0]!.text).toMatch(/Invoice missing from QuickBooks/);
    // The message lands before the worker marks it delivered: wait for that too.
    for (let i = 0; i < 1500 && (await w.world.store.pendingDeliveryCount('ops')) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await w.world.store.pendingDeliveryCount('ops')).toBe(0);
  });
});
