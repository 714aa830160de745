// Starts the QuickBooks sandbox on 127.0.0.1 over a temporary data folder and builds sources and raw
// node-quickbooks clients pointed at it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QuickBooks from 'node-quickbooks';
import { createQuickbooksSource, type QuickbooksSourceOptions } from '../../../adapters/quickbooks/source';
import {
  startQuickbooksSandbox,
  writeSandboxData,
  type EntityFile,
  type QuickbooksSandbox,
  type QuickbooksSandboxOptions,
} from '../../../adapters/quickbooks-sandbox/server';

export const REALM = '9130357766012345';
export const ACCESS_TOKEN = 'at-Zx8s3cr3t-token-value';
export const REFRESH_TOKEN = 'rt-AB12-refresh-value';

export interface Harness {
  sandbox: QuickbooksSandbox;
  dir: string;
  write(data: Partial<Record<EntityFile, unknown>>): Promise<void>;
  source(overrides?: Partial<QuickbooksSourceOptions>): ReturnType<typeof createQuickbooksSource>;
  /** node-quickbooks itself, promisified, for checking the wire the SDK speaks. */
  sdk(accessToken?: string): SdkCall;
  close(): Promise<void>;
}

export type SdkCall = (method: string, ...args: unknown[]) => Promise<{ err: unknown; data: unknown }>;

export async function startHarness(
  data: Partial<Record<EntityFile, unknown>> = {},
  options: Partial<QuickbooksSandboxOptions> = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'qbo-sandbox-'));
  await writeSandboxData(dir, data);
  // Rate limits off unless a test is about them: the raw SDK calls here are not throttled.
  const sandbox = await startQuickbooksSandbox({
    dataDir: dir,
    realmId: REALM,
    accessToken: ACCESS_TOKEN,
    refreshToken: REFRESH_TOKEN,
    limits: false,
    ...options,
  });
  return {
    sandbox,
    dir,
    write: (more) => writeSandboxData(dir, more),
    source: (overrides = {}) =>
      createQuickbooksSource({
        id: 'quickbooks',
        realmId: REALM,
        baseUrl: sandbox.baseUrl,
        minorVersion: 75,
        // One try: these tests look at how a single failure is reported; retries have their own.
        retry: { attempts: 1 },
        timeoutMs: 5_000,
        credentials: { clientId: 'client-id', clientSecret: 'client-secret', accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
        ...overrides,
      }),
    sdk: (accessToken = ACCESS_TOKEN) => {
      const qbo = new QuickBooks('client-id', 'client-secret', accessToken, false, REALM, false, false, '75', '2.0', REFRESH_TOKEN);
      qbo.endpoint = sandbox.baseUrl;
      const methods = qbo as unknown as Record<string, (...args: unknown[]) => void>;
      return (method, ...args) =>
        new Promise((resolve) => methods[method]?.call(qbo, ...args, (err: unknown, data: unknown) => resolve({ err, data })));
    },
    close: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The `query` parameter of every query request the sandbox received, in order. */
export function queriesSent(sandbox: QuickbooksSandbox): string[] {
  return sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => r.query.query ?? '');
}
