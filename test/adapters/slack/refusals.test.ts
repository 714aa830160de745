// Slack refuses messages it cannot show (HTTP 200, ok:false): the fake does the same, our alerts
// pass, and a refusal reaches the operator as a named delivery error, never a silent drop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPacer } from '../../../adapters/slack/pacer';
import { renderParent, renderThread } from '../../../adapters/slack/render-alert';
import { createSlackChannel } from '../../../adapters/slack/slack-channel';
import { createWebClient, type SlackWebClient } from '../../../adapters/slack/web-client';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { drainChannel } from '../../../src/notify/deliver';
import { NOW, after } from '../../builders/clock';
import { anAlertView, aThreadUpdate } from '../../builders/notify';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { aCycle, aDraft } from '../storage/builders';

const CHANNEL = 'C0REFUSE1';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, action_id = 'press') => ({ type: 'button', text: { type: 'plain_text', text }, action_id, value: '1' });

describe('the Slack fake refuses what chat.postMessage refuses', () => {
  let fake: SlackApiFake;
  let client: SlackWebClient;
  beforeEach(async () => {
    fake = await new SlackApiFake().start();
    client = createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 });
  });
  afterEach(() => fake.stop());

  const refusalOf = (args: Record<string, unknown>, method: 'postMessage' | 'update' = 'postMessage') =>
    client.apiCall(`chat.${method}`, args).then(
      () => 'accepted',
      (err: { data?: { error?: string; errors?: string[] } }) =>
        `${err.data?.error}${err.data?.errors ? ` ${err.data.errors.join(' | ')}` : ''}`,
    );

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['neither text nor blocks', { channel: CHANNEL }, /^no_text$/],
    ['text over 40,000 characters', { channel: CHANNEL, text: 'x'.repeat(40_001) }, /^msg_too_long$/],
    ['no channel', { text: 'hello' }, /^invalid_arguments$/],
    [
      '51 blocks',
      { channel: CHANNEL, text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      /^invalid_blocks no more than 50 items/,
    ],
    [
      'section text of 3,001 characters',
      { channel: CHANNEL, text: 't', blocks: [section('x'.repeat(3001))] },
      /invalid_blocks must be less than 3001 characters \[json-pointer:\/blocks\/0\/text\/text\]/,
    ],
    [
      'a header of 151 characters',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] },
      /invalid_blocks must be less than 151/,
    ],
    [
      'a mrkdwn header',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] },
      /invalid_blocks must be plain_text/,
    ],
    [
      'button text of 76 characters',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] },
      /invalid_blocks must be less than 76/,
    ],
    [
      'two buttons with one action_id',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'actions', elements: [button('a'), button('b')] }] },
      /invalid_blocks action_id must be unique/,
    ],
    [
      'an action_id of 256 characters',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'actions', elements: [button('a', 'i'.repeat(256))] }] },
      /invalid_blocks must be less than 256/,
    ],
    [
      'two blocks with one block_id',
      {
        channel: CHANNEL,
        text: 't',
        blocks: [
          { ...section('a'), block_id: 'b1' },
          { ...section('b'), block_id: 'b1' },
        ],
      },
      /block_id must be unique/,
    ],
    [
      'an unknown block type',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'banner', text: 'x' }] },
      /invalid_blocks unsupported type: banner/,
    ],
    [
      'a section without text or fields',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'section' }] },
      /invalid_blocks must provide either text or fields/,
    ],
    [
      'an image without alt_text',
      { channel: CHANNEL, text: 't', blocks: [{ type: 'image', image_url: 'https://example.test/a.png' }] },
      /invalid_blocks missing required field: alt_text/,
    ],
  ])('answers a message with %s as Slack does', async (_what, args, expected) => {
    expect(await refusalOf(args)).toMatch(expected);
    expect(fake.messages).toEqual([]);
  });

  it('refuses an update without the message’s ts, and one whose blocks break the limits', async () => {
    const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: 'first' });

    expect(await refusalOf({ channel: CHANNEL, text: 'edited' }, 'update')).toBe('invalid_arguments');
    expect(await refusalOf({ channel: CHANNEL, ts, text: 'edited', blocks: [section('x'.repeat(3001))] }, 'update')).toMatch(
      /^invalid_blocks/,
    );
    expect(fake.messages.map((m) => m.text)).toEqual(['first']);
  });

  it('refuses an App Home over 100 blocks, and an upload without its length or files', async () => {
    const call = (method: string, args: Record<string, unknown>) =>
      client.apiCall(method, args).then(
        () => 'accepted',
        (err: { data?: { error?: string } }) => err.data?.error,
      );

    expect(
      await call('views.publish', {
        user_id: 'U1',
        view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      }),
    ).toBe('invalid_blocks');
    expect(
      await call('views.publish', {
        user_id: 'U1',
        view: { type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) },
      }),
    ).toBe('accepted');
    expect(await call('files.getUploadURLExternal', { filename: 'records.csv' })).toBe('invalid_arguments');
    expect(await call('files.completeUploadExternal', { channel_id: CHANNEL, files: [] })).toBe('invalid_arguments');
  });

  it('takes the alerts our renderer builds, even with every field at its longest', async () => {
    const long = 'Ω'.repeat(5_000);
    const view = anAlertView('inc-long', {
      title: long,
      pathLine: long,
      fix: long,
      cause: long,
      locations: [long, long],
      topFindings: Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, summary: `${i} ${long}`, brokenHop: long, amountCents: i })),
    });
    const parent = renderParent(view, NOW);
    const reply = renderThread(aThreadUpdate('inc-long', { headline: long, lines: view.topFindings, moreCount: 3 }));

    const posted = (await client.chat.postMessage({ channel: CHANNEL, ...parent })) as { ts: string };
    await client.chat.postMessage({ channel: CHANNEL, thread_ts: posted.ts, ...reply });

    expect(fake.refusals).toEqual([]);
    expect(fake.messages).toHaveLength(2);
  });
});

describe('a message Slack refuses', () => {
  let fake: SlackApiFake;
  let store: SqliteStore;
  beforeEach(async () => {
    fake = await new SlackApiFake().start();
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
    await fake.stop();
  });

  const channel = () =>
    createSlackChannel({
      name: 'ops-slack',
      channelId: CHANNEL,
      client: createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 }),
      pacer: createPacer({ intervalMs: () => 0, now: () => NOW.getTime() }),
      now: () => NOW,
    });

  it('stays in the outbox with Slack’s answer named, and goes out once Slack takes it', async () => {
    await store.commitCycle('acme-hvac', aCycle({ outbox: [aDraft({ createdAt: NOW.toISOString() })] }));
    fake.fail('chat.postMessage', { error: 'msg_too_long' });
    const errors: string[] = [];

    const first = await drainChannel(store, channel(), { now: () => NOW, onError: (_item, message) => errors.push(message) });

    expect(first).toMatchObject({ delivered: 0, retried: 1, pending: 1 });
    expect(errors).toEqual(['Slack refused chat.postMessage for channel "ops-slack" (C0REFUSE1): msg_too_long']);
    const [waiting] = await store.claimDeliveries('ops-slack', after(60 * 60_000).toISOString(), 1);
    expect(waiting?.lastError).toContain('msg_too_long');
    await store.markRetry(waiting!.id, waiting!.lastError!, NOW.toISOString());

    await drainChannel(store, channel(), { now: () => after(60 * 60_000) });
    expect(fake.channelMessages(CHANNEL)).toHaveLength(1);
  });

  it('goes out as plain text when Slack refuses its blocks, so the alert still reaches the channel', async () => {
    await store.commitCycle('acme-hvac', aCycle({ outbox: [aDraft({ createdAt: NOW.toISOString() })] }));
    fake.fail('chat.postMessage', { error: 'invalid_blocks' });

    const result = await drainChannel(store, channel(), { now: () => NOW });

    expect(result).toMatchObject({ delivered: 1, pending: 0 });
    const [shown] = fake.channelMessages(CHANNEL);
    expect(shown?.text).toContain('Invoices late to QuickBooks');
    expect(shown?.blocks).toEqual([]);
  });
});
