// Outages: the Slack fake and the QuickBooks sandbox fail 30% of calls at random — 429 with
// Retry-After, 5xx, gateway timeouts, cut-off bodies, reset connections, answers lost after Slack
// acted — while the company's data keeps changing. The service (the real composition root, on a
// clock the test moves) must stay up, and every alert must still arrive, in order within its thread,
// none twice. A long QuickBooks outage must show as a stale-source incident, then resolve.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boot, wireBootedSources } from '../../../src/app/boot';
import { DEMO_REALM } from '../../../src/app/demo-config';
import { readEnv } from '../../../src/app/env';
import { createService } from '../../../src/app/service';
import { startQuickbooksSandbox, type SandboxFault } from '../../../adapters/quickbooks-sandbox/server';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { openSqliteStore } from '../../../adapters/storage/sqlite-store';
import { createTeamsStore } from '../../../adapters/storage/teams-store';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { credentialsViaFake } from '../../fakes/teams/bot-framework-identity';
import { checkTeams, readTeamsSent } from '../support/inspect-teams';
import { randomFaults, slackErrorBody, startFaultProxy, type ProxyFault } from '../support/fault-proxy';
import { checkChat, readLedger, expectDeliveredOnce } from '../support/inspect';
import { LONG, SEED, seeded } from '../support/seeded';
import { smallCompany, writeConfig } from '../support/small-company';

const POLLS = LONG ? 150 : 20;
const OPS = 'C0OUTAGE1';
const TEAMS_OPS = '19:outage-sync-alerts@thread.tacv2';
const TEAMS_APP_ID = '0d0d0d0d-1111-4222-8333-444444444444';
const TEAMS_TENANT = '7e7e7e7e-1111-4222-8333-444444444444';
const TEAM = '19:outage-team-general@thread.tacv2';
const ACCESS = 'proof-access-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SLACK_FAULTS: ProxyFault[] = [
  { kind: 'status', status: 429, retryAfter: 1 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'timeout', ms: 300 },
  { kind: 'malformed' },
  { kind: 'reset' },
  { kind: 'lost' },
];

// The Bot Connector's: 429 with Retry-After, 5xx (502/504 are the ones botbuilder retries in place),
// gateway timeouts, resets, and answers lost after Teams acted.
const TEAMS_FAULTS: ProxyFault[] = [
  { kind: 'status', status: 429, retryAfter: 1 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 504 },
  { kind: 'timeout', ms: 300 },
  { kind: 'reset' },
  { kind: 'lost' },
];
const teamsErrorBody = (status: number) => ({
  type: 'application/json; charset=utf-8',
  body: JSON.stringify({ error: { code: status === 429 ? 'TooManyRequests' : 'ServiceError', message: `status ${status}` } }),
});

const QUICKBOOKS_FAULTS: SandboxFault[] = [
  { kind: 'status', status: 429, retryAfter: 1 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 503, body: 'json-fault' },
  { kind: 'fault200' },
  { kind: 'malformed' },
  { kind: 'hang' },
  { kind: 'reset' },
];

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('outages', () => {
  it(
    `delivers every alert in order and once, in Slack and in Teams, while Slack, Teams and QuickBooks fail 30% of calls over ${POLLS} polls, and reports a long QuickBooks outage as a stale source`,
    async () => {
      const rng = seeded(SEED + 1);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-outage-'));
      let clock = new Date();
      const company = smallCompany(dir, new Date());
      company.write();

      const fake = await new SlackApiFake().start();
      const slack = await startFaultProxy({
        target: fake.baseUrl,
        errorBody: slackErrorBody,
        decide: randomFaults(rng.next, 0.3, SLACK_FAULTS),
      });
      const sandbox = await startQuickbooksSandbox({ dataDir: path.join(dir, 'quickbooks'), realmId: DEMO_REALM, accessToken: ACCESS });
      // QuickBooks faults come from the sandbox itself (its real fault shapes), one request at a time.
      let quickbooks: 'flaky' | 'down' | 'up' = 'flaky';
      const qbo = await startFaultProxy({
        target: sandbox.url,
        onRequest: () => {
          // Down: every call a plain 503. The source's small retry setting (below) lets each poll's read
          // give up within a second, as the default one would within a quarter of a minute.
          if (quickbooks === 'down') sandbox.injectFault({ kind: 'status', status: 503 }, 1);
          else if (quickbooks === 'flaky' && rng.chance(0.3)) sandbox.injectFault(rng.pick(QUICKBOOKS_FAULTS), 1);
        },
      });
      cleanup.push(
        () => fake.stop(),
        () => slack.close(),
        () => sandbox.close(),
        () => qbo.close(),
      );
      // Teams: the Bot Connector fake behind its own fault stream (so Slack's faults stay as they were).
      // Production mode: the bot has its own identity (login on the fake), so it can read the channel
      // through Graph (also behind the proxy) when an answer was lost.
      const connector = await new BotConnectorFake(() => clock).start();
      connector.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: TEAMS_OPS, name: 'sync-alerts' }] });
      const teamsRng = seeded(SEED + 2);
      const teamsProxy = await startFaultProxy({
        target: connector.url,
        errorBody: teamsErrorBody,
        decide: randomFaults(teamsRng.next, 0.3, TEAMS_FAULTS),
      });
      cleanup.push(
        () => connector.stop(),
        () => teamsProxy.close(),
      );

      const config = writeConfig(dir, {
        channelId: OPS,
        sqlite: path.join(dir, 'sentinel.db'),
        channels: [
          { type: 'slack', name: 'ops', channel_id: OPS, pace_seconds: 0 },
          { type: 'teams', name: 'teams', channel_id: TEAMS_OPS, port: 0 },
        ],
        quickbooks: {
          id: 'quickbooks',
          type: 'quickbooks',
          realm_id: DEMO_REALM,
          base_url: `${qbo.url}/v3/company/`,
          token_url: sandbox.tokenUrl,
          timeout: '1s',
          retry: { attempts: 4, backoff: '50ms', max_wait: '2s' },
        },
      });
      const env = readEnv(
        {
          SYNC_SENTINEL_CONFIG: config,
          SYNC_SENTINEL_DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          SLACK_BOT_TOKEN: fake.botToken,
          SLACK_API_URL: `${slack.url}/api/`,
          QBO_CLIENT_ID: 'proof-client',
          QBO_CLIENT_SECRET: 'proof-secret',
          QBO_ACCESS_TOKEN: ACCESS,
          QBO_REFRESH_TOKEN: 'proof-refresh',
          SYNC_SENTINEL_SECRET_KEY: randomBytes(32).toString('base64'),
          MICROSOFT_APP_ID: TEAMS_APP_ID,
          MICROSOFT_APP_PASSWORD: 'proof-teams-secret',
          MICROSOFT_APP_TENANT_ID: TEAMS_TENANT,
          MICROSOFT_GRAPH_URL: teamsProxy.url,
        },
        dir,
      );
      // The bot installed in the team beforehand, its service URL the proxy in front of the connector.
      const seed = openSqliteStore(path.join(dir, 'sentinel.db'));
      await createTeamsStore(seed.db).saveConversation({
        companyId: 'proof',
        conversationId: TEAMS_OPS,
        kind: 'channel',
        teamId: TEAM,
        teamName: 'Field Ops',
        name: 'sync-alerts',
        serviceUrl: `${teamsProxy.url}/`,
        botId: '28:proof-bot',
        botName: 'Sync Sentinel',
        status: 'active',
        updatedAt: new Date().toISOString(),
      });
      await seed.close();
      const booted = await boot(env, {
        now: clock,
        logLevel: 'silent',
        seams: { teams: { credentialsFactory: credentialsViaFake(connector, TEAMS_APP_ID, 'proof-teams-secret', TEAMS_TENANT) } },
      });
      const built = await wireBootedSources(booted, env);
      cleanup.push(
        () => booted.close(),
        () => built.close(),
      );
      const service = await createService({
        config: booted.config,
        loadRules: booted.loadRules,
        store: booted.store,
        sources: built.sources,
        channels: booted.channels,
        log: booted.log,
        now: () => clock,
      });

      // Slack stamps messages with its own clock; it moves with the test's, as the real one would.
      const slackClock = fake as unknown as { clock: number };
      const tick = (minutes: number) => {
        clock = new Date(clock.getTime() + minutes * 60_000);
        slackClock.clock = Math.max(slackClock.clock, Math.floor(clock.getTime() / 1000));
      };
      const counts = { polls: 0, failedReads: 0, pollErrors: 0, staleOpened: false, staleResolved: false };
      const poll = async () => {
        counts.polls++;
        try {
          const { cycle } = await service.runOnce();
          if (!cycle.pollRun.ok) counts.failedReads++;
        } catch {
          counts.pollErrors++;
        }
      };
      const staleStatus = () => readLedger(path.join(dir, 'sentinel.db'), 'ops').incidents.find((i) => i.ruleId === 'stale-source')?.status;

      for (let i = 0; i < POLLS; i++) {
        if (rng.chance(0.5)) company.mutate(rng);
        tick(10);
        await poll();
      }
      // A long QuickBooks outage: three hours of polls that all fail.
      quickbooks = 'down';
      for (let i = 0; i < 6; i++) {
        tick(30);
        await poll();
      }
      counts.staleOpened = staleStatus() === 'open';
      // QuickBooks answers again (no faults, so the two clean polls that resolve it come at once).
      quickbooks = 'up';
      for (let i = 0; i < 12 && staleStatus() !== 'resolved'; i++) {
        tick(10);
        await poll();
      }
      counts.staleResolved = staleStatus() === 'resolved';

      // The weather clears: delivery catches up (Retry-After pauses are real seconds).
      slack.setDecide(undefined);
      teamsProxy.setDecide(undefined);
      const pending = async () => (await booted.store.pendingDeliveryCount('ops')) + (await booted.store.pendingDeliveryCount('teams'));
      for (let i = 0; i < 40 && (await pending()) > 0; i++) {
        tick(20);
        await service.deliver();
        if ((await pending()) > 0) await sleep(250);
      }

      const ledger = readLedger(path.join(dir, 'sentinel.db'), 'ops');
      const chat = checkChat(ledger, fake.messages, OPS);
      const teamsLedger = readLedger(path.join(dir, 'sentinel.db'), 'teams');
      const teams = checkTeams(teamsLedger, readTeamsSent(path.join(dir, 'sentinel.db')), connector, TEAMS_OPS);
      process.stdout.write(
        `outages: ${JSON.stringify({ seed: SEED + 1, ...counts, slackRequests: slack.requests, slackFaults: slack.served, quickbooksRequests: qbo.requests, incidents: ledger.incidents.length, parents: chat.parents, replies: chat.replies, edits: chat.edits, teams: { requests: teamsProxy.requests, faults: teamsProxy.served, parents: teams.parents, replies: teams.replies, edits: teams.edits, messages: connector.messages.length, secondCopies: teams.doubled.length, graphRequests: connector.graphCalls().length } })}\n`,
      );

      expect(counts.pollErrors).toBe(0);
      expect(counts.staleOpened).toBe(true);
      expect(counts.staleResolved).toBe(true);
      expectDeliveredOnce(chat);
      // Answers lost after Teams acted are among the faults: the retry found those posts through Graph.
      expectDeliveredOnce(teams);
      expect(teams.parents).toBeGreaterThan(0);
      // The stale-source alert reached the channel, and its thread says it resolved.
      const stale = ledger.incidents.find((i) => i.ruleId === 'stale-source')!;
      const parent = fake.messages.find((m) => m.channel === OPS && !m.thread_ts && ledger.threads.get(stale.id) === m.ts);
      expect(parent?.text).toMatch(/resolved/i);
    },
    (LONG ? 1_800 : 240) * 1000,
  );
});
