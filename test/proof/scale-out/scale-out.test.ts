// Scale-out: one real Postgres, several `serve` processes on one deployment file of many small
// companies, each company with its own exports and QuickBooks, alerting to its own Slack channel
// (every third one to Teams too). While the test edits the companies' data between polls, it SIGKILLs a
// seeded instance at seeded times and starts it again. Afterwards: every company was polled in every
// schedule slot within the stated lag (from the poll runs table), every finding a clean run raises is
// in exactly one incident, every incident has one parent message per channel, no outbox item reached a
// chat twice and none is left undelivered.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/app/paths';
import { POLL_LEASE_TTL_MS } from '../../../src/cycle/poll-lease';
import { freshDatabase } from '../../support/postgres';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { SocketModeFake } from '../../fakes/slack/socket-mode-fake';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { checkChat, checkFindings, type ChatCheck } from '../support/inspect';
import { checkTeams } from '../support/inspect-teams';
import { LONG, SEED, seeded } from '../support/seeded';
import { buildFleet, TEAMS_TEAM } from './fleet';
import { instances } from './instances';
import { openPgLedger } from './ledger-pg';
import { pollLag, slotsBetween } from './poll-lag';
import { cleanRunFindings } from './reference';
import { seedTeamsConversations } from './teams-seed';

const num = (name: string, short: number, long: number) => Number(process.env[name] ?? (LONG ? long : short));
const COMPANIES = num('PROOF_SCALE_COMPANIES', 30, 60);
const INSTANCES = num('PROOF_SCALE_INSTANCES', 3, 3);
const INTERVAL_S = num('PROOF_SCALE_INTERVAL_S', 15, 15);
/** Slots with edits and kills, then quiet ones so every company is polled on its final data. */
const BUSY_SLOTS = num('PROOF_SCALE_SLOTS', 5, 40);
const QUIET_SLOTS = 2;
const KILLS = num('PROOF_SCALE_KILLS', 2, 24);
const INTERVAL_MS = INTERVAL_S * 1000;
/**
 * The stated lag. A slot's poll normally starts within the slot; when the instance polling a company is
 * killed, the company's lease runs out (the others cannot see that a process on another host died) and
 * a later slot's tick polls it: the lease's lifetime and one interval. Two more intervals for the poll
 * queue: on this 2-core machine, shared with other work, a slot's polls of every company take longer
 * than the slot.
 */
const MAX_LAG_MS = Number(process.env['PROOF_SCALE_MAX_LAG_S'] ?? (POLL_LEASE_TTL_MS + 3 * INTERVAL_MS) / 1000) * 1000;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('scale-out', () => {
  it(
    `polls each of ${COMPANIES} companies every slot within ${MAX_LAG_MS / 1000} s and posts every alert once, while ${KILLS} times one of ${INSTANCES} instances is SIGKILLed`,
    async () => {
      const rng = seeded(SEED);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-scale-'));
      // An empty database: the operator's `sync-sentinel migrate` makes the tables.
      const url = await freshDatabase({ empty: true });
      const fleet = buildFleet(dir, COMPANIES, `*/${INTERVAL_S} * * * * *`, new Date());

      const slack = await new SlackApiFake().start();
      cleanup.push(() => slack.stop());
      const socket = await new SocketModeFake().start(slack);
      cleanup.push(() => socket.stop());
      const connector = await new BotConnectorFake().start();
      cleanup.push(() => connector.stop());
      const teamsChannels = fleet.companies.flatMap((c) => (c.teams ? [{ id: c.teams.channelId, name: `alerts-${c.id}` }] : []));
      connector.addTeam({ id: TEAMS_TEAM, name: 'Field Ops', channels: [{ id: TEAMS_TEAM }, ...teamsChannels] });

      const env: NodeJS.ProcessEnv = {
        ...process.env,
        SYNC_SENTINEL_CONFIG: fleet.config,
        SYNC_SENTINEL_DATA_DIR: dir,
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        SYNC_SENTINEL_SECRET_KEY: '5e'.repeat(32),
        LOG_LEVEL: 'warn',
        NO_PROXY: '127.0.0.1',
        // The bot as a managed identity: connector and Graph tokens from the fake's identity endpoint.
        MICROSOFT_APP_ID: '0e0e0e0e-1111-4222-8333-444444444444',
        MICROSOFT_APP_PASSWORD: '',
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: '7f7f7f7f-1111-4222-8333-444444444444',
        MICROSOFT_GRAPH_URL: connector.url,
        IDENTITY_ENDPOINT: `${connector.url}/msi/token`,
        IDENTITY_HEADER: connector.identityHeader,
      };

      // The schema first, as an operator deploys: `sync-sentinel migrate`, then the Teams installs.
      const migrate = await runCli(['migrate'], dir, env);
      expect(migrate.code, migrate.output).toBe(0);
      await seedTeamsConversations(url, fleet.companies, TEAMS_TEAM, `${connector.url}/`);

      const ledger = await openPgLedger(url);
      cleanup.push(() => ledger.close());
      const fleetOf = instances(INSTANCES, dir, env);
      cleanup.push(() => fleetOf.stopAll());
      for (let i = 0; i < INSTANCES; i++) fleetOf.start(i);

      // The window opens once every company has been polled (every instance has booted and found work).
      const booting = Date.now();
      for (;;) {
        const polled = new Set((await ledger.pollRuns()).map((r) => r.companyId));
        if (fleet.companies.every((c) => polled.has(c.id))) break;
        if (Date.now() - booting > 180_000) throw new Error(`not every company was polled within 3 minutes:\n${fleetOf.output(0)}`);
        await pause(500);
      }
      const windowStart = Date.now();
      const busyEnd = windowStart + BUSY_SLOTS * INTERVAL_MS;

      // The plan, seeded: edits a third of a slot into each busy slot; kills at seeded moments, each
      // instance back after a seeded pause of up to a few seconds.
      type Event = { at: number; run: () => Promise<void> };
      const events: Event[] = [];
      let edits = 0;
      for (let s = 0; s < BUSY_SLOTS; s++)
        events.push({
          at: windowStart + s * INTERVAL_MS + rng.int(0, INTERVAL_MS / 2),
          run: async () => void (edits += fleet.mutate(rng, 0.4)),
        });
      let killed = 0;
      for (let k = 0; k < KILLS; k++) {
        const at = windowStart + rng.int(INTERVAL_MS / 4, BUSY_SLOTS * INTERVAL_MS);
        const back = rng.int(200, 4_000);
        const victim = rng.int(0, INSTANCES - 1);
        events.push({
          at,
          run: async () => {
            // The chosen one, or the next one running when it is still down from an earlier kill.
            const up = fleetOf.running();
            if (up.length === 0) return;
            const target = up.includes(victim) ? victim : up[0]!;
            await fleetOf.kill(target);
            killed++;
            setTimeout(() => fleetOf.start(target), back);
          },
        });
      }
      events.sort((a, b) => a.at - b.at);
      for (const e of events) {
        await pause(e.at - Date.now());
        await e.run();
      }
      await pause(busyEnd + QUIET_SLOTS * INTERVAL_MS - Date.now());
      // Every instance up again (a late restart is still pending), then delivery drains.
      await pause(4_500);
      for (let i = 0; i < 120 && (await ledger.queued()) > 0; i++) await pause(500);
      const stoppedAt = Date.now();
      const exits = await fleetOf.stopAll();

      const expected = await cleanRunFindings(fleet.companies);
      const slots = slotsBetween(windowStart, stoppedAt, INTERVAL_MS);
      const lag = pollLag(
        fleet.companies.map((c) => c.id),
        await ledger.pollRuns(),
        slots,
        MAX_LAG_MS,
        stoppedAt,
      );
      const problems = { findings: [] as string[], slack: [] as ChatCheck[], teams: [] as ChatCheck[] };
      let incidents = 0;
      for (const c of fleet.companies) {
        const ops = await ledger.ledger(c.id, c.slack.name);
        incidents += ops.incidents.length;
        problems.findings.push(...checkFindings(ops, expected.get(c.id) ?? []).problems.map((p) => `${c.id}: ${p}`));
        problems.slack.push(checkChat(ops, slack.messages, c.slack.channelId));
        if (c.teams)
          problems.teams.push(
            checkTeams(await ledger.ledger(c.id, c.teams.name), await ledger.teamsSent(c.id), connector, c.teams.channelId),
          );
      }
      const all = [...problems.slack, ...problems.teams];
      const list = (pick: (c: ChatCheck) => string[]) => all.flatMap(pick);
      const summary = {
        seed: SEED,
        ownHosts: fleetOf.ownHosts,
        companies: COMPANIES,
        instances: INSTANCES,
        intervalS: INTERVAL_S,
        killed,
        bootS: Math.round((windowStart - booting) / 1000),
        slots: lag.slots,
        unjudgedSlots: lag.unjudged,
        polls: lag.polls,
        failedPolls: lag.failedPolls,
        edits,
        incidents,
        parents: all.reduce((n, c) => n + c.parents, 0),
        replies: all.reduce((n, c) => n + c.replies, 0),
        duplicates: list((c) => c.doubled).length,
        lost: list((c) => [...c.missing, ...c.undelivered]).length + problems.findings.length,
        worstPollLagS: Number((lag.worstLagMs / 1000).toFixed(1)),
        statedLagS: MAX_LAG_MS / 1000,
      };
      process.stdout.write(`scale-out: ${JSON.stringify(summary)}\n`);
      const named = {
        late: lag.late,
        findings: problems.findings,
        doubled: list((c) => c.doubled),
        parents: list((c) => c.parentProblems),
        missing: list((c) => c.missing),
        outOfOrder: list((c) => c.outOfOrder),
        undelivered: list((c) => c.undelivered),
      };
      if (Object.values(named).some((l) => l.length > 0)) process.stdout.write(`scale-out problems: ${JSON.stringify(named, null, 1)}\n`);

      expect(fleetOf.unexpected.map((e) => `instance ${e.instance} exited ${e.code ?? e.signal}: ${e.output}`)).toEqual([]);
      expect(exits.every((e) => e.code === 0)).toBe(true);
      expect(killed).toBe(KILLS);
      expect(lag.late).toEqual([]);
      expect(problems.findings).toEqual([]);
      expect(list((c) => c.doubled)).toEqual([]);
      expect(list((c) => c.parentProblems)).toEqual([]);
      expect(list((c) => c.missing)).toEqual([]);
      expect(list((c) => c.outOfOrder)).toEqual([]);
      expect(list((c) => c.undelivered)).toEqual([]);
      expect(summary.parents).toBeGreaterThan(COMPANIES);
    },
    (LONG ? 3_600 : 600) * 1000,
  );
});

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js'), ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    proc.on('exit', (code) => resolve({ code, output }));
  });
}
