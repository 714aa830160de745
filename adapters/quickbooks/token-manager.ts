// A valid access token for one realm, whatever else is running. Refreshes happen before expiry or
// after a 401; one at a time per realm: in-process through a shared promise, across processes through
// the vault's lease. The rotated refresh token is written to the vault before the new access token
// is handed out, so a crash never leaves us holding only a refresh token QuickBooks has retired.
import { randomUUID } from 'node:crypto';
import { SentinelError } from '../../src/domain/errors';
import type { Logger } from '../../src/ports/logger';
import type { StoredConnection, TokenSet, TokenStore } from '../../src/ports/token-store';
import { DISCONNECTED_CODE, disconnectedError } from './oauth';

export interface TokenManagerOptions {
  realmId: string;
  store: TokenStore;
  refresh(refreshToken: string, now: Date): Promise<TokenSet>;
  now?: () => Date;
  /** Refresh this long before the access token expires. */
  skewMs?: number;
  /** A lease older than this is taken over (its holder crashed); longer than a refresh may take. */
  leaseMs?: number;
  log?: Logger;
  /** Test seam: runs after the token endpoint answered and before the vault is written. */
  afterRefresh?: () => void | Promise<void>;
}

export interface TokenManager {
  accessToken(): Promise<string>;
  /** After a 401 with `rejected`: a token newer than it, refreshing only if nobody else has. */
  replaceRejected(rejected: string): Promise<string>;
  connection(): Promise<StoredConnection | null>;
}

const DAY = 86_400_000;

export function createTokenManager(opts: TokenManagerOptions): TokenManager {
  const now = opts.now ?? (() => new Date());
  const skewMs = opts.skewMs ?? 5 * 60_000;
  const leaseMs = opts.leaseMs ?? 120_000;
  const owner = `${process.pid}:${randomUUID()}`;
  let inflight: Promise<string> | null = null;
  let warnedHardExpiry = false;

  const needsRefresh = (c: StoredConnection, rejected?: string): boolean =>
    rejected !== undefined ? c.accessToken === rejected : Date.parse(c.accessExpiresAt) - skewMs <= now().getTime();

  async function current(): Promise<StoredConnection> {
    const c = await opts.store.load(opts.realmId);
    if (!c) {
      throw new SentinelError(
        'quickbooks.not_connected',
        'auth',
        `QuickBooks company ${opts.realmId} is not connected — run \`sync-sentinel connect quickbooks\``,
        { retryable: false },
      );
    }
    if (c.status === 'disconnected') throw disconnectedError(c.disconnectedReason ?? 'the connection was lost');
    warnHardExpiry(c);
    return c;
  }

  function warnHardExpiry(c: StoredConnection): void {
    if (warnedHardExpiry || !c.hardExpiresAt) return;
    const left = Date.parse(c.hardExpiresAt) - now().getTime();
    if (left > 30 * DAY) return;
    warnedHardExpiry = true;
    opts.log?.warn(
      { realmId: opts.realmId, hardExpiresAt: c.hardExpiresAt },
      `the QuickBooks connection expires for good in ${Math.max(0, Math.ceil(left / DAY))} days — run \`sync-sentinel connect quickbooks\` before ${c.hardExpiresAt.slice(0, 10)}`,
    );
  }

  async function refreshed(rejected?: string): Promise<string> {
    for (;;) {
      const c = await current();
      if (!needsRefresh(c, rejected)) return c.accessToken;
      if (await opts.store.acquireLease(opts.realmId, owner, leaseMs, now().toISOString())) break;
      // Another process is refreshing: its result lands in the vault.
      await sleep(100);
    }
    try {
      // Re-read under the lease: the previous holder may have refreshed already.
      const c = await current();
      if (!needsRefresh(c, rejected)) return c.accessToken;
      let tokens: TokenSet;
      try {
        tokens = await opts.refresh(c.refreshToken, now());
      } catch (err) {
        if (err instanceof SentinelError && err.code === DISCONNECTED_CODE) {
          // Someone who outlived our lease may have rotated it meanwhile: their tokens are good.
          const latest = await opts.store.load(opts.realmId);
          if (latest && latest.status === 'connected' && latest.refreshToken !== c.refreshToken) return latest.accessToken;
          await opts.store.markDisconnected(opts.realmId, 'the refresh token was rejected (invalid_grant)', now().toISOString());
        }
        throw err;
      }
      await opts.afterRefresh?.();
      await opts.store.commitRefresh(opts.realmId, owner, tokens, now().toISOString());
      opts.log?.info({ realmId: opts.realmId }, 'QuickBooks access token refreshed');
      return tokens.accessToken;
    } finally {
      await opts.store.releaseLease(opts.realmId, owner);
    }
  }

  function single(rejected?: string): Promise<string> {
    inflight ??= refreshed(rejected).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    async accessToken() {
      const c = await current();
      return needsRefresh(c) ? single() : c.accessToken;
    },
    replaceRejected: (rejected) => single(rejected),
    connection: () => opts.store.load(opts.realmId),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fixed tokens that are never refreshed (tests, and a bootstrap from QBO_ACCESS_TOKEN alone). */
export function staticTokens(accessToken: string): TokenManager {
  return {
    accessToken: async () => accessToken,
    // The same token again: the retried request fails with the 401 that explains it.
    replaceRejected: async () => accessToken,
    connection: async () => null,
  };
}
