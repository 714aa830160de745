// Requests to the Slack HTTP receiver that Slack did not sign — a forged signature, a replay of a
// signed request minutes later, a body changed after signing, no signature at all — are refused
// before any handler runs: no answer is posted, no incident command is carried out.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/slack-app';
import { silentLogger } from '../../../src/ports/logger';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { anInteractions } from '../../adapters/slack/interactions';
import { buttonBody, SECRET, settled, signedPost, slashBody } from '../../adapters/slack/requests';
import { ACTIONS } from '../../../adapters/slack/action-ids';

let fake: SlackApiFake;
let slack: SlackApp;
let port: number;
const interactions = anInteractions();

beforeAll(async () => {
  fake = await new SlackApiFake().start();
  slack = createSlackApp({
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
  port = (await slack.start()).port!;
});
afterAll(async () => {
  await slack.stop();
  await fake.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const raw = (body: string, headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
const sign = (secret: string, ts: number, body: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('the Slack HTTP receiver refuses what Slack did not sign', () => {
  const ack = () => buttonBody(fake, ACTIONS.acknowledge, 'inc-1');
  const cases: Array<[string, () => Promise<Response>]> = [
    ['a signature made with another secret', () => signedPost(port, slashBody(fake, 'high'), { secret: 'guessed-secret' })],
    ['a correctly signed request replayed six minutes later', () => signedPost(port, slashBody(fake, 'high'), { ts: now() - 6 * 60 })],
    [
      'a body changed after signing',
      () => {
        const ts = now();
        return raw(slashBody(fake, 'high public'), {
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(SECRET, ts, slashBody(fake, 'high')),
        });
      },
    ],
    ['no signature headers', () => raw(slashBody(fake, 'high'), {})],
    [
      'a signature that is not hex',
      () => raw(slashBody(fake, 'high'), { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=not-hex-at-all' }),
    ],
    ['a forged button press', () => signedPost(port, ack(), { secret: 'guessed-secret' })],
  ];
  for (const [what, send] of cases) {
    it(`refuses ${what}`, async () => {
      const before = interactions.log.length;
      const res = await send();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      // Give a handler that wrongly ran the time to act.
      await new Promise((r) => setTimeout(r, 100));
      expect(interactions.log.slice(before)).toEqual([]);
      expect(fake.responses).toEqual([]);
    });
  }

  it('still answers a correctly signed request (the refusals above are not a broken receiver)', async () => {
    const res = await signedPost(port, slashBody(fake, 'high'));
    expect(res.status).toBe(200);
    await settled(() => fake.responses.length > 0);
    expect(interactions.log).toContain('status high');
  });
});
