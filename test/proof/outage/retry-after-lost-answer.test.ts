// The two retry paths that met in one merge: a retried alert is looked up before it is sent again
// (so a post whose answer was lost is not doubled), and a thread whose parent was deleted by hand is
// started over. A reply that failed once, into a thread deleted meanwhile, must take the second path.
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from '../../adapters/slack/harness';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
const one = aFinding({ key: 'invoice:1043', amountCents: 10_000 });
const two = aFinding({
  key: 'invoice:1045',
  amountCents: 20_000,
  summary: 'Invoice 1045 ($200.00, Ann Lee) not in QuickBooks after 4 days',
});
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

let world: SlackWorld;
afterEach(async () => world?.close());

describe('a retried reply', () => {
  it('is not posted twice when its first answer was lost, and starts a new thread when the parent is gone', async () => {
    world = await slackWorld([rule]);
    await world.poll([one], at(0));
    // The reply's first attempt fails after Slack may have acted; meanwhile someone deletes the parent.
    world.fake.fail('chat.postMessage', { status: 500 });
    await world.poll([one, two], at(1));
    const first = world.fake.channelMessages(OPS)[0]!;
    world.fake.messages.splice(world.fake.messages.indexOf(first), 1);

    await world.deliver(at(2));

    const parents = world.fake.channelMessages(OPS);
    expect(parents).toHaveLength(1);
    expect(parents[0]!.ts).not.toBe(first.ts);
    expect(world.fake.threadOf(OPS, parents[0]!.ts).map((m) => m.text)).toEqual(['#1 1 new record']);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('is found instead of posted again when Slack posted it but the answer was lost', async () => {
    world = await slackWorld([rule]);
    await world.poll([one], at(0));
    await world.poll([one, two], at(1), { deliver: false });
    // Slack carries out the post; the answer never arrives (as a reset after the fact would look).
    const realAnswer = world.fake['answer'].bind(world.fake);
    let lose = true;
    (world.fake as unknown as { answer: typeof realAnswer })['answer'] = (method, args) => {
      const result = realAnswer(method, args);
      if (method === 'chat.postMessage' && lose) {
        lose = false;
        return { ok: false, error: 'internal_error' };
      }
      return result;
    };
    await world.deliver(at(1));
    await world.deliver(at(2));

    const thread = world.fake.threadOf(OPS, world.fake.channelMessages(OPS)[0]!.ts);
    expect(thread.map((m) => m.text)).toEqual(['#1 1 new record']);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(0);
  });
});
