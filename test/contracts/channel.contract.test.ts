// The channel contract, run for every chat the config can name: the console, Slack on the fake Web
// API, Teams through botbuilder on the fake Bot Connector.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createConsoleChannel } from '../../adapters/console/console-channel';
import { createPacer } from '../../adapters/slack/pacer';
import { createSlackChannel } from '../../adapters/slack/slack-channel';
import { createWebClient } from '../../adapters/slack/web-client';
import { openSqliteStore } from '../../adapters/storage/sqlite-store';
import { createTeamsStore } from '../../adapters/storage/teams-store';
import { createCloudTransport } from '../../adapters/teams/botbuilder/cloud-transport';
import { createTeamsChannel } from '../../adapters/teams/teams-channel';
import { silentLogger } from '../../src/ports/logger';
import { NOW } from '../builders/clock';
import { COMPANY } from '../builders/incidents';
import { SlackApiFake } from '../fakes/slack/slack-api-fake';
import { BotConnectorFake, type FakeMessage } from '../fakes/teams/bot-connector-fake';
import { describeChannelContract } from './channel-contract';

describeChannelContract('console', async () => {
  let printed = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      printed += chunk.toString();
      done();
    },
  });
  // The console prints a parent between two rules, an edit as "✎ #N updated" with the new text, a reply under "↳".
  const all = (re: RegExp) => [...printed.matchAll(re)].map((m) => m[1]!);
  return {
    channel: createConsoleChannel({ name: 'console', out, now: () => NOW }),
    async parents() {
      const posted = all(/━{72}\n([\s\S]*?)\n━{72}/g);
      const edits = all(/✎ #\d+ updated\n((?: {2}.*(?:\n|$))*)/g);
      // An edit replaces what the parent shows, as a chat would.
      return edits.length > 0 ? [...posted.slice(0, -1), edits.at(-1)!] : posted;
    },
    async replies() {
      return all(/↳[^\n]*\n((?: {4}.*(?:\n|$))*)/g);
    },
    close: async () => undefined,
  };
});

const SLACK_CHANNEL = 'C0CONTRACT';

describeChannelContract('Slack', async () => {
  const fake = await new SlackApiFake().start();
  const text = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;
  return {
    channel: createSlackChannel({
      name: 'ops',
      channelId: SLACK_CHANNEL,
      client: createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 }),
      pacer: createPacer({ intervalMs: () => 0, now: () => NOW.getTime() }),
      now: () => NOW,
    }),
    parents: async () => fake.channelMessages(SLACK_CHANNEL).map(text),
    replies: async (ts) => fake.threadOf(SLACK_CHANNEL, ts).map(text),
    refuseNext() {
      fake.missing.add(SLACK_CHANNEL);
      return 'channel_not_found';
    },
    close: () => fake.stop(),
  };
});

const TEAMS_CHANNEL = '19:contract@thread.tacv2';
const TEAM = '19:team@thread.tacv2';

describeChannelContract('Teams', async () => {
  const fake = await new BotConnectorFake(() => NOW).start();
  fake.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: TEAMS_CHANNEL, name: 'sync-alerts' }] });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-teams-'));
  const store = openSqliteStore(path.join(dir, 'sentinel.db'));
  const conversations = createTeamsStore(store.db);
  await conversations.saveConversation({
    companyId: COMPANY,
    conversationId: TEAMS_CHANNEL,
    kind: 'channel',
    teamId: TEAM,
    serviceUrl: fake.serviceUrl,
    botId: '28:bot',
    status: 'active',
    updatedAt: NOW.toISOString(),
  });
  const transport = createCloudTransport({
    credentials: {},
    handler: { seen: async () => undefined, handle: async () => ({}) },
    log: silentLogger,
  });
  const text = (m: FakeMessage) => JSON.stringify(m.activity);
  return {
    channel: createTeamsChannel({
      name: 'ops',
      channelId: TEAMS_CHANNEL,
      companyId: COMPANY,
      transport,
      conversations,
      log: silentLogger,
      now: () => NOW,
    }),
    parents: async () => fake.threadsIn(TEAMS_CHANNEL).map(text),
    replies: async (id) => fake.repliesIn(`${TEAMS_CHANNEL};messageid=${id}`).map(text),
    refuseNext() {
      fake.notInRoster.add(TEAMS_CHANNEL);
      return 'no longer in the team';
    },
    async close() {
      await fake.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
