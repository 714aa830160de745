// Crash consistency: the real service (`node bin/sync-sentinel.js run --once`, one process per poll)
// against the QuickBooks sandbox, the small company's exports and the Slack fake, killed with
// SIGKILL at seeded points — mid-poll, while a chat request is on the wire, just after Slack
// answered — while the data changes between polls. Afterwards a clean run of the same data says which
// findings must exist, and the chat must hold each alert exactly once, in order, with nothing left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { boot, wireBootedSources } from '../../../src/app/boot';
import { readEnv } from '../../../src/app/env';
import { PACKAGE_ROOT } from '../../../src/app/paths';
import { createService } from '../../../src/app/service';
import type { Finding } from '../../../src/domain/finding';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { createTeamsStore } from '../../../adapters/storage/teams-store';
import { openSqliteStore } from '../../../adapters/storage/sqlite-store';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { checkTeams, readTeamsSent } from '../support/inspect-teams';
import { startFaultProxy, type ProxiedRequest } from '../support/fault-proxy';
import { checkChat, checkFindings, readLedger, expectDeliveredOnce } from '../support/inspect';
import { LONG, SEED, seeded } from '../support/seeded';
import { smallCompany, writeConfig } from '../support/small-company';

const CYCLES = Number(process.env['PROOF_CRASH_CYCLES'] ?? (LONG ? 220 : 12));
const OPS = 'C0PROOF01';
const TEAMS_OPS = '19:proof-sync-alerts@thread.tacv2';
const TEAM = '19:proof-team-general@thread.tacv2';

type KillPlan = { at: 'none' } | { at: 'time'; ms: number } | { at: 'request' | 'request-lost' | 'answer'; n: number };

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('crash consistency', () => {
  it(
    `loses no alert and posts none twice, in Slack and in Teams, when the service is SIGKILLed at random over ${CYCLES} polls`,
    async () => {
      const rng = seeded(SEED);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-crash-'));
      const company = smallCompany(dir, new Date());
      company.write();
      const dbPath = path.join(dir, 'sentinel.db');
      const config = writeConfig(dir, {
        channelId: OPS,
        sqlite: dbPath,
        channels: [
          { type: 'slack', name: 'ops', channel_id: OPS, pace_seconds: 0 },
          { type: 'teams', name: 'teams', channel_id: TEAMS_OPS, port: 0 },
        ],
      });
      const fake = await new SlackApiFake().start();
      cleanup.push(() => fake.stop());
      const connector = await new BotConnectorFake().start();
      cleanup.push(() => connector.stop());
      connector.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: TEAMS_OPS, name: 'sync-alerts' }] });

      let child: ChildProcess | null = null;
      let plan: KillPlan = { at: 'none' };
      let chatCalls = 0;
      let teamsPostedThisPoll = false;
      const isChat = (r: ProxiedRequest) => r.path.startsWith('/api/') && !r.path.startsWith('/api/auth.test');
      const proxy = await startFaultProxy({
        target: fake.baseUrl,
        onRequest(r) {
          if (!isChat(r)) return;
          chatCalls++;
          if ((plan.at === 'request' || plan.at === 'request-lost') && chatCalls === plan.n) child?.kill('SIGKILL');
        },
        // 'request': killed before Slack saw it; 'request-lost': Slack acted on it, the answer never arrived.
        decide: (r) =>
          plan.at === 'request' && isChat(r) && chatCalls === plan.n
            ? { kind: 'reset' }
            : plan.at === 'request-lost' && isChat(r) && chatCalls === plan.n
              ? { kind: 'lost' }
              : null,
        onAnswered(r) {
          if (plan.at === 'answer' && isChat(r) && chatCalls === plan.n) child?.kill('SIGKILL');
        },
      });
      cleanup.push(() => proxy.close());
      // The Bot Connector behind the same kill points: its connector calls count as chat requests too.
      const isTeamsCall = (r: ProxiedRequest) => r.path.startsWith('/v3/conversations');
      const teamsProxy = await startFaultProxy({
        target: connector.url,
        onRequest(r) {
          if (!isTeamsCall(r)) return;
          if (r.method !== 'GET') teamsPostedThisPoll = true;
          chatCalls++;
          if ((plan.at === 'request' || plan.at === 'request-lost') && chatCalls === plan.n) child?.kill('SIGKILL');
        },
        decide: (r) =>
          plan.at === 'request' && isTeamsCall(r) && chatCalls === plan.n
            ? { kind: 'reset' }
            : plan.at === 'request-lost' && isTeamsCall(r) && chatCalls === plan.n
              ? { kind: 'lost' }
              : null,
        onAnswered(r) {
          if (plan.at === 'answer' && isTeamsCall(r) && chatCalls === plan.n) child?.kill('SIGKILL');
        },
      });
      cleanup.push(() => teamsProxy.close());
      // The bot installed in the team beforehand, as Teams' installationUpdate leaves it: the channel's
      // conversation reference, with the service URL of the proxy in front of the connector.
      // The bot runs as a user-assigned managed identity (as on Azure App Service): its connector and
      // Graph tokens come from the managed-identity endpoint, served by the fake. Graph (behind the
      // proxy, not a kill point) is how a poll finds a post whose answer the previous poll never got.
      const teamsIdentity = {
        MICROSOFT_APP_ID: '0e0e0e0e-1111-4222-8333-444444444444',
        MICROSOFT_APP_PASSWORD: '',
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: '7f7f7f7f-1111-4222-8333-444444444444',
        MICROSOFT_GRAPH_URL: teamsProxy.url,
        IDENTITY_ENDPOINT: `${connector.url}/msi/token`,
        IDENTITY_HEADER: connector.identityHeader,
      };
      const seed = openSqliteStore(dbPath);
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

      const env = {
        ...process.env,
        SYNC_SENTINEL_CONFIG: config,
        SYNC_SENTINEL_DATA_DIR: dir,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_API_URL: `${proxy.url}/api/`,
        LOG_LEVEL: 'error',
        NO_PROXY: '127.0.0.1',
        ...teamsIdentity,
      };
      const runOnce = () =>
        new Promise<{ code: number | null; signal: string | null; stderr: string; ms: number }>((resolve) => {
          const started = Date.now();
          let stderr = '';
          const proc = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js'), 'run', '--once'], {
            cwd: dir,
            env,
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          child = proc;
          proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
          // This poll's timer only: a poll that ended first must not leave it to kill the next one.
          const timer = plan.at === 'time' ? setTimeout(() => proc.kill('SIGKILL'), plan.ms) : undefined;
          proc.on('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stderr, ms: Date.now() - started });
          });
        });

      const counts = { polls: 0, killed: 0, killedAfterTeamsPost: 0, completed: 0, mutations: 0, byPoint: {} as Record<string, number> };
      const failures: string[] = [];
      let typical = 3_000;
      let chatPerPoll = 3;
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        if (rng.chance(0.7)) counts.mutations += company.mutate(rng).length;
        const r = rng.next();
        // A chat-call kill point names one of the calls a poll usually makes (else the poll runs through).
        const n = rng.int(1, Math.max(1, Math.round(chatPerPoll)));
        plan =
          r < 0.25
            ? { at: 'none' }
            : r < 0.5
              ? { at: 'time', ms: rng.int(300, typical) }
              : r < 0.67
                ? { at: 'request', n }
                : r < 0.84
                  ? { at: 'request-lost', n }
                  : { at: 'answer', n };
        chatCalls = 0;
        teamsPostedThisPoll = false;
        const run = await runOnce();
        counts.polls++;
        if (run.signal === 'SIGKILL') {
          counts.killed++;
          if (teamsPostedThisPoll) counts.killedAfterTeamsPost++;
          counts.byPoint[plan.at] = (counts.byPoint[plan.at] ?? 0) + 1;
        } else {
          counts.completed++;
          typical = Math.max(1_000, Math.round((typical + run.ms) / 2));
          chatPerPoll = (chatPerPoll + chatCalls) / 2;
          // Exit 2 means a source read failed; anything else non-zero is the service falling over.
          if (run.code !== 0) failures.push(`poll ${cycle} (${plan.at}) exited ${run.code}: ${run.stderr.slice(0, 400)}`);
        }
      }

      // Quiet polls with no kill until the outbox is empty, as a restarted service would.
      plan = { at: 'none' };
      for (let i = 0; i < 3; i++) {
        const run = await runOnce();
        if (run.code !== 0) failures.push(`final poll exited ${run.code}: ${run.stderr.slice(0, 400)}`);
      }

      const expected = await cleanRunFindings(dir);
      const ledger = readLedger(dbPath, 'ops');
      const chat = checkChat(ledger, fake.messages, OPS);
      const teamsLedger = readLedger(dbPath, 'teams');
      const teams = checkTeams(teamsLedger, readTeamsSent(dbPath), connector, TEAMS_OPS);
      const findings = checkFindings(ledger, expected);
      const summary = {
        seed: SEED,
        ...counts,
        incidents: ledger.incidents.length,
        expectedFindings: findings.expected,
        parents: chat.parents,
        replies: chat.replies,
        edits: chat.edits,
        chatRequests: proxy.requests,
        teams: {
          secondCopies: teams.doubled.length,
          parents: teams.parents,
          replies: teams.replies,
          edits: teams.edits,
          messages: connector.messages.length,
          connectorRequests: teamsProxy.requests,
          graphRequests: connector.graphCalls().length,
        },
      };
      process.stdout.write(`crash consistency: ${JSON.stringify(summary)}\n`);

      expect(failures).toEqual([]);
      expect(counts.killed).toBeGreaterThan(CYCLES / 4);
      expect(findings.problems).toEqual([]);
      expectDeliveredOnce(chat);
      expect(chat.parents).toBeGreaterThan(0);
      // Polls killed after Teams acted on a post are among them: the next poll found those posts through Graph.
      expectDeliveredOnce(teams);
      expect(teams.parents).toBeGreaterThan(0);
    },
    (LONG ? 3_600 : 300) * 1000,
  );
});

/** The findings an uninterrupted service raises on the same files now: a fresh database, no chat. */
async function cleanRunFindings(dir: string): Promise<Finding[]> {
  const configPath = writeConfig(dir, {
    channelId: OPS,
    sqlite: path.join(dir, 'reference.db'),
    channels: [{ type: 'console', name: 'console' }],
    file: 'reference.yaml',
  });
  const env = readEnv({ SYNC_SENTINEL_CONFIG: configPath, SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent' }, dir);
  const booted = await boot(env, { now: new Date(), logLevel: 'silent', stdout: new PassThrough() });
  const built = await wireBootedSources(booted, env);
  try {
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
    });
    const { cycle } = await service.runOnce();
    return cycle.findings;
  } finally {
    await built.close();
    await booted.close();
  }
}
