// A QuickBooks sandbox plus a real token vault (SQLite file, AES-256-GCM) connected through the
// sandbox's own OAuth flow, and sources built on them the way the service builds them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectQuickbooks, followRedirects } from '../../../adapters/quickbooks/connect';
import { createOAuthApp, type OAuthApp } from '../../../adapters/quickbooks/oauth';
import { createQuickbooksSource, type QuickbooksSourceOptions } from '../../../adapters/quickbooks/source';
import { createTokenManager, type TokenManagerOptions } from '../../../adapters/quickbooks/token-manager';
import type { EntityFile, QuickbooksSandboxOptions } from '../../../adapters/quickbooks-sandbox/server';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import type { Logger } from '../../../src/ports/logger';
import type { QboVault, Storage } from '../../../src/ports/storage';
import { REALM, startHarness, type Harness } from './harness';

export const COMPANY = 'acme';
export const CLIENT_ID = 'client-id';
export const CLIENT_SECRET = 'client-secret-8f3a';

export interface Connected {
  h: Harness;
  /** The SQLite file behind `storage`. */
  file: string;
  storage: Storage;
  key: Buffer;
  vault: QboVault;
  app: OAuthApp;
  manager(overrides?: Partial<TokenManagerOptions>): ReturnType<typeof createTokenManager>;
  source(overrides?: Partial<QuickbooksSourceOptions>): ReturnType<typeof createQuickbooksSource>;
  connect(): Promise<{ realmId: string; companyName: string | undefined }>;
  close(): Promise<void>;
}

export async function startConnected(
  data: Partial<Record<EntityFile, unknown>> = {},
  options: Partial<QuickbooksSandboxOptions> = {},
): Promise<Connected> {
  const h = await startHarness({ CompanyInfo: { Id: REALM, CompanyName: 'Acme HVAC' }, ...data }, options);
  const dir = await mkdtemp(join(tmpdir(), 'qbo-vault-'));
  const file = join(dir, 'sentinel.db');
  const key = randomBytes(32);
  const storage = openSqliteStorage(file);
  const vault = storage.qboVault(COMPANY, key);
  const app = createOAuthApp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    authorizeUrl: h.sandbox.authorizeUrl,
    tokenUrl: h.sandbox.tokenUrl,
    timeoutMs: 5_000,
  });
  const connect = () =>
    connectQuickbooks({
      app,
      store: vault,
      baseUrl: h.sandbox.baseUrl,
      minorVersion: 75,
      timeoutMs: 5_000,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      port: 0,
      open: followRedirects,
    });
  await connect();
  const manager = (overrides: Partial<TokenManagerOptions> = {}) =>
    createTokenManager({ realmId: REALM, store: vault, refresh: (rt, now) => app.refresh(rt, now), ...overrides });
  return {
    h,
    file,
    storage,
    key,
    vault,
    app,
    manager,
    connect,
    source: (overrides = {}) =>
      createQuickbooksSource({
        id: 'quickbooks',
        realmId: REALM,
        baseUrl: h.sandbox.baseUrl,
        minorVersion: 75,
        timeoutMs: 5_000,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        tokens: manager(),
        webhooks: vault,
        retry: { attempts: 1 },
        ...overrides,
      }),
    async close() {
      await storage.close();
      await h.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A Logger that keeps every line, to check that nothing secret is ever logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (obj: Record<string, unknown>, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`);
  return { lines, info: write, warn: write, error: write };
}
