// Upstream outages: the field-service side — the ServiceTitan, Jobber and Housecall Pro sandboxes and
// a home-grown JSON API read by the generic HTTP source — behind the fault proxy, failing 30% of calls
// at random (429 with Retry-After, 5xx pages, gateway timeouts, cut-off JSON, reset connections) while
// invoices are edited, added and removed in the vendor's data between polls. QuickBooks stays the
// healthy sandbox and Slack the healthy fake: the point is the upstream reads. The service (the real
// composition root, on a clock the test moves) must stay up; a failed read must never resolve an
// incident that is still true; once the faults stop, the findings must be the ones a clean run over
// the same data raises; each alert once, in its thread; and a long vendor outage must show as a
// stale-source incident that resolves after recovery.
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import YAML from 'yaml';
import { afterAll, describe, it } from 'vitest';
import { boot, wireBootedSources } from '../../../src/app/boot';
import { DEMO_REALM } from '../../../src/app/demo-config';
import { readEnv } from '../../../src/app/env';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { createService } from '../../../src/app/service';
import type { Finding } from '../../../src/domain/finding';
import type { InvoiceRecord } from '../../../src/domain/records';
import type { WebhookRoute } from '../../../adapters/jobber/webhook';
import { encodedId } from '../../../adapters/vendor-sandboxes/jobber/schema';
import {
  decimalString,
  loadWorldFromExports,
  numericId,
  type World,
  type WorldEntity,
} from '../../../adapters/vendor-sandboxes/common/world';
import { startHousecallProSandbox } from '../../../adapters/vendor-sandboxes/housecallpro/server';
import { startJobberSandbox } from '../../../adapters/vendor-sandboxes/jobber/server';
import { startServiceTitanSandbox } from '../../../adapters/vendor-sandboxes/servicetitan/server';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { randomFaults, startFaultProxy, type ProxiedRequest, type ProxyFault } from '../support/fault-proxy';
import { checkChat, checkFindings, readLedger, expectDeliveredOnce } from '../support/inspect';
import { LONG, SEED, seeded, type Rng } from '../support/seeded';
import { smallCompany } from '../support/small-company';

const VENDORS = ['servicetitan', 'jobber', 'housecallpro', 'http'] as const;
type Vendor = (typeof VENDORS)[number];
const FLAKY_POLLS = LONG ? 60 : 6;
/** Polls of the long outage, 30 simulated minutes apart (past the shipped rule's 2 h max_age). */
const OUTAGE_POLLS = LONG ? 16 : 5;
const OPS = 'C0UPSTREAM';
const ZONE = 'America/Chicago';

// What a vendor's edge sends on a bad afternoon. Retry-After: 1 is honoured in real seconds.
const FAULTS: ProxyFault[] = [
  { kind: 'status', status: 429, retryAfter: 1 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'timeout', ms: 300 },
  { kind: 'malformed' },
  // A 200 whose JSON is not the page asked for (an edge or a half-deployed API answering for it).
  { kind: 'status', status: 200 },
  { kind: 'reset' },
];
/** Error bodies as edges send them: HTML for 5xx, a short JSON for 429, and a wrong-shaped 200. */
const edgeBody = (status: number) =>
  status === 200
    ? { type: 'application/json', body: '{"status":"ok","message":"Service is up"}' }
    : status === 429
      ? { type: 'application/json', body: '{"message":"Too Many Requests"}' }
      : { type: 'text/html', body: `<html><body><h1>${status}</h1></body></html>` };
// The long outage: every call refused. Maintenance pages name a wait longer than a poll will sit
// through, so each poll gives up at once instead of sleeping through its retries; a share of resets
// and gateway timeouts keeps the retry path in it.
const DOWN: ProxyFault[] = [
  { kind: 'status', status: 503, retryAfter: 3_600 },
  { kind: 'status', status: 429, retryAfter: 3_600 },
  { kind: 'status', status: 503, retryAfter: 3_600 },
];

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

interface Upstream {
  /** Where the real vendor (sandbox) listens; the proxy forwards here. */
  target: string;
  /** The source entry of the config file, its URLs pointing at `base`. */
  source(base: string): Record<string, unknown>;
  /**
   * What the vendor announces by webhook. Jobber's polling cannot see a deletion, nor a payment entered
   * with a past date (payments are read by entry date): Jobber tells by a signed INVOICE_DESTROY,
   * PAYMENT_CREATE or PAYMENT_DESTROY.
   */
  webhook?(change: Change, sourceId: string): { topic: string; itemId: string; secret: string } | undefined;
  /** The credentials, as they stand now (Jobber rotates its refresh token). */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** The vendor's sandbox serving `world`, with the credentials a customer would put in the environment. */
async function startUpstream(vendor: Vendor, world: World): Promise<Upstream> {
  // One retry per request: enough for most faults to pass unnoticed, few enough that some reads fail.
  const common = { id: 'fieldpro', timeout: '1s', retries: 1, rate_limit: 500 };
  switch (vendor) {
    case 'servicetitan': {
      const sb = await startServiceTitanSandbox({
        world,
        tenant: '4001',
        clientId: 'proof-st-client',
        clientSecret: 'proof-st-secret',
        appKey: 'proof-st-app',
        ratePerSecond: 1_000,
      });
      return {
        target: sb.url,
        source: (base) => ({
          ...common,
          type: 'servicetitan',
          name: 'ServiceTitan',
          tenant: '4001',
          api_url: base,
          token_url: `${base}/connect/token`,
        }),
        env: () => ({ ST_CLIENT_ID: 'proof-st-client', ST_CLIENT_SECRET: 'proof-st-secret', ST_APP_KEY: 'proof-st-app' }),
        close: () => sb.close(),
      };
    }
    case 'jobber': {
      const sb = await startJobberSandbox({
        world,
        clientId: 'proof-jobber',
        clientSecret: 'proof-jobber-secret',
        refreshToken: 'proof-refresh',
        rotateRefreshTokens: true,
        restoreRate: 50_000,
        requestsPer5Minutes: 100_000,
      });
      return {
        target: sb.url,
        source: (base) => ({
          ...common,
          type: 'jobber',
          name: 'Jobber',
          ids: 'gid_number',
          api_url: `${base}/api/graphql`,
          token_url: `${base}/api/oauth/token`,
        }),
        webhook: (change, sourceId) => {
          const [topic, type] =
            change === 'invoice deleted'
              ? ['INVOICE_DESTROY', 'Invoice']
              : change === 'payment added'
                ? ['PAYMENT_CREATE', 'PaymentRecord']
                : ['PAYMENT_DESTROY', 'PaymentRecord'];
          return { topic, itemId: encodedId(type, numericId(sourceId)), secret: 'proof-jobber-secret' };
        },
        env: () => ({
          JOBBER_CLIENT_ID: 'proof-jobber',
          JOBBER_CLIENT_SECRET: 'proof-jobber-secret',
          JOBBER_REFRESH_TOKEN: sb.currentRefreshToken(),
        }),
        close: () => sb.close(),
      };
    }
    case 'housecallpro': {
      const sb = await startHousecallProSandbox({ world, apiKey: 'proof-hcp-key', ratePerSecond: 1_000 });
      return {
        target: sb.url,
        source: (base) => ({ ...common, type: 'housecallpro', name: 'Housecall Pro', location_from: 'company_name', api_url: base }),
        env: () => ({ HCP_API_KEY: 'proof-hcp-key' }),
        close: () => sb.close(),
      };
    }
    case 'http': {
      const api = await startInHouseApi(world, 'proof-inhouse-token');
      return {
        target: api.url,
        source: (base) => ({
          ...common,
          type: 'http',
          name: 'In-house API',
          base_url: `${base}/v1`,
          auth: { type: 'bearer', token_env: 'INHOUSE_TOKEN' },
          endpoints: inHouseEndpoints(),
        }),
        env: () => ({ INHOUSE_TOKEN: 'proof-inhouse-token' }),
        close: api.close,
      };
    }
  }
}

/** The config file: the vendor source, the QuickBooks sandbox (healthy), one Slack channel. */
function writeVendorConfig(
  dir: string,
  file: string,
  vendor: Vendor,
  source: Record<string, unknown>,
  sqlite: string,
  channels: unknown[],
  realm: string,
): string {
  // As the demo: Housecall Pro exposes no id the sync writes into QuickBooks, so it links by number;
  // ServiceTitan and Jobber payment ids are numbers (FieldPro's P70001 is 70001 there).
  const byId = vendor !== 'housecallpro';
  const paymentNote = vendor === 'http' ? '(?:FieldPro|Card) payment (?<id>\\S+)' : '(?:FieldPro|Card) payment P?(?<id>\\S+)';
  const target = path.join(dir, file);
  writeFileSync(
    target,
    YAML.stringify({
      company: { id: 'proof', name: 'Proof Heating & Air', time_zone: ZONE },
      storage: { sqlite },
      rules: [DEFAULT_RULES],
      sources: [source, { id: 'quickbooks', type: 'quickbooks', realm_id: realm, sandbox_data: 'quickbooks' }],
      matching: {
        invoice: [...(byId ? [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }] : []), { by: 'doc_number' }],
        payment: [...(byId ? [{ by: 'private_note', pattern: paymentNote }] : []), { by: 'reference' }],
      },
      channels,
      incidents: { notify_low: true },
    }),
  );
  return target;
}

/**
 * A realm of its own for each service: the QuickBooks client paces requests per realm across the
 * process, so the four vendors' services (run side by side) would otherwise queue behind each other.
 */
const realmOf = (seedOffset: number, n: number) => `${DEMO_REALM.slice(0, -4)}${String(seedOffset * 10 + n).padStart(4, '0')}`;

interface Toggle {
  name: string;
  on(at: number): void;
  off(at: number): void;
}

/**
 * Changes in the vendor's data, each a finding the shipped rules raise or clear: an invoice total edited
 * after it synced, a new invoice that never reached QuickBooks, a payment entered with a past date, an
 * invoice deleted in the vendor. Each
 * flips on and off, stamped with the test's clock, as the vendor stamps its own changes.
 */
type Change = 'invoice deleted' | 'payment added' | 'payment deleted';

function worldToggles(world: World, changed: (change: Change, sourceId: string) => void): Toggle[] {
  const invoices = world.list('invoices').map((r) => r.record);
  const at = (k: number) => invoices[k % invoices.length]!;
  const list: Toggle[] = [];
  for (const k of [0, 4, 9, 14]) {
    const orig = at(k);
    list.push({
      name: `edit-${orig.number}`,
      on: (t) =>
        world.upsert(
          'invoices',
          { ...orig, totalCents: orig.totalCents + 1_234, ...(orig.balanceCents ? { balanceCents: orig.balanceCents + 1_234 } : {}) },
          t,
        ),
      off: (t) => world.upsert('invoices', orig, t),
    });
  }
  for (const k of [2, 7, 12]) {
    const orig = at(k);
    const id = `9${orig.sourceId.replace(/^\D+/, '')}`;
    list.push({
      name: `unsynced-9${orig.number}`,
      on: (t) => {
        const issued = new Date(t - (4 + k) * 86_400_000).toISOString();
        const added: InvoiceRecord = {
          ...orig,
          sourceId: id,
          number: `9${orig.number}`,
          issuedAt: issued,
          createdAt: issued,
          txnDate: issued.slice(0, 10),
          dueDate: issued.slice(0, 10),
          syncStatus: 'pending',
        };
        delete added.syncError;
        world.upsert('invoices', added, t);
      },
      off: (t) => {
        world.remove('invoices', id, t);
        changed('invoice deleted', id);
      },
    });
  }
  // A check received days ago, entered today (its date in the past): the customer looks unpaid in
  // QuickBooks until it syncs.
  const payments = world.list('payments').map((r) => r.record);
  for (const k of [1, 6]) {
    const orig = payments[k % payments.length]!;
    const id = `P9${orig.sourceId.replace(/^\D+/, '')}`;
    list.push({
      name: `backdated-payment-${id}`,
      on: (t) => {
        const received = new Date(t - 3 * 86_400_000).toISOString();
        world.upsert(
          'payments',
          {
            ...orig,
            sourceId: id,
            reference: `CHK-${id}`,
            method: 'check',
            receivedAt: received,
            date: received.slice(0, 10),
            createdAt: received,
          },
          t,
        );
        changed('payment added', id);
      },
      off: (t) => {
        world.remove('payments', id, t);
        changed('payment deleted', id);
      },
    });
  }
  for (const k of [5, 11]) {
    const orig = at(k);
    list.push({
      name: `deleted-${orig.number}`,
      on: (t) => {
        world.remove('invoices', orig.sourceId, t);
        changed('invoice deleted', orig.sourceId);
      },
      off: (t) => world.upsert('invoices', orig, t),
    });
  }
  return list;
}

function flip(toggles: Toggle[], on: Set<string>, rng: Rng, t: number): string[] {
  const changed: string[] = [];
  for (let n = rng.int(1, 2); n > 0; n--) {
    const m = rng.pick(toggles);
    if (on.has(m.name)) {
      on.delete(m.name);
      m.off(t);
    } else {
      on.add(m.name);
      m.on(t);
    }
    changed.push(`${on.has(m.name) ? '+' : '-'}${m.name}`);
  }
  return changed;
}

interface VendorRun {
  vendor: Vendor;
  polls: number;
  failedReads: number;
  pollErrors: string[];
  /** Incidents or findings resolved by a poll whose upstream read failed. */
  resolvedByFailedRead: string[];
  requests: number;
  faults: Record<string, number>;
  mutations: number;
  /** Signed webhooks sent (Jobber). */
  webhooks: number;
  seconds?: number;
  staleOpened: boolean;
  staleResolved: boolean;
  staleParent: string | undefined;
  findings: { expected: number; problems: string[] };
  incidents: number;
  chat: ReturnType<typeof checkChat>;
}

async function runVendor(vendor: Vendor, seedOffset: number): Promise<VendorRun> {
  const rng = seeded(SEED + seedOffset);
  const faultRng = seeded(SEED + seedOffset + 100);
  const dir = mkdtempSync(path.join(os.tmpdir(), `sentinel-upstream-${vendor}-`));
  let clock = new Date();
  // The small company's files: QuickBooks from them, the vendor's records from its FieldPro export.
  smallCompany(dir, clock).write();
  const world = await loadWorldFromExports(path.join(dir, 'upstream', 'fieldpro'), ZONE);
  const upstream = await startUpstream(vendor, world);
  const proxy = await startFaultProxy({ target: upstream.target, errorBody: edgeBody });
  // Faults served, by what the connector saw: `429`, `503`, `200 wrong shape`, `timeout`, `malformed`, `reset`.
  const faults: Record<string, number> = {};
  const counted = (decide: (req: ProxiedRequest) => ProxyFault | null) => (req: ProxiedRequest) => {
    const f = decide(req);
    if (f) {
      const label = f.kind !== 'status' ? f.kind : f.status === 200 ? '200 wrong shape' : String(f.status);
      faults[label] = (faults[label] ?? 0) + 1;
    }
    return f;
  };
  const fake = await new SlackApiFake().start();
  cleanup.push(
    () => upstream.close(),
    () => proxy.close(),
    () => fake.stop(),
  );

  const dbPath = path.join(dir, 'sentinel.db');
  const config = writeVendorConfig(
    dir,
    'sync-sentinel.yaml',
    vendor,
    upstream.source(proxy.url),
    dbPath,
    [{ type: 'slack', name: 'ops', channel_id: OPS, pace_seconds: 0 }],
    realmOf(seedOffset, 0),
  );
  const env = readEnv(
    {
      SYNC_SENTINEL_CONFIG: config,
      SYNC_SENTINEL_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_API_URL: `${fake.baseUrl}/api/`,
      ...upstream.env(),
    },
    dir,
  );
  const booted = await boot(env, { now: clock, logLevel: 'silent' });
  const built = await wireBootedSources(booted, env);
  cleanup.push(
    () => built.close(),
    () => booted.close(),
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

  const slackClock = fake as unknown as { clock: number };
  const tick = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
    slackClock.clock = Math.max(slackClock.clock, Math.floor(clock.getTime() / 1000));
  };
  const started = Date.now();
  const run: Omit<VendorRun, 'findings' | 'incidents' | 'chat' | 'requests' | 'faults' | 'staleParent'> = {
    vendor,
    polls: 0,
    failedReads: 0,
    pollErrors: [],
    resolvedByFailedRead: [],
    mutations: 0,
    webhooks: 0,
    staleOpened: false,
    staleResolved: false,
  };
  // Jobber's webhooks reach the service's listener (here a bare server mounting its routes) at once.
  const hooks = await mountRoutes(built.routes ?? []);
  cleanup.push(hooks.close);
  const webhooks: Array<Promise<number>> = [];
  const toggles = worldToggles(world, (change, id) => {
    const hook = upstream.webhook?.(change, id);
    if (!hook) return;
    run.webhooks++;
    webhooks.push(
      hooks.post(
        `/webhooks/jobber/fieldpro`,
        {
          data: {
            webHookEvent: { topic: hook.topic, appId: 'proof', accountId: 'proof', itemId: hook.itemId, occurredAt: clock.toISOString() },
          },
        },
        hook.secret,
      ),
    );
  });
  const on = new Set<string>();
  const poll = async () => {
    run.polls++;
    try {
      const { cycle } = await service.runOnce();
      const line = cycle.pollRun.sources['fieldpro'] ?? '';
      if (line.startsWith('failed')) {
        run.failedReads++;
        // Nothing upstream was read, and QuickBooks did not change: nothing can have been fixed.
        for (const c of cycle.changes) {
          if (c.after.status === 'resolved' && c.before?.status !== 'resolved')
            run.resolvedByFailedRead.push(
              `poll ${run.polls}: incident ${c.after.number} (${c.after.ruleId}) resolved while ${line.slice(0, 120)}`,
            );
          for (const f of c.resolved)
            run.resolvedByFailedRead.push(`poll ${run.polls}: finding ${f.key} resolved while ${line.slice(0, 120)}`);
        }
      }
    } catch (err) {
      run.pollErrors.push(`poll ${run.polls}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const mutate = async () => {
    run.mutations += flip(toggles, on, rng, clock.getTime()).length;
    for (const status of await Promise.all(webhooks.splice(0))) if (status !== 200) run.pollErrors.push(`webhook answered ${status}`);
  };
  const staleStatus = () =>
    readLedger(dbPath, 'ops')
      .incidents.filter((i) => i.ruleId === 'stale-source')
      .at(-1)?.status;

  // The first read, clean: the company as it is.
  tick(10);
  await poll();
  // A bad afternoon: 30% of calls fail, the data keeps changing.
  proxy.setDecide(counted(randomFaults(faultRng.next, 0.3, FAULTS)));
  for (let i = 0; i < FLAKY_POLLS; i++) {
    tick(10);
    if (rng.chance(0.7)) await mutate();
    await poll();
  }
  // A long outage: every call fails for a few hours, and the data still changes behind it.
  proxy.setDecide(counted(randomFaults(faultRng.next, 1, DOWN)));
  for (let i = 0; i < OUTAGE_POLLS; i++) {
    tick(30);
    if (i % 2 === 0) await mutate();
    await poll();
  }
  run.staleOpened = staleStatus() === 'open';
  // The vendor answers again.
  proxy.setDecide(undefined);
  for (let i = 0; i < 6 && (i < 2 || staleStatus() !== 'resolved'); i++) {
    tick(10);
    await poll();
  }
  run.staleResolved = staleStatus() === 'resolved';

  // What an uninterrupted service raises over the same final data: a fresh database, straight to the vendor.
  const expected = await cleanRunFindings(dir, vendor, upstream, clock, realmOf(seedOffset, 1));
  const ledger = readLedger(dbPath, 'ops');
  const stale = ledger.incidents.filter((i) => i.ruleId === 'stale-source').at(-1);
  const staleParent = stale
    ? fake.messages.find((m) => m.channel === OPS && !m.thread_ts && ledger.threads.get(stale.id) === m.ts)?.text
    : undefined;
  run.seconds = Math.round((Date.now() - started) / 100) / 10;
  return {
    ...run,
    requests: proxy.requests,
    faults,
    staleParent,
    findings: checkFindings(ledger, expected),
    incidents: ledger.incidents.length,
    chat: checkChat(ledger, fake.messages, OPS),
  };
}

/** The findings a service that never saw a fault raises on the same data at the same time. */
async function cleanRunFindings(dir: string, vendor: Vendor, upstream: Upstream, now: Date, realm: string): Promise<Finding[]> {
  const config = writeVendorConfig(
    dir,
    'reference.yaml',
    vendor,
    upstream.source(upstream.target),
    path.join(dir, 'reference.db'),
    [{ type: 'console', name: 'console' }],
    realm,
  );
  const env = readEnv({ SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent', ...upstream.env() }, dir);
  const booted = await boot(env, { now, logLevel: 'silent', stdout: new PassThrough() });
  const built = await wireBootedSources(booted, env);
  try {
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
      now: () => now,
    });
    const { cycle } = await service.runOnce();
    if (!cycle.pollRun.ok) throw new Error(`the clean run failed: ${JSON.stringify(cycle.pollRun.sources)}`);
    return cycle.findings;
  } finally {
    await built.close();
    await booted.close();
  }
}

describe('upstream outages', () => {
  it.concurrent.for(VENDORS.map((v, i) => [v, i] as const))(
    `%s behind 30%% faults over ${FLAKY_POLLS} polls, then a ${OUTAGE_POLLS / 2}-hour outage: no poll throws, a failed read resolves nothing, the findings end as a clean run's, each alert once, and the outage is a stale-source incident that resolves`,
    { timeout: (LONG ? 1_200 : 120) * 1000 },
    async ([vendor, i], { expect }) => {
      const r = await runVendor(vendor, 10 + i);
      process.stdout.write(
        `upstream outages: ${JSON.stringify({ seed: SEED + 10 + i, vendor, seconds: r.seconds, polls: r.polls, failedReads: r.failedReads, requests: r.requests, faults: r.faults, mutations: r.mutations, webhooks: r.webhooks, expectedFindings: r.findings.expected, incidents: r.incidents, parents: r.chat.parents, replies: r.chat.replies, edits: r.chat.edits, staleOpened: r.staleOpened, staleResolved: r.staleResolved })}\n`,
      );
      expect(r.pollErrors).toEqual([]);
      expect(r.resolvedByFailedRead).toEqual([]);
      expect(r.findings.problems).toEqual([]);
      expect(r.findings.expected).toBeGreaterThan(0);
      expect(r.failedReads).toBeGreaterThanOrEqual(OUTAGE_POLLS);
      expect(r.staleOpened).toBe(true);
      expect(r.staleResolved).toBe(true);
      expect(r.staleParent).toMatch(/resolved/i);
      expectDeliveredOnce(r.chat);
      expect(r.chat.parents).toBeGreaterThan(0);
    },
  );
});

/**
 * A home-grown field-service API for the generic HTTP source, over the same records: page numbers
 * with a total, `updated_since`, bearer auth, money as decimal strings. A deleted invoice stays in the
 * list as `void`, as most such APIs keep it.
 */
async function startInHouseApi(world: World, token: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers['authorization'] !== `Bearer ${token}`) return json(401, { message: 'invalid token' });
    const entity = /^\/v1\/(customers|jobs|invoices|payments)$/.exec(url.pathname)?.[1] as WorldEntity | undefined;
    if (!entity) return json(404, { message: 'no such endpoint' });
    const since = url.searchParams.get('updated_since');
    const sinceMs = since ? Date.parse(since) : undefined;
    const rows = world.list(entity).filter((r) => sinceMs === undefined || r.modifiedMs > sinceMs);
    const page = Number(url.searchParams.get('page') ?? 1);
    const per = Number(url.searchParams.get('per_page') ?? 50);
    const items = rows
      .slice((page - 1) * per, page * per)
      .map((r) => inHouseWire(entity, r.record as unknown as Record<string, unknown>, r.deleted, r.modifiedMs));
    json(200, { data: items, meta: { page, total_pages: Math.max(1, Math.ceil(rows.length / per)) } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function inHouseWire(entity: WorldEntity, rec: Record<string, unknown>, deleted: boolean, modifiedMs: number): Record<string, unknown> {
  const money = (c: unknown) => (typeof c === 'number' ? decimalString(c) : null);
  const updated = new Date(modifiedMs).toISOString();
  switch (entity) {
    case 'customers':
      return { id: rec['sourceId'], name: rec['displayName'], email: rec['email'] ?? null, phone: rec['phone'] ?? null, updated };
    case 'jobs':
      return {
        id: rec['sourceId'],
        number: rec['number'],
        customer: { id: rec['customerId'], name: rec['customerName'] },
        status: rec['status'],
        completed: rec['completedAt'] ?? null,
        location: rec['location'] ?? null,
        unit: rec['businessUnit'] ?? null,
        total: money(rec['totalCents']),
        updated,
      };
    case 'invoices': {
      const i = rec as unknown as InvoiceRecord;
      return {
        id: i.sourceId,
        number: i.number,
        job: i.jobNumber ?? null,
        customer: { id: i.customerId, name: i.customerName },
        date: i.txnDate ?? null,
        due: i.dueDate ?? null,
        issued: i.issuedAt ?? null,
        amounts: { total: money(i.totalCents), tax: money(i.taxCents), balance: money(i.balanceCents) },
        status: deleted ? 'void' : i.status,
        class: i.className ?? null,
        location: i.location ?? null,
        unit: i.customFields?.['business_unit'] ?? null,
        sync: { status: i.syncStatus ?? null, error: i.syncError ?? null },
        updated,
        created: i.createdAt ?? null,
      };
    }
    case 'payments': {
      const applied = (rec['appliedTo'] as Array<{ invoiceId?: string; invoiceNumber?: string }> | undefined)?.[0];
      return {
        id: rec['sourceId'],
        reference: rec['reference'] ?? null,
        customer: { id: rec['customerId'], name: rec['customerName'] },
        date: rec['date'] ?? null,
        received: rec['receivedAt'] ?? null,
        amount: money(rec['amountCents']),
        invoice: { id: applied?.invoiceId ?? null, number: applied?.invoiceNumber ?? null },
        method: rec['method'] ?? null,
        updated,
      };
    }
  }
}

function inHouseEndpoints(): Record<string, unknown> {
  const page = { style: 'page', size_param: 'per_page', size: 50, total_pages: '$.meta.total_pages' };
  const ep = (p: string, fields: Record<string, string>) => ({
    path: p,
    records: '$.data',
    since_param: 'updated_since',
    pagination: page,
    fields,
  });
  return {
    customers: ep('/customers', { id: '$.id', name: '$.name', email: '$.email', phone: '$.phone', updated_at: '$.updated' }),
    jobs: ep('/jobs', {
      id: '$.id',
      number: '$.number',
      customer_id: '$.customer.id',
      customer_name: '$.customer.name',
      status: '$.status',
      completed_at: '$.completed',
      location: '$.location',
      business_unit: '$.unit',
      total: '$.total',
      updated_at: '$.updated',
    }),
    invoices: ep('/invoices', {
      id: '$.id',
      number: '$.number',
      job_number: '$.job',
      customer_id: '$.customer.id',
      customer_name: '$.customer.name',
      date: '$.date',
      due_date: '$.due',
      issued_at: '$.issued',
      total: '$.amounts.total',
      tax: '$.amounts.tax',
      balance: '$.amounts.balance',
      status: '$.status',
      class: '$.class',
      location: '$.location',
      business_unit: '$.unit',
      sync_status: '$.sync.status',
      sync_error: '$.sync.error',
      updated_at: '$.updated',
      created_at: '$.created',
    }),
    payments: ep('/payments', {
      id: '$.id',
      reference: '$.reference',
      customer_id: '$.customer.id',
      customer_name: '$.customer.name',
      date: '$.date',
      received_at: '$.received',
      amount: '$.amount',
      invoice_id: '$.invoice.id',
      invoice_number: '$.invoice.number',
      method: '$.method',
      updated_at: '$.updated',
    }),
  };
}

/** The service's webhook routes on a bare loopback server, and a signed POST to them (as Jobber signs). */
async function mountRoutes(
  routes: WebhookRoute[],
): Promise<{ post(path: string, body: unknown, secret: string): Promise<number>; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const route = routes.find((r) => r.method === req.method && r.path === req.url);
    if (route) void route.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async post(p, body, secret) {
      const raw = JSON.stringify(body);
      const res = await fetch(`${url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-jobber-hmac-sha256': createHmac('sha256', secret).update(raw).digest('base64') },
        body: raw,
      });
      return res.status;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
