// `sync-sentinel connect quickbooks`: the OAuth 2 authorization-code flow with a one-page callback on
// localhost. Prints the authorize URL, waits for Intuit to redirect back with a code, exchanges it
// (intuit-oauth), stores realm and tokens in the vault, and names the company it connected to.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SentinelError } from '../../src/domain/errors';
import type { TokenStore } from '../../src/ports/token-store';
import { createQuickbooksClient } from './client';
import type { OAuthApp } from './oauth';
import { createTokenManager } from './token-manager';

export interface ConnectOptions {
  app: OAuthApp;
  store: TokenStore;
  /** API base ending in /v3/company/, for the CompanyInfo read that names the company. */
  baseUrl: string;
  minorVersion: number;
  timeoutMs: number;
  clientId: string;
  clientSecret: string;
  /** Callback port (0 = any free port). */
  port: number;
  /** How long to wait for the person to approve. */
  waitMs?: number;
  /** Shows the authorize URL (printed by default; the sandbox seed follows it itself). */
  open(url: string): void | Promise<void>;
  now?: () => Date;
}

export interface Connected {
  realmId: string;
  companyName: string | undefined;
}

export async function connectQuickbooks(opts: ConnectOptions): Promise<Connected> {
  const now = opts.now ?? (() => new Date());
  const state = randomBytes(16).toString('hex');
  let settle: { resolve(c: Connected): void; reject(e: unknown): void } | undefined;
  const done = new Promise<Connected>((resolve, reject) => (settle = { resolve, reject }));

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const page = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>sync-sentinel</title><p>${escapeHtml(text)}</p>`);
    };
    const realmId = url.searchParams.get('realmId');
    if (url.searchParams.get('state') !== state)
      return page(400, 'This link is not from the connect command that is running. Start it again.');
    if (url.searchParams.get('error')) {
      page(400, 'QuickBooks did not grant access. You can close this tab.');
      return settle?.reject(
        new SentinelError('quickbooks.connect', 'auth', `QuickBooks did not grant access (${url.searchParams.get('error')})`),
      );
    }
    if (!url.searchParams.get('code') || !realmId) return page(400, 'The callback carried no code or company id.');
    finish(url.toString(), realmId).then(
      (connected) => {
        page(200, `Connected to ${connected.companyName ?? `company ${realmId}`}. You can close this tab.`);
        settle?.resolve(connected);
      },
      (err: unknown) => {
        page(500, `Could not finish connecting: ${err instanceof Error ? err.message : String(err)}`);
        settle?.reject(err);
      },
    );
  });

  let redirectUri = '';
  async function finish(callbackUrl: string, realmId: string): Promise<Connected> {
    const tokens = await opts.app.exchangeCode(callbackUrl, redirectUri, now());
    await opts.store.connect(realmId, tokens, undefined, now().toISOString());
    const client = createQuickbooksClient({
      realmId,
      baseUrl: opts.baseUrl,
      minorVersion: opts.minorVersion,
      timeoutMs: opts.timeoutMs,
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      tokens: createTokenManager({ realmId, store: opts.store, refresh: (rt, at) => opts.app.refresh(rt, at), now }),
      retry: { attempts: 2 },
    });
    const info = (await client.companyInfo()) as { CompanyName?: unknown };
    const companyName = typeof info.CompanyName === 'string' ? info.CompanyName : undefined;
    const stored = await opts.store.load(realmId);
    if (stored) await opts.store.connect(realmId, stored, companyName, now().toISOString());
    return { realmId, companyName };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new SentinelError(
              'quickbooks.connect',
              'config',
              `Port ${opts.port} is taken: set connect_port on the QuickBooks source (and register http://localhost:PORT/callback with Intuit)`,
            )
          : err,
      ),
    );
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  redirectUri = `http://localhost:${(server.address() as AddressInfo).port}/callback`;
  const timer = setTimeout(
    () =>
      settle?.reject(
        new SentinelError(
          'quickbooks.connect',
          'timeout',
          'Nobody approved the connection in time; run `sync-sentinel connect quickbooks` again',
        ),
      ),
    opts.waitMs ?? 10 * 60_000,
  );
  try {
    await opts.open(opts.app.authorizeUri(redirectUri, state));
    return await done;
  } finally {
    clearTimeout(timer);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

/** The sandbox approves at once: following its authorize URL lands on our callback. */
export async function followRedirects(url: string): Promise<void> {
  const res = await fetch(url.replace('//localhost:', '//127.0.0.1:'), { redirect: 'manual' });
  const next = res.headers.get('location');
  await res.arrayBuffer();
  if (next) await followRedirects(next);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
