// The QuickBooks source as the service builds it from config and environment: connect, the vault on
// the service's database, the refusal to start without the key, and a lost connection surfacing as one
// critical incident that holds back the record findings it makes unreliable.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followRedirects } from '../../../adapters/quickbooks/connect';
import { startQuickbooksSandbox, type QuickbooksSandbox } from '../../../adapters/quickbooks-sandbox/server';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { wireSources } from '../../../src/app/wire-sources';
import { DEMO_REALM, demoConfig } from '../../../src/app/demo-config';
import { readEnv, type Env } from '../../../src/app/env';
import { connectConfiguredQuickbooks } from '../../../src/app/wire-quickbooks';
import { createService } from '../../../src/app/service';
import { configSchema, type Config, type QuickbooksSourceConfig } from '../../../src/config/schema';
import { loadRuleFiles } from '../../../src/rules/load-files';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { silentLogger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';
import { generateDemo, writeDemo } from '../../../demo/generate';

let dir: string;
let sandbox: QuickbooksSandbox;
let config: Config;
let env: Env;
let raw: { sources: Array<Record<string, unknown>> } & Record<string, unknown>;
let storage: Storage;
const key = randomBytes(32).toString('base64');

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qbo-wiring-'));
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
  writeDemo(path.join(dir, 'demo'), generateDemo({ now: new Date() }));
  sandbox = await startQuickbooksSandbox({
    dataDir: path.join(dir, 'demo', 'quickbooks'),
    realmId: DEMO_REALM,
    accessToken: 'unused-initial-token',
  });
  const base = demoConfig(dir);
  raw = {
    company: base.company,
    rules: [DEFAULT_RULES],
    sources: [
      { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' },
      { id: 'card-payments', type: 'files', name: 'Card processor export', path: 'upstream/card-payments' },
      {
        id: 'quickbooks',
        type: 'quickbooks',
        name: 'QuickBooks Online',
        realm_id: DEMO_REALM,
        base_url: sandbox.baseUrl,
        token_url: sandbox.tokenUrl,
        authorize_url: sandbox.authorizeUrl,
      },
    ],
    matching: { invoice: base.matching.invoice, payment: base.matching.payment },
  };
  config = configSchema.parse(raw);
  env = readEnv(
    { SYNC_SENTINEL_DATA_DIR: dir, QBO_CLIENT_ID: 'app-client-id', QBO_CLIENT_SECRET: 'app-client-secret', SYNC_SENTINEL_SECRET_KEY: key },
    dir,
  );
});
afterEach(async () => {
  await storage.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const qboConfig = () => config.sources.find((s): s is QuickbooksSourceConfig => s.type === 'quickbooks')!;
const ctx = (e: Env = env) => ({
  env: e,
  baseDir: path.join(dir, 'demo'),
  storage,
  companyId: config.company.id,
  defaultCountry: 'US',
  log: silentLogger,
});

/** What a person does: open the printed address and approve (the sandbox approves at once). */
async function connectByHand(): Promise<string[]> {
  const printed: string[] = [];
  const opened: Promise<void>[] = [];
  const connected = await connectConfiguredQuickbooks(qboConfig(), ctx(), (line) => {
    printed.push(line);
    const url = /https?:\/\/\S+/.exec(line)?.[0];
    if (url) opened.push(followRedirects(url));
  });
  await Promise.all(opened);
  printed.push(`connected ${connected.companyName} ${connected.realmId}`);
  return printed;
}

describe('sync-sentinel connect quickbooks', () => {
  it('prints the address to approve, then the company it connected to', async () => {
    const printed = await connectByHand();
    expect(printed[0]).toMatch(
      /^Open this address in a browser signed in to QuickBooks and approve the connection:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/connect\/oauth2\?/,
    );
    expect(printed[0]).toMatch(/redirect_uri=http%3A%2F%2Flocalhost%3A8787%2Fcallback/);
    expect(printed.at(-1)).toBe(`connected Summit Comfort Services ${DEMO_REALM}`);
  });

  it('refuses to connect without the encryption key, naming it', async () => {
    const keyless = readEnv({ SYNC_SENTINEL_DATA_DIR: dir, QBO_CLIENT_ID: 'a', QBO_CLIENT_SECRET: 'b' }, dir);
    await expect(connectConfiguredQuickbooks(qboConfig(), ctx(keyless), () => undefined)).rejects.toThrow(
      /Set SYNC_SENTINEL_SECRET_KEY first/,
    );
  });
});

describe('starting the service with a QuickBooks source', () => {
  it('says to run connect when no company is connected', async () => {
    await expect(wireSources(config, env, path.join(dir, 'demo'), { storage })).rejects.toThrow(
      /QuickBooks: company 9130350000000001 is not connected — run `sync-sentinel connect quickbooks`/,
    );
  });

  it('refuses to start with stored tokens and no key, saying what to set', async () => {
    await connectByHand();
    const keyless = readEnv({ SYNC_SENTINEL_DATA_DIR: dir, QBO_CLIENT_ID: 'app-client-id', QBO_CLIENT_SECRET: 'app-client-secret' }, dir);
    await expect(wireSources(config, keyless, path.join(dir, 'demo'), { storage })).rejects.toThrow(
      /QuickBooks tokens are stored in .*sentinel\.db but SYNC_SENTINEL_SECRET_KEY is not set: set it to the key they were stored with/,
    );
  });

  it('takes QBO_REFRESH_TOKEN as a one-time seed for a vault that is still empty', async () => {
    await connectByHand();
    const stored = (await storage.qboVault(config.company.id, Buffer.from(key, 'base64')).load(DEMO_REALM))!;
    // A second deployment whose database has no tokens yet, seeded from the environment.
    const fresh = openSqliteStorage(path.join(dir, 'second.db'));
    const seeded = readEnv(
      {
        SYNC_SENTINEL_DATA_DIR: dir,
        QBO_CLIENT_ID: 'app-client-id',
        QBO_CLIENT_SECRET: 'app-client-secret',
        SYNC_SENTINEL_SECRET_KEY: key,
        QBO_REFRESH_TOKEN: stored.refreshToken,
      },
      dir,
    );
    const built = await wireSources(config, seeded, path.join(dir, 'demo'), { storage: fresh });
    const read = await built.sources.find((s) => s.id === 'quickbooks')!.read({ now: new Date() });
    await built.close();
    await fresh.close();
    expect(read.mode).toBe('full');
    expect(sandbox.refreshCount()).toBe(1);
  });

  it('needs the webhook verifier token before it listens for webhooks', async () => {
    await connectByHand();
    const withHooks = configSchema.parse({
      ...raw,
      sources: raw.sources.map((s) => (s.type === 'quickbooks' ? { ...s, webhooks: { port: 0, host: '127.0.0.1' } } : s)),
    });
    await expect(wireSources(withHooks, env, path.join(dir, 'demo'), { storage, listen: true })).rejects.toThrow(
      /set QBO_WEBHOOK_VERIFIER_TOKEN to the Verifier Token/,
    );
  });
});

describe('a QuickBooks connection that is lost', () => {
  it('opens one critical incident saying to reconnect, and holds back the record findings it affects', async () => {
    await connectByHand();
    const { store } = storage;
    const built = await wireSources(config, env, path.join(dir, 'demo'), { storage });
    const loaded = await loadRuleFiles([DEFAULT_RULES]);
    if (!loaded.ok) throw new Error('rules');
    const service = await createService({
      config,
      loadRules: async () => ({ ok: true, rules: loaded.rules }),
      store,
      sources: built.sources,
      channels: [],
      log: silentLogger,
    });
    try {
      const healthy = await service.runOnce();
      expect(healthy.cycle.pollRun.ok).toBe(true);
      const recordFindings = healthy.cycle.findings.filter((f) => f.kind !== 'stale' && f.kind !== 'malformed').length;
      expect(recordFindings).toBeGreaterThan(0);

      sandbox.revokeConnection();
      const lost = await service.runOnce();
      expect(lost.cycle.pollRun.sources['quickbooks']).toMatch(
        /^failed · QuickBooks disconnected — run `sync-sentinel connect quickbooks`/,
      );
      const stale = lost.cycle.findings.filter((f) => f.kind === 'stale' && f.subject.source === 'quickbooks');
      expect(stale.map((f) => f.summary)).toEqual([
        expect.stringMatching(/^QuickBooks Online: QuickBooks disconnected — run `sync-sentinel connect quickbooks`/),
      ]);
      const held = lost.cycle.findings.filter((f) => f.kind !== 'stale' && f.kind !== 'malformed');
      expect(held.length).toBeGreaterThan(0);
      const onQuickbooks = held.filter((f) => f.subject.source === 'quickbooks' || f.related.some((r) => r.source === 'quickbooks'));
      expect(onQuickbooks.length).toBeGreaterThan(0);
      expect(onQuickbooks.every((f) => f.suppressedBy === 'QuickBooks Online')).toBe(true);
      // An upstream job never invoiced upstream does not depend on QuickBooks and still alerts.
      expect(held.filter((f) => !f.suppressedBy).map((f) => f.ruleId)).toContain('uninvoiced-job');

      const incident = (await store.loadIncidents(config.company.id)).find((i) => i.ruleId === 'stale-source' && i.status === 'open');
      expect(incident?.classification.severity).toBe('critical');
    } finally {
      await built.close();
    }
  });
});
