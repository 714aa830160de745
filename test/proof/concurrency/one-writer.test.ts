// Several processes on one data folder, as a careless operator runs them: two `run --once` at once,
// `serve` with a `run --once` beside it, and `ack` typed while a poll is delivering. Real child
// processes, the small company's exports, the Slack fake; who starts when is seeded. Afterwards the
// Slack fake must hold every outbox item exactly once, one parent per incident, nothing left queued.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/app/paths';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { checkChat, expectDeliveredOnce, readLedger } from '../support/inspect';
import { LONG, SEED, seeded, type Rng } from '../support/seeded';
import { smallCompany, writeConfig } from '../support/small-company';

const ROUNDS = Number(process.env['PROOF_CONCURRENCY_ROUNDS'] ?? (LONG ? 40 : 4));
const OPS = 'C0PROOF02';
type Scenario = 'two-runs' | 'serve-and-run' | 'ack-during-delivery';
const SCENARIOS: readonly Scenario[] = ['two-runs', 'serve-and-run', 'ack-during-delivery'];

interface Exit {
  args: string[];
  code: number | null;
  signal: string | null;
  stderr: string;
}

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one writer per company', () => {
  it(
    `posts every alert exactly once when ${ROUNDS} rounds of two processes share one data folder`,
    async () => {
      const rng = seeded(SEED);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-concurrency-'));
      const company = smallCompany(dir, new Date());
      company.write();
      const dbPath = path.join(dir, 'sentinel.db');
      // Two seconds between posts keep a poll's delivery on the wire longer than a second process takes to
      // start on a busy machine, so it lands in it (at one second the old code's double post was not reached). `serve` takes Slack's buttons over HTTP (the fake has no Socket Mode) on a free loopback port.
      const slack = { type: 'slack', name: 'ops', channel_id: OPS, pace_seconds: 2, receiver: 'http', port: await freePort() };
      const config = writeConfig(dir, { channelId: OPS, sqlite: dbPath, channels: [slack] });
      const fake = await new SlackApiFake().start();
      cleanup.push(() => fake.stop());
      const env = {
        ...process.env,
        SYNC_SENTINEL_CONFIG: config,
        SYNC_SENTINEL_DATA_DIR: dir,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_API_URL: `${fake.baseUrl}/api/`,
        LOG_LEVEL: 'error',
        NO_PROXY: '127.0.0.1',
        // One key for every process: concurrent first runs each making their own is another defect (issue 14 §6).
        SYNC_SENTINEL_SECRET_KEY: '5e'.repeat(32),
        SLACK_SIGNING_SECRET: 'proof-signing-secret',
      };

      let runs = 0;
      const start = (args: string[]) => {
        runs++;
        const proc = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js'), ...args], {
          cwd: dir,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        proc.stdout.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        const exited = new Promise<Exit>((resolve) => proc.on('exit', (code, signal) => resolve({ args, code, signal, stderr })));
        return { proc, exited };
      };
      const failures: string[] = [];
      let sandboxDisconnects = 0;
      const expectClean = (exit: Exit, allowed: number[]) => {
        // Each process runs its own QuickBooks sandbox, whose token book only knows the refresh tokens it
        // issued itself: after another process rotated the token it answers invalid_grant. Real QuickBooks is
        // one server; that sandbox defect (and the demo's shared key) is issue 14 §6, counted here, not hidden.
        if (exit.code === 2 && /quickbooks: failed · QuickBooks disconnected/.test(exit.stderr) && !/fieldpro: failed/.test(exit.stderr)) {
          sandboxDisconnects++;
          return;
        }
        if (exit.code === null || !allowed.includes(exit.code))
          failures.push(`${exit.args.join(' ')} exited ${exit.code ?? exit.signal}: ${exit.stderr.slice(0, 400)}`);
      };

      const counts: Record<Scenario, number> = { 'two-runs': 0, 'serve-and-run': 0, 'ack-during-delivery': 0 };
      for (let round = 0; round < ROUNDS; round++) {
        // Every later round changes the books, so each one has alerts on the wire for the second process to meet.
        if (round > 0) company.mutate(rng);
        // The first round is on a fresh folder, where every incident is new and posted: an `ack` lands in that delivery.
        const scenario: Scenario = round === 0 ? 'ack-during-delivery' : SCENARIOS[(round - 1) % SCENARIOS.length]!;
        counts[scenario]++;
        await playRound(scenario, rng, { start, expectClean, dbPath, firstRound: round === 0 });
      }
      // Quiet polls until the outbox is empty, as the next scheduled poll would.
      for (let i = 0; i < 2; i++) expectClean(await start(['run', '--once']).exited, [0]);

      const ledger = readLedger(dbPath, 'ops');
      const chat = checkChat(ledger, fake.messages, OPS);
      const summary = {
        seed: SEED,
        rounds: ROUNDS,
        ...counts,
        runs,
        incidents: ledger.incidents.length,
        outboxItems: ledger.outbox.length,
        duplicates: chat.doubled.length,
        sandboxDisconnects,
        parentProblems: chat.parentProblems.length,
        undelivered: chat.undelivered.length,
      };
      process.stdout.write(`one writer per company: ${JSON.stringify(summary)}\n`);

      expect(failures).toEqual([]);
      expect(ledger.outbox.length).toBeGreaterThan(0);
      expectDeliveredOnce(chat);
    },
    (LONG ? 7_200 : 600) * 1000,
  );
});

interface RoundDeps {
  start(args: string[]): { proc: ReturnType<typeof spawn>; exited: Promise<Exit> };
  expectClean(exit: Exit, allowed: number[]): void;
  dbPath: string;
  /** On the fresh folder every incident is new: the second run always meets the first one's delivery. */
  firstRound: boolean;
}

async function playRound(scenario: Scenario, rng: Rng, deps: RoundDeps): Promise<void> {
  // The second process starts a seeded while after the first, or a seeded moment after the first is
  // seen sending (items marked in flight): before, during or after the first one's poll and delivery.
  const onDelivery = rng.chance(0.6) || deps.firstRound;
  const ms = onDelivery ? rng.int(0, 400) : rng.int(0, 3_000);
  const second = async () => {
    if (onDelivery) for (let i = 0; i < 200 && inFlight(deps.dbPath) === 0; i++) await pause(50);
    await pause(ms);
  };
  if (scenario === 'two-runs') {
    const first = deps.start(['run', '--once']);
    await second();
    const other = deps.start(['run', '--once']);
    for (const exit of await Promise.all([first.exited, other.exited])) deps.expectClean(exit, [0]);
  } else if (scenario === 'serve-and-run') {
    const server = deps.start(['serve']);
    await second();
    deps.expectClean(await deps.start(['run', '--once']).exited, [0]);
    // serve's first poll and its delivery are done once the outbox is empty (or after a while).
    for (let i = 0; i < 60 && queued(deps.dbPath) > 0; i++) await pause(250);
    server.proc.kill('SIGTERM');
    deps.expectClean(await server.exited, [0]);
  } else {
    const poll = deps.start(['run', '--once']);
    await second();
    const ref = openIncident(deps.dbPath, rng);
    const action = rng.chance(0.5) ? ['ack', ref] : rng.chance(0.5) ? ['snooze', ref, '1d'] : ['cause', ref, 'price book item not mapped'];
    // 1: the incident resolved or was already acknowledged — an answer, not a fault.
    deps.expectClean(await deps.start(action).exited, [0, 1]);
    deps.expectClean(await poll.exited, [0]);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function countOutbox(dbPath: string, statuses: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    return (db.prepare(`select count(*) as n from outbox where status in (${statuses})`).get() as { n: number }).n;
  } catch {
    return 0; // not created or migrated yet
  } finally {
    db?.close();
  }
}

const queued = (dbPath: string) => countOutbox(dbPath, "'pending', 'sending'");
const inFlight = (dbPath: string) => countOutbox(dbPath, "'sending'");

function openIncident(dbPath: string, rng: Rng): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const open = db
      .prepare("select number from incidents where status in ('open', 'acknowledged', 'snoozed') order by number")
      .all() as Array<{ number: number }>;
    return String(open.length > 0 ? rng.pick(open).number : 1);
  } catch {
    return '1'; // no incident yet: the command answers "no incident #1", exit 1
  } finally {
    db?.close();
  }
}
