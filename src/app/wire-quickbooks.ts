// Builds a QuickBooks source from its config: the token vault in the deployment's storage, the OAuth
// app, the token manager, the webhook listener, and for the demo the sandbox with a connection seeded
// through the sandbox's own authorization flow.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { QuickbooksSourceConfig } from '../config/schema';
import { SentinelError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import type { SourcePort } from '../ports/source';
import type { QboVault, Storage } from '../ports/storage';
import { connectQuickbooks, followRedirects, type Connected } from '../../adapters/quickbooks/connect';
import { createOAuthApp, PRODUCTION_TOKEN_URL, type OAuthApp } from '../../adapters/quickbooks/oauth';
import { terminalProgress } from '../../adapters/quickbooks/progress';
import { createQuickbooksSource } from '../../adapters/quickbooks/source';
import { createTokenManager } from '../../adapters/quickbooks/token-manager';
import { startWebhookServer, type WebhookServer } from '../../adapters/quickbooks/webhooks';
import { startQuickbooksSandbox, type QuickbooksSandbox } from '../../adapters/quickbooks-sandbox/server';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';
import { parseSecretKey, SECRET_KEY_ENV } from '../../adapters/storage/secret-box';
import { DEMO_TOKEN } from './demo-config';
import type { Env } from './env';

export interface QuickbooksWiring {
  source: SourcePort;
  close(): Promise<void>;
}

export interface WiringContext {
  env: Env;
  baseDir: string;
  storage: Storage;
  /** The config's company id: the vault keeps each company's connections apart. */
  companyId: string;
  defaultCountry: string;
  log?: Logger;
  /** Start the webhook listener when configured (`serve`). */
  listen?: boolean;
  /** How the client waits between tries (tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
}

interface Endpoints {
  app: OAuthApp;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  sandbox?: QuickbooksSandbox;
}

export async function wireQuickbooksSource(s: QuickbooksSourceConfig, ctx: WiringContext): Promise<QuickbooksWiring> {
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const key = ctx.env.qbo.secretKey ? parseSecretKey(ctx.env.qbo.secretKey) : undefined;
    // A second process on the same data folder has its own sandbox and would otherwise read tokens its
    // sandbox never issued: a sandbox's vault is this process's own (scratchVault).
    const vault = s.sandbox_data ? scratchVault(ctx.companyId, closers) : ctx.storage.qboVault(ctx.companyId, key);
    const ends = await endpoints(s, ctx);
    if (ends.sandbox) closers.push(() => ends.sandbox!.close());

    let realmId: string;
    if (ends.sandbox) {
      realmId = (await connect(s, ends, vault, async (url) => followRedirects(url))).realmId;
    } else {
      if (!key && (await vault.realms()).length > 0) {
        throw new SentinelError(
          'config.secret_key_missing',
          'config',
          `QuickBooks tokens are stored in ${ctx.storage.where} but ${SECRET_KEY_ENV} is not set: set it to the key they were stored with (32 bytes, base64 or hex).`,
        );
      }
      realmId = await resolveRealm(s, ctx.env, vault);
      // Opened now, so a key that cannot decrypt them refuses start-up instead of failing every poll.
      await vault.load(realmId);
    }

    const tokens = createTokenManager({
      realmId,
      store: vault,
      refresh: (rt, now) => ends.app.refresh(rt, now),
      ...(ctx.log ? { log: ctx.log } : {}),
    });
    const source = createQuickbooksSource({
      id: s.id,
      displayName: s.name ?? (ends.sandbox ? 'QuickBooks Online (sandbox)' : 'QuickBooks Online'),
      realmId,
      baseUrl: ends.baseUrl,
      minorVersion: s.minor_version,
      timeoutMs: s.timeout,
      clientId: ends.clientId,
      clientSecret: ends.clientSecret,
      tokens,
      defaultCountry: ctx.defaultCountry,
      // The demo company is edited by hand, without LastUpdatedTime stamps that change data capture
      // would need; reading it whole each poll keeps "edit a file and run again" true.
      fullRecheckMs: ends.sandbox ? 0 : s.full_recheck,
      overlapMs: s.overlap,
      retry: { attempts: s.retry.attempts, baseDelayMs: s.retry.backoff, maxWaitMs: s.retry.max_wait },
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      webhooks: vault,
      progress: () => terminalProgress(),
      ...(ctx.log ? { log: ctx.log } : {}),
    });

    if (ctx.listen && s.webhooks) {
      const verifier = ctx.env.qbo.webhookVerifierToken;
      if (!verifier)
        throw new SentinelError(
          'config.qbo_webhook_token',
          'config',
          `The QuickBooks source "${s.id}" receives webhooks: set QBO_WEBHOOK_VERIFIER_TOKEN to the Verifier Token shown under your Intuit app's Webhooks settings.`,
        );
      const server: WebhookServer = await startWebhookServer({
        verifierToken: verifier,
        sink: vault,
        realms: new Set([realmId]),
        port: s.webhooks.port,
        host: s.webhooks.host,
        path: s.webhooks.path,
        ...(ctx.log ? { log: ctx.log } : {}),
      });
      closers.push(() => server.close());
      ctx.log?.info({ url: server.url }, 'listening for QuickBooks webhooks');
    }
    return { source, close: async () => closeAll(closers) };
  } catch (err) {
    await closeAll(closers);
    throw err;
  }
}

/** `sync-sentinel connect quickbooks`: the authorization-code flow for the configured source. */
export async function connectConfiguredQuickbooks(
  s: QuickbooksSourceConfig,
  ctx: WiringContext,
  print: (line: string) => void,
): Promise<Connected> {
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const key = ctx.env.qbo.secretKey ? parseSecretKey(ctx.env.qbo.secretKey) : undefined;
    if (!key && !s.sandbox_data) {
      throw new SentinelError(
        'config.secret_key_missing',
        'config',
        `Set ${SECRET_KEY_ENV} first: the QuickBooks tokens are stored encrypted with it (32 random bytes, base64 or hex; \`openssl rand -base64 32\`).`,
      );
    }
    // A sandbox's tokens die with it (see wireQuickbooksSource): nothing of them is stored.
    const vault = s.sandbox_data ? scratchVault(ctx.companyId, closers) : ctx.storage.qboVault(ctx.companyId, key!);
    const ends = await endpoints(s, ctx);
    if (ends.sandbox) closers.push(() => ends.sandbox!.close());
    return await connect(s, ends, vault, async (url) => {
      if (ends.sandbox) return followRedirects(url);
      print(
        `Open this address in a browser signed in to QuickBooks and approve the connection:\n\n  ${url}\n\nWaiting for QuickBooks to send you back to this machine…`,
      );
    });
  } finally {
    await closeAll(closers);
  }
}

async function connect(
  s: QuickbooksSourceConfig,
  ends: Endpoints,
  vault: QboVault,
  open: (url: string) => Promise<void>,
): Promise<Connected> {
  return connectQuickbooks({
    app: ends.app,
    store: vault,
    baseUrl: ends.baseUrl,
    minorVersion: s.minor_version,
    timeoutMs: s.timeout,
    clientId: ends.clientId,
    clientSecret: ends.clientSecret,
    port: ends.sandbox ? 0 : s.connect_port,
    open,
  });
}

async function endpoints(s: QuickbooksSourceConfig, ctx: WiringContext): Promise<Endpoints> {
  if (s.sandbox_data) {
    const sandbox = await startQuickbooksSandbox({
      dataDir: path.resolve(ctx.baseDir, s.sandbox_data),
      realmId: s.realm_id.startsWith('env:') ? (ctx.env.qbo.realmId ?? '9130350000000001') : s.realm_id,
      accessToken: DEMO_TOKEN,
    });
    const app = createOAuthApp({
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      authorizeUrl: sandbox.authorizeUrl,
      tokenUrl: sandbox.tokenUrl,
      timeoutMs: s.timeout,
    });
    return { app, baseUrl: sandbox.baseUrl, clientId: 'sandbox-client', clientSecret: 'sandbox-secret', sandbox };
  }
  const { clientId, clientSecret } = ctx.env.qbo;
  if (!clientId || !clientSecret) {
    const missing = [!clientId && 'QBO_CLIENT_ID', !clientSecret && 'QBO_CLIENT_SECRET'].filter(Boolean).join(' and ');
    throw new SentinelError(
      'config.qbo_credentials',
      'config',
      `Set ${missing} in the environment (the Keys & credentials page of your Intuit developer app).`,
    );
  }
  const app = createOAuthApp({
    clientId,
    clientSecret,
    authorizeUrl: s.authorize_url,
    tokenUrl: s.token_url ?? PRODUCTION_TOKEN_URL,
    timeoutMs: s.timeout,
  });
  return { app, baseUrl: s.base_url, clientId, clientSecret };
}

/**
 * The realm to read: the configured one, else the only connected one. QBO_REFRESH_TOKEN (with
 * QBO_REALM_ID) still works as a one-time seed for deployments that predate `connect`.
 */
async function resolveRealm(s: QuickbooksSourceConfig, env: Env, vault: QboVault): Promise<string> {
  const configured = s.realm_id.startsWith('env:') ? env.qbo.realmId : s.realm_id;
  const stored = await vault.realms();
  if (configured && !stored.includes(configured) && env.qbo.refreshToken) {
    const now = new Date();
    const tokens = {
      accessToken: env.qbo.accessToken ?? '',
      refreshToken: env.qbo.refreshToken,
      accessExpiresAt: env.qbo.accessToken ? new Date(now.getTime() + 50 * 60_000).toISOString() : now.toISOString(),
    };
    await vault.connect(configured, tokens, undefined, now.toISOString());
    return configured;
  }
  if (configured) {
    if (!stored.includes(configured)) throw notConnected(`company ${configured} is not connected`);
    return configured;
  }
  if (stored.length === 1) return stored[0]!;
  if (stored.length === 0) throw notConnected('no company is connected');
  throw new SentinelError(
    'config.qbo_realm',
    'config',
    `Several QuickBooks companies are connected (${stored.join(', ')}): set realm_id on the source, or QBO_REALM_ID, to the one to watch.`,
  );
}

function notConnected(what: string): SentinelError {
  return new SentinelError(
    'config.qbo_not_connected',
    'config',
    `QuickBooks: ${what} — run \`sync-sentinel connect quickbooks\` (with QBO_CLIENT_ID, QBO_CLIENT_SECRET and ${SECRET_KEY_ENV} set).`,
  );
}

/**
 * A sandbox's tokens are good only at the sandbox this process started, so they stay in this process:
 * a vault in a private in-memory database under a throwaway key, closed with the source.
 */
function scratchVault(companyId: string, closers: Array<() => Promise<void> | void>): QboVault {
  const scratch = openSqliteStorage(':memory:');
  closers.push(() => scratch.close());
  return scratch.qboVault(companyId, randomBytes(32));
}

async function closeAll(closers: Array<() => Promise<void> | void>): Promise<void> {
  for (const close of closers.reverse()) await close();
}
