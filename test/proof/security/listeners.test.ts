// Every inbound listener — QuickBooks webhooks, Jobber webhooks, the Slack HTTP receiver, the Teams
// bot endpoint — is sent what an attacker or a broken proxy sends: a body cut off, a body or header
// block that never ends, a body far over the limit, a wrong content type, malformed JSON, broken
// HTTP. None of it stops the process: no unhandled rejection, and each listener answers afterwards.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListenerLimits } from '../../../adapters/http-listener/listener-limits';
import { jobberWebhookRoute } from '../../../adapters/jobber/webhook';
import { startWebhookServer, type WebhookServer } from '../../../adapters/quickbooks/webhooks';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/slack-app';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { createTeamsRuntime, type TeamsRuntime } from '../../../adapters/teams/teams-runtime';
import { RecheckQueue } from '../../../adapters/vendor-http/recheck-queue';
import { startWebhookListener, type WebhookListener } from '../../../src/app/webhook-listener';
import { configSchema } from '../../../src/config/schema';
import { silentLogger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';
import { anInteractions } from '../../adapters/slack/interactions';
import { SECRET } from '../../adapters/slack/requests';
import { OPS } from '../../adapters/teams/activities';
import { COMPANY, ZONE } from '../../builders/incidents';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import {
  abortedBody,
  brokenHttp,
  complete,
  oversizedBody,
  slowBody,
  slowHeaders,
  type RawOutcome,
  type Target,
} from '../support/hostile-http';

// Short limits so a hung request is dropped within the test; production uses LISTENER_LIMITS.
const limits: ListenerLimits = { headersTimeoutMs: 400, requestTimeoutMs: 800 };
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

let qbo: WebhookServer;
let jobber: WebhookListener;
let slackFake: SlackApiFake;
let slack: SlackApp;
let teams: TeamsRuntime;
let storage: Storage;
const targets: Record<string, Target> = {};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  qbo = await startWebhookServer({
    verifierToken: 'v',
    sink: { enqueueWebhookEvents: async () => 0 },
    realms: new Set(['1']),
    port: 0,
    limits,
  });
  targets['QuickBooks webhooks'] = { port: Number(new URL(qbo.url).port), path: new URL(qbo.url).pathname };
  const route = jobberWebhookRoute({ path: '/webhooks/jobber/jobber', clientSecret: 's', queue: new RecheckQueue() });
  jobber = await startWebhookListener([route], { port: 0, host: '127.0.0.1', log: silentLogger, limits });
  targets['Jobber webhooks'] = { port: Number(new URL(jobber.url).port), path: route.path };
  slackFake = await new SlackApiFake().start();
  slack = createSlackApp({
    mode: 'http',
    botToken: slackFake.botToken,
    signingSecret: SECRET,
    apiUrl: slackFake.apiUrl,
    port: 0,
    limits,
    botId: 'B_BOT',
    botUserId: 'U_BOT',
    interactions: anInteractions(),
    log: silentLogger,
  });
  targets['Slack HTTP receiver'] = { port: (await slack.start()).port!, path: '/slack/events' };
  storage = openSqliteStorage(path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-listeners-')), 'sentinel.db'));
  const config = configSchema.parse({
    company: { id: COMPANY, time_zone: ZONE },
    sources: [{ id: 'fieldpro', type: 'files', path: 'upstream' }],
    channels: [{ type: 'teams', name: 'ops', channel_id: OPS, port: 0 }],
  });
  teams = createTeamsRuntime({ config, credentials: {}, store: storage.store, conversations: storage.conversations, log: silentLogger });
  targets['Teams bot endpoint'] = { port: (await teams.listen({ limits })).port, path: '/api/messages' };
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await qbo.close();
  await jobber.close();
  await slack.stop();
  await slackFake.stop();
  await teams.close();
  await storage.close();
});

const hostile: Array<[string, (t: Target) => Promise<RawOutcome>]> = [
  ['a body cut off mid-way', abortedBody],
  ['a body that never finishes', slowBody],
  ['a header block that never finishes', slowHeaders],
  ['a 6 MB body', (t) => oversizedBody(t, 6 * 1024 * 1024)],
  ['a wrong content type', (t) => complete(t, 'text/plain', 'hello')],
  ['malformed JSON', (t) => complete(t, 'application/json', '{"type": "message", "text": ')],
  ['JSON nested ten thousand deep', (t) => complete(t, 'application/json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
  ['broken HTTP', brokenHttp],
];

const stillAnswers = async (t: Target) => (await complete(t, 'application/json', '{}')).status;

describe('every listener survives every request', () => {
  for (const listener of ['QuickBooks webhooks', 'Jobber webhooks', 'Slack HTTP receiver', 'Teams bot endpoint']) {
    for (const [what, send] of hostile) {
      it(`${listener}: ${what} gets no server error and the listener answers the next request`, async () => {
        const t = targets[listener]!;
        const outcome = await send(t);
        if (outcome.status !== undefined) expect(outcome.status).toBeLessThan(500);
        await new Promise((r) => setImmediate(r));
        expect(await stillAnswers(t)).toBeGreaterThanOrEqual(200);
        expect(unhandled).toEqual([]);
      }, 15_000);
    }
  }

  it('a hung header block or body is dropped with 408 once the limit passes, not held open for minutes', async () => {
    for (const t of Object.values(targets)) {
      expect((await slowHeaders(t)).status).toBe(408);
      expect([408, undefined]).toContain((await slowBody(t)).status);
    }
  }, 30_000);
});

describe('where listeners bind', () => {
  it('binds every listener to 127.0.0.1 unless the config names a host', () => {
    const config = configSchema.parse({
      company: { id: COMPANY, time_zone: ZONE },
      sources: [{ id: 'books', type: 'quickbooks', realm_id: '1', webhooks: {} }],
      channels: [
        { type: 'teams', name: 'ops', channel_id: OPS },
        { type: 'slack', name: 'alerts', channel_id: 'C0123456789', receiver: 'http' },
      ],
    });
    const hosts = config.channels.map((c) => ('host' in c ? c.host : undefined));
    const books = config.sources[0] as { webhooks?: { host: string } };
    expect([...hosts, books.webhooks?.host, config.webhooks.host]).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    expect(new URL(qbo.url).hostname).toBe('127.0.0.1');
  });

  it('refuses to start the Teams endpoint without authentication on an address other machines can reach', async () => {
    const config = configSchema.parse({
      company: { id: COMPANY, time_zone: ZONE },
      sources: [{ id: 'fieldpro', type: 'files', path: 'upstream' }],
      channels: [{ type: 'teams', name: 'ops', channel_id: OPS, port: 0, host: '0.0.0.0' }],
    });
    const open = createTeamsRuntime({
      config,
      credentials: {},
      store: storage.store,
      conversations: storage.conversations,
      log: silentLogger,
    });
    await expect(open.listen()).rejects.toThrow(/listen on 0\.0\.0\.0 without authentication.*MICROSOFT_APP_ID/);
    await open.close();
  });
});
