import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSecretKey } from '../../../adapters/storage/secret-box';
import { SentinelError } from '../../../src/domain/errors';
import { anInvoice } from './builders';
import { COMPANY, recordingLogger, startConnected, type Connected } from './connected';
import { REALM } from './harness';

const HOUR = 3_600_000;
let c: Connected;

beforeEach(async () => {
  c = await startConnected({ Invoice: Array.from({ length: 2_500 }, (_, i) => anInvoice({ Id: String(i + 1) })) });
});
afterEach(() => c.close());

async function failure(work: () => Promise<unknown>): Promise<SentinelError> {
  const outcome = await work().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(SentinelError);
  return outcome as SentinelError;
}

describe('connecting QuickBooks', () => {
  it('stores the realm, the company name and tokens that work', async () => {
    const stored = await c.vault.load(REALM);
    expect(stored).toMatchObject({
      realmId: REALM,
      companyName: 'Acme HVAC',
      status: 'connected',
      accessToken: expect.stringMatching(/^sandbox-at-/),
      refreshToken: expect.stringMatching(/^sandbox-rt-/),
    });
    expect(Date.parse(stored!.hardExpiresAt!)).toBeGreaterThan(Date.now() + 4 * 365 * 86_400_000);
    await expect(c.source().read({ now: new Date() })).resolves.toMatchObject({ mode: 'full' });
  });

  it('keeps tokens encrypted at rest: the database file holds neither token in the clear', async () => {
    const stored = (await c.vault.load(REALM))!;
    const db = new Database(c.file, { readonly: true });
    const dump = JSON.stringify(db.prepare('select * from qbo_tokens').all());
    db.close();
    expect(dump).toContain(REALM);
    expect(dump).not.toContain(stored.accessToken);
    expect(dump).not.toContain(stored.refreshToken);
  });

  it('refuses to read the tokens with another key, and says what to do', async () => {
    const other = c.storage.qboVault(COMPANY, Buffer.alloc(32, 7));
    const error = await failure(() => other.load(REALM));
    expect(error.message).toMatch(
      /cannot be decrypted with this SYNC_SENTINEL_SECRET_KEY: set the key they were stored with, or run `sync-sentinel connect quickbooks` again/,
    );
  });

  it('refuses to read the tokens with no key, naming the variable to set', async () => {
    const keyless = c.storage.qboVault(COMPANY, undefined);
    const error = await failure(() => keyless.load(REALM));
    expect(error).toMatchObject({ reason: 'config' });
    expect(error.message).toMatch(/set SYNC_SENTINEL_SECRET_KEY to 32 random bytes/);
  });

  it('accepts a key as base64 or hex and rejects one of the wrong length', () => {
    const key = Buffer.alloc(32, 9);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(() => parseSecretKey('too-short')).toThrow(/must be 32 random bytes as base64 or 64 hex digits/);
  });
});

describe('refreshing the access token', () => {
  it('refreshes shortly before expiry, stores the rotated refresh token, and the old one stops working', async () => {
    const before = (await c.vault.load(REALM))!;
    const later = new Date(Date.now() + HOUR - 60_000);
    const token = await c.manager({ now: () => later }).accessToken();
    const after = (await c.vault.load(REALM))!;
    expect(c.h.sandbox.refreshCount()).toBe(1);
    expect(token).toBe(after.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.version).toBe(before.version + 1);
    await expect(c.app.refresh(before.refreshToken, new Date())).rejects.toMatchObject({ code: 'quickbooks.disconnected' });
  });

  it('recovers from an access token that expires in the middle of a backfill', async () => {
    let requests = 0;
    const read = await c.source({ onRequest: () => ++requests === 2 && c.h.sandbox.expireAccessTokens() }).read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(2_500);
    expect(c.h.sandbox.refreshCount()).toBe(1);
  });

  it('refreshes once for many callers at the same moment', async () => {
    c.h.sandbox.expireAccessTokens();
    const manager = c.manager();
    const stale = (await c.vault.load(REALM))!.accessToken;
    const tokens = await Promise.all(Array.from({ length: 8 }, () => manager.replaceRejected(stale)));
    expect(new Set(tokens).size).toBe(1);
    expect(c.h.sandbox.refreshCount()).toBe(1);
  });

  it('warns 30 days before the refresh token expires for good', async () => {
    const log = recordingLogger();
    const soon = new Date(Date.now() + (4 * 365 + 340) * 86_400_000);
    await c
      .manager({ now: () => soon, log })
      .accessToken()
      .catch(() => undefined);
    expect(
      log.lines.some((l) =>
        /the QuickBooks connection expires for good in \d+ days — run `sync-sentinel connect quickbooks` before \d{4}-\d{2}-\d{2}/.test(l),
      ),
    ).toBe(true);
  });

  it('never logs a token or the client secret', async () => {
    const log = recordingLogger();
    const before = (await c.vault.load(REALM))!;
    c.h.sandbox.expireAccessTokens();
    c.h.sandbox.injectFault({ kind: 'status', status: 500 }, 1);
    await c.source({ log, tokens: c.manager({ log }), retry: { attempts: 2, baseDelayMs: 1 } }).read({ now: new Date() });
    const after = (await c.vault.load(REALM))!;
    const text = log.lines.join('\n');
    expect(log.lines.length).toBeGreaterThan(0);
    for (const secret of [before.accessToken, before.refreshToken, after.accessToken, after.refreshToken, 'client-secret-8f3a'])
      expect(text).not.toContain(secret);
  });
});

describe('a connection QuickBooks no longer accepts', () => {
  it('turns invalid_grant into "QuickBooks disconnected — run `sync-sentinel connect quickbooks`"', async () => {
    c.h.sandbox.revokeConnection();
    const error = await failure(() => c.source().read({ now: new Date() }));
    expect(error).toMatchObject({ code: 'quickbooks.disconnected', reason: 'auth', retryable: false });
    expect(error.message).toMatch(
      /^QuickBooks disconnected — run `sync-sentinel connect quickbooks` \(the refresh token was rejected: invalid_grant\)/,
    );
    expect(await c.vault.load(REALM)).toMatchObject({ status: 'disconnected' });
  });

  it('stops asking the token endpoint once disconnected, until connected again', async () => {
    c.h.sandbox.revokeConnection();
    await failure(() => c.source().read({ now: new Date() }));
    const tokenCalls = () => c.h.sandbox.requests.filter((r) => r.path.endsWith('/tokens/bearer')).length;
    const calls = tokenCalls();
    await failure(() => c.source().read({ now: new Date() }));
    expect(tokenCalls()).toBe(calls);
    await c.connect();
    await expect(c.source().read({ now: new Date() })).resolves.toMatchObject({ mode: 'full' });
  });

  it('reports a lapsed subscription (6190) as disconnected', async () => {
    c.h.sandbox.injectFault({ kind: 'fault200', type: 'ValidationFault', code: '6190' }, 1);
    const error = await failure(() => c.source().read({ now: new Date() }));
    expect(error).toMatchObject({ code: 'quickbooks.disconnected', reason: 'auth' });
    expect(error.message).toMatch(/^QuickBooks disconnected — run `sync-sentinel connect quickbooks` .*code 6190/);
  });
});
