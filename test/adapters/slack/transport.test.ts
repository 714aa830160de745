import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../adapters/slack/action-ids';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/slack-app';
import { silentLogger } from '../../../src/ports/logger';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { SocketModeFake } from '../../fakes/slack/socket-mode-fake';
import { anInteractions } from './interactions';
import { buttonBody, SECRET, settled, signedPost, slashBody } from './requests';

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.reverse()) await s();
  stops = [];
});

async function httpApp(interactions = anInteractions()) {
  const fake = await new SlackApiFake().start();
  const slack = createSlackApp({
    mode: 'http',
    botToken: fake.botToken,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    botId: 'B_BOT',
    botUserId: 'U_BOT',
    interactions,
    log: silentLogger,
  });
  const { port } = await slack.start();
  stops.push(
    () => fake.stop(),
    () => slack.stop(),
  );
  const post = (body: string, sign: { secret?: string; ts?: number } = {}) => signedPost(port!, body, sign);
  return { fake, slack, post, interactions };
}

describe('the HTTP receiver', () => {
  it('answers a correctly signed /sync-status, only to the person who asked', async () => {
    const { fake, post } = await httpApp();
    const res = await post(slashBody(fake, 'severity:high'));
    expect(res.status).toBe(200);
    await settled(() => fake.responses.length > 0);
    expect(fake.responses[0]!.body['response_type']).toBe('ephemeral');
    expect(fake.responses[0]!.body['text']).toBe('Sync health: healthy');
  });

  it('shares the answer with the channel when asked for public', async () => {
    const { fake, post } = await httpApp();
    await post(slashBody(fake, 'public'));
    await settled(() => fake.responses.length > 0);
    expect(fake.responses[0]!.body['response_type']).toBe('in_channel');
  });

  it('takes a correctly signed button press', async () => {
    const { fake, post, interactions } = await httpApp();
    const res = await post(buttonBody(fake, ACTIONS.snoozeWeek, '7'));
    expect(res.status).toBe(200);
    await settled(() => fake.responses.length > 0);
    expect(interactions.log).toEqual(['act 7 snooze by ann']);
    expect(fake.responses[0]!.body['text']).toBe('no incident 7 in this stub');
  });

  it('rejects a forged request and one signed with the wrong secret or too long ago', async () => {
    const { fake, post, interactions } = await httpApp();
    expect((await post(buttonBody(fake, ACTIONS.acknowledge, '7'), { secret: 'guessed' })).status).toBe(401);
    expect((await post(slashBody(fake, ''), { ts: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect(interactions.log).toEqual([]);
    expect(fake.responses).toEqual([]);
  });
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open with the app token and answers over the socket', async () => {
    const fake = await new SlackApiFake().start();
    const socket = await new SocketModeFake().start(fake);
    const interactions = anInteractions();
    const slack: SlackApp = createSlackApp({
      mode: 'socket',
      botToken: fake.botToken,
      appToken: fake.appToken,
      apiUrl: fake.apiUrl,
      botId: 'B_BOT',
      botUserId: 'U_BOT',
      interactions,
      log: silentLogger,
    });
    stops.push(
      () => fake.stop(),
      () => socket.stop(),
      () => slack.stop(),
    );
    await slack.start();
    await socket.whenConnected();
    expect(fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual([fake.appToken]);

    const ack = await socket.send('slash_commands', Object.fromEntries(new URLSearchParams(slashBody(fake, 'help'))));
    expect(ack.envelope_id).toBe('env-1');
    await settled(() => fake.responses.length > 0);
    expect(fake.responses[0]!.body['text']).toBe('Sync health: healthy');

    await socket.send(
      'interactive',
      JSON.parse(new URLSearchParams(buttonBody(fake, ACTIONS.acknowledge, '3')).get('payload')!) as Record<string, unknown>,
    );
    await settled(() => interactions.log.length > 1);
    expect(interactions.log).toContain('act 3 acknowledge by ann');
  });

  it('refuses to start without an app token, and says where to get one', () => {
    expect(() => createSlackApp({ mode: 'socket', botToken: 'xoxb', interactions: anInteractions(), log: silentLogger })).toThrow(
      /SLACK_APP_TOKEN.*connections:write/,
    );
  });
});
