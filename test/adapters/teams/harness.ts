// Drives the product's own poll cycle from what a poll found (decideAndCommit: lifecycle, classifier, planner,
// one SQLite commit) and the delivery worker into the real Teams adapter: botbuilder's CloudAdapter against the fake Bot Connector, and the bot's
// /api/messages endpoint on 127.0.0.1 for inbound activities. One `poll` = one poll cycle.
import { mkdtempSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runIncidentCommand } from '../../../src/commands/incident-commands';
import { answerStatusQuery } from '../../../src/commands/status-answer';
import { configSchema, type Config } from '../../../src/config/schema';
import type { Finding } from '../../../src/domain/finding';
import { drainChannel, recoverInFlight } from '../../../src/notify/deliver';
import { guardChannel } from '../../../src/notify/guard-channel';
import { createConsoleChannel } from '../../../adapters/console/console-channel';
import type { ChannelPort } from '../../../src/ports/channel';
import type { ConversationStore } from '../../../src/ports/conversation-store';
import { silentLogger, type Logger } from '../../../src/ports/logger';
import type { Rule } from '../../../src/rules/schema';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import type { StorePort } from '../../../src/ports/store';
import { createCloudTransport } from '../../../adapters/teams/botbuilder/cloud-transport';
import { graphTokenSource, type AuthEndpoints, type TeamsCredentials } from '../../../adapters/teams/botbuilder/auth';
import { createChannelMessageReader } from '../../../adapters/teams/graph/channel-messages';
import { createTeamsBot } from '../../../adapters/teams/teams-bot';
import { createTeamsChannel } from '../../../adapters/teams/teams-channel';
import type { TeamsTransport } from '../../../adapters/teams/transport';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { COMPANY, ZONE } from '../../builders/incidents';
import { pollFound } from '../../builders/poll';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { installedInTeam, OPS, TEAM } from './activities';

export interface TeamsWorld {
  fake: BotConnectorFake;
  store: StorePort;
  /** The SQLite file behind `store`, for tests that read the outbox as it is on disk. */
  file: string;
  conversations: ConversationStore;
  transport: TeamsTransport;
  /** The Teams channel, guarded by channel health as boot does. */
  channel: ChannelPort;
  /** A console channel beside it: where held-alert notices about Teams show up. */
  console: { channel: ChannelPort; text(): string };
  config: Config;
  botUrl: string;
  /** POSTs an activity to /api/messages (with a bearer token when given). */
  send(activity: Record<string, unknown>, token?: string): Promise<{ status: number; body: unknown }>;
  install(): Promise<void>;
  poll(findings: Finding[], now: Date, opts?: { deliver?: boolean }): Promise<void>;
  deliver(now: Date): Promise<void>;
  /** A new process on the same database: recovery first, as the service does at start. */
  restart(now: Date): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  credentials?: TeamsCredentials;
  credentialsFactory?: ServiceClientCredentialsFactory;
  endpoints?: AuthEndpoints;
  fake?: BotConnectorFake;
  allow?: Array<Record<string, unknown>>;
  /** Where the channel's warnings go (silent by default). */
  log?: Logger;
}

export async function teamsWorld(rules: Rule[], opts: WorldOptions = {}): Promise<TeamsWorld> {
  let clock = new Date();
  const now = () => clock;
  const fake = opts.fake ?? (await new BotConnectorFake(now).start());
  fake.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: OPS, name: 'sync-alerts' }] });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-teams-')), 'sentinel.db');
  const config = configSchema.parse({
    company: { id: COMPANY, time_zone: ZONE },
    sources: [{ id: 'fieldpro', type: 'files', path: 'upstream' }],
    channels: [
      { type: 'teams', name: 'ops', channel_id: OPS },
      { type: 'console', name: 'console' },
    ],
    incidents: { resolve_after_clean_polls: 2 },
    actions: { allow: opts.allow ?? [] },
  });
  let storage = openSqliteStorage(file);
  let { store, conversations } = storage;

  const build = () => {
    const bot = createTeamsBot({
      companyId: COMPANY,
      authenticated: Boolean(opts.credentials?.appId?.trim()),
      conversations,
      store,
      log: silentLogger,
      now,
      command: (ref, action, actor) =>
        runIncidentCommand({ config, store, rules, channels: ['ops', 'console'], now }, ref, action, actor).then(
          async (r) => (await world.deliver(clock), r),
        ),
      answer: (query) => answerStatusQuery({ config, store, now }, query),
      heldProblems: () => storage.health.openProblems(COMPANY),
      // As the runtime does through the service: a reinstall sends the channel's held alerts at once.
      installed: (ids) => {
        if (ids.includes(OPS)) void store.retryHeldNow('ops', clock.toISOString()).then(() => world.deliver(clock));
      },
    });
    const transport = createCloudTransport({
      credentials: opts.credentials ?? {},
      ...(opts.endpoints ? { endpoints: opts.endpoints } : {}),
      ...(opts.credentialsFactory ? { credentialsFactory: opts.credentialsFactory } : {}),
      handler: bot,
      log: silentLogger,
    });
    const { health } = storage;
    const guard = (c: ChannelPort) => guardChannel(c, { health, channels: ['ops', 'console'], now, log: silentLogger });
    // With an identity of its own the bot reads the channel through Graph (served by the fake too).
    const graphToken = opts.credentialsFactory ? graphTokenSource(opts.credentials ?? {}, fake.url, opts.credentialsFactory) : undefined;
    const reader = graphToken ? createChannelMessageReader({ graphUrl: fake.url, token: graphToken }) : undefined;
    const channel = guard(
      createTeamsChannel({
        name: 'ops',
        channelId: OPS,
        companyId: COMPANY,
        transport,
        conversations,
        ...(reader ? { reader } : {}),
        log: opts.log ?? silentLogger,
        now,
      }),
    );
    const consoleChannel = guard(createConsoleChannel({ name: 'console', out: sink, now }));
    return { transport, channel, consoleChannel };
  };

  let printed = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      printed += chunk.toString();
      done();
    },
  });
  let built = build();
  const server: Server = createServer((req, res) => void world.transport.handleHttp(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

  const world: TeamsWorld = {
    fake,
    store,
    file,
    conversations,
    transport: built.transport,
    channel: built.channel,
    console: { channel: built.consoleChannel, text: () => printed },
    config,
    botUrl,
    async send(activity, token) {
      const res = await fetch(botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text
      }
      return { status: res.status, body };
    },
    async install() {
      const res = await world.send(installedInTeam(fake.serviceUrl));
      if (res.status >= 300) throw new Error(`install answered ${res.status}`);
    },
    async poll(findings, at, o = {}) {
      clock = at;
      await pollFound({ config, rules, store, channels: ['ops', 'console'] }, findings, at);
      if (o.deliver !== false) await world.deliver(at);
    },
    async deliver(at) {
      clock = at;
      await drainChannel(store, world.channel, { now });
      await drainChannel(store, world.console.channel, { now });
    },
    async restart(at) {
      clock = at;
      await storage.close();
      storage = openSqliteStorage(file);
      ({ store, conversations } = storage);
      built = build();
      Object.assign(world, {
        store,
        conversations,
        transport: built.transport,
        channel: built.channel,
        console: { channel: built.consoleChannel, text: () => printed },
      });
      await recoverInFlight(store, world.channel, at);
      await recoverInFlight(store, world.console.channel, at);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
      await fake.stop();
    },
  };
  return world;
}
