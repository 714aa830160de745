// The Graph lookup on its own: pages, the time bound on thread roots, and Graph's refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/domain/errors';
import {
  createChannelMessageReader,
  GRAPH_FORBIDDEN,
  type ChannelMessageReader,
  type GraphChannel,
} from '../../../adapters/teams/graph/channel-messages';
import { BotConnectorFake, type FakeTeam } from '../../fakes/teams/bot-connector-fake';

const CHANNEL = '19:graph-reader@thread.tacv2';
const T0 = Date.parse('2026-11-02T09:00:00Z');
const minute = (n: number) => new Date(T0 + n * 60_000).toISOString();
const cardWith = (id: string) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'RichTextBlock', id, inlines: [] }] },
});

let fake: BotConnectorFake;
let reader: ChannelMessageReader;
let where: GraphChannel;
beforeEach(async () => {
  fake = await new BotConnectorFake().start();
  const team: FakeTeam = { id: '19:team@thread.tacv2', name: 'Field Ops', channels: [{ id: CHANNEL }] };
  fake.addTeam(team);
  where = { groupId: fake.groupIdOf(team), channelId: CHANNEL };
  reader = createChannelMessageReader({ graphUrl: fake.url, token: async () => fake.graphToken });
});
afterEach(async () => fake.stop());

/** A thread root last changed at `changed` minutes, carrying `marker`. */
function root(id: number, marker: string, changed: number): void {
  fake.messages.push({
    id: String(id),
    conversationId: `${CHANNEL};messageid=${id}`,
    activity: { type: 'message', attachments: [cardWith(marker)] },
    edits: 0,
    createdAt: minute(changed),
    modifiedAt: minute(changed),
  });
}

describe('finding a card through Microsoft Graph', () => {
  it('walks the pages of thread roots, newest change first, until it finds the marker', async () => {
    for (let i = 0; i < 120; i++) root(1000 + i, `other-${i}`, i);
    root(5000, 'sync-sentinel-acme-42', -5); // the oldest change of all, still after `since`
    expect(await reader.findRoot(where, 'sync-sentinel-acme-42', new Date(minute(-10)))).toBe('5000');
    expect(fake.graphCalls()).toHaveLength(3);
  });

  it('stops at the first root changed before the item was planned: it cannot be the post', async () => {
    for (let i = 0; i < 120; i++) root(1000 + i, `other-${i}`, i);
    expect(await reader.findRoot(where, 'sync-sentinel-acme-42', new Date(minute(100)))).toBeNull();
    expect(fake.graphCalls()).toHaveLength(1);
  });

  it('does not take a marker that is only part of another id, or text outside a card element id', async () => {
    root(1, 'sync-sentinel-acme-420', 1);
    fake.messages.push({
      id: '2',
      conversationId: `${CHANNEL};messageid=2`,
      activity: { type: 'message', text: 'sync-sentinel-acme-42' },
      edits: 0,
      createdAt: minute(2),
      modifiedAt: minute(2),
    });
    expect(await reader.findRoot(where, 'sync-sentinel-acme-42', new Date(minute(0)))).toBeNull();
  });

  it('finds a reply in a long thread', async () => {
    root(1, 'root', 0);
    for (let i = 0; i < 70; i++) {
      fake.messages.push({
        id: String(2000 + i),
        conversationId: `${CHANNEL};messageid=1`,
        activity: { type: 'message', attachments: [cardWith(`reply-${i}`)] },
        edits: 0,
        createdAt: minute(i + 1),
        modifiedAt: minute(i + 1),
      });
    }
    expect(await reader.findReply(where, '1', 'reply-3')).toBe('2003');
    expect(await reader.findReply(where, '1', 'reply-99')).toBeNull();
  });

  it('says what to grant when the team has not consented, and waits when Graph is unavailable', async () => {
    root(1, 'x', 0);
    fake.graphConsent = false;
    const refused = await reader.findRoot(where, 'x', new Date(minute(-1))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SentinelError);
    expect((refused as SentinelError).code).toBe(GRAPH_FORBIDDEN);
    expect((refused as SentinelError).message).toMatch(/ChannelMessage\.Read\.Group/);

    fake.graphConsent = true;
    fake.fail({ op: 'graphListMessages', status: 503, retryAfter: 7, times: 1 });
    const busy = (await reader.findRoot(where, 'x', new Date(minute(-1))).catch((e: unknown) => e)) as SentinelError;
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterSeconds).toBe(7);
    expect(await reader.findRoot(where, 'x', new Date(minute(-1)))).toBe('1');
  });

  it('is refused with a token that is not Graph’s', async () => {
    const wrong = createChannelMessageReader({ graphUrl: fake.url, token: async () => 'fake-bot-token' });
    const err = (await wrong.findRoot(where, 'x', new Date(0)).catch((e: unknown) => e)) as SentinelError;
    expect(err.code).toBe(GRAPH_FORBIDDEN);
  });
});
