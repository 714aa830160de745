// The Bot Connector refuses a message over the size limit (413 MessageSizeTooBig) and an Adaptive
// Card that does not parse (400 BadArgument): the fake does the same, our cards pass, and a refusal
// reaches the operator as a named delivery error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudTransport } from '../../../adapters/teams/botbuilder/cloud-transport';
import { renderParentCard, renderThreadCard } from '../../../adapters/teams/cards/alert-card';
import { card, markCard, type AdaptiveCard } from '../../../adapters/teams/cards/elements';
import type { ConversationAddress, TeamsTransport } from '../../../adapters/teams/transport';
import { SentinelError } from '../../../src/domain/errors';
import { silentLogger } from '../../../src/ports/logger';
import { NOW } from '../../builders/clock';
import { anAlertView, aThreadUpdate } from '../../builders/notify';
import { ADAPTIVE_CARD, cardProblems, MAX_ACTIVITY_BYTES } from '../../fakes/teams/activity-rules';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';

const CHANNEL = '19:refusals@thread.tacv2';
const text = (t: string) => ({ type: 'TextBlock', text: t, wrap: true });

describe('the Bot Connector fake refuses what Teams refuses', () => {
  let fake: BotConnectorFake;
  let thread: string;
  beforeEach(async () => {
    fake = await new BotConnectorFake(() => NOW).start();
    fake.addTeam({ id: CHANNEL, name: 'Field Ops', channels: [{ id: CHANNEL }] });
    const created = await post('/v3/conversations', {
      isGroup: true,
      channelData: { channel: { id: CHANNEL } },
      activity: { type: 'message', text: 'root' },
    });
    thread = (created.body as { id: string }).id;
  });
  afterEach(() => fake.stop());

  async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }
  const reply = (content: unknown) =>
    post(`/v3/conversations/${encodeURIComponent(thread)}/activities`, {
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD, content }],
    });

  it('answers 413 MessageSizeTooBig for a message over the limit, and shows nothing', async () => {
    const answer = await reply(card([text('x'.repeat(MAX_ACTIVITY_BYTES))]));

    expect(answer).toEqual({ status: 413, body: { error: { code: 'MessageSizeTooBig', message: 'Message size too large.' } } });
    expect(fake.repliesIn(thread)).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['an element type Adaptive Cards do not have', card([{ type: 'Marquee', text: 'x' }]), /Unknown element type "Marquee"/],
    ['a colour outside the schema', card([{ ...text('x'), color: 'Purple' }]), /Invalid value "Purple" for property "color"/],
    ['an Action.OpenUrl without its url', card([text('x')], [{ type: 'Action.OpenUrl', title: 'Open' }]), /Property "url" must be set/],
    ['a card version that does not exist', { ...card([text('x')]), version: '9.5' }, /card version \(9\.5\) is not supported/],
    ['a payload that is not a card', { type: 'HeroCard', body: [] }, /Invalid or missing card type/],
  ])('answers 400 BadArgument for %s, naming what is wrong', async (_what, content, reason) => {
    const answer = await reply(content);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'BadArgument', message: expect.stringMatching(reason) } });
    expect(fake.repliesIn(thread)).toEqual([]);
  });

  it('takes the cards our renderer builds, even with every field at its longest', () => {
    const long = 'Ω'.repeat(5_000);
    const view = anAlertView('inc-long', {
      title: long,
      pathLine: long,
      fix: long,
      cause: long,
      locations: [long],
      acknowledgedBy: long,
      status: 'acknowledged',
    });
    const lines = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, summary: `${i} ${long}`, brokenHop: long, amountCents: i }));
    const cards: AdaptiveCard[] = [
      markCard(renderParentCard({ ...view, topFindings: lines }, NOW), 'sync-sentinel-acme-1'),
      markCard(renderThreadCard(aThreadUpdate('inc-long', { headline: long, lines, moreCount: 9 })), 'sync-sentinel-acme-2'),
    ];

    for (const c of cards) {
      expect(cardProblems(c)).toEqual([]);
      expect(
        Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: c }] })),
      ).toBeLessThan(MAX_ACTIVITY_BYTES);
    }
  });
});

describe('a card Teams refuses', () => {
  let fake: BotConnectorFake;
  let transport: TeamsTransport;
  let address: ConversationAddress;
  beforeEach(async () => {
    fake = await new BotConnectorFake(() => NOW).start();
    fake.addTeam({ id: CHANNEL, name: 'Field Ops', channels: [{ id: CHANNEL }] });
    transport = createCloudTransport({
      credentials: {},
      handler: { seen: async () => undefined, handle: async () => ({}) },
      log: silentLogger,
    });
    address = { serviceUrl: fake.serviceUrl, conversationId: CHANNEL, botId: '28:bot' };
  });
  afterEach(() => fake.stop());

  const failureOf = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err,
    );

  it('fails the post with Teams’ answer named, marked as not worth sending again unchanged', async () => {
    const failure = await failureOf(
      transport.startThread(address, { summary: 'too big', card: card([text('x'.repeat(MAX_ACTIVITY_BYTES))]) }),
    );

    expect(failure).toBeInstanceOf(SentinelError);
    expect((failure as SentinelError).message).toBe(
      `Teams refused start a thread in ${CHANNEL}: HTTP 413 MessageSizeTooBig (Message size too large.)`,
    );
    expect((failure as SentinelError).retryable).toBe(false);
    expect(fake.threadsIn(CHANNEL)).toEqual([]);
  });

  it('fails the post naming the card property Teams could not read', async () => {
    const failure = await failureOf(
      transport.startThread(address, { summary: 'bad card', card: card([{ ...text('x'), weight: 'Heavy' }]) }),
    );

    expect((failure as SentinelError).message).toMatch(
      /^Teams refused start a thread in .*: HTTP 400 BadArgument \(attachments\[0\]: invalid Adaptive Card: Invalid value "Heavy" for property "weight"\.\)$/,
    );
    expect(fake.threadsIn(CHANNEL)).toEqual([]);
  });
});
