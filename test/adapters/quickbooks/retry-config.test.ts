// The `retry` setting of a QuickBooks source, from the config file through the wiring to the requests
// the sandbox receives: how many tries a failing request gets, and how long a Retry-After may hold a
// poll before the read fails instead. The client's waits go through a sleep that returns at once.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/app/env';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { wireQuickbooksSource, type QuickbooksWiring } from '../../../src/app/wire-quickbooks';
import { parseConfig } from '../../../src/config/parse';
import { formatError } from '../../../src/config/parse-error';
import type { QuickbooksSourceConfig } from '../../../src/config/schema';
import { silentLogger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';
import { anInvoice } from './builders';
import { ACCESS_TOKEN, REALM, REFRESH_TOKEN, startHarness, type Harness } from './harness';

let h: Harness;
let wiring: QuickbooksWiring | undefined;
let waits: number[];
let storage: Storage;

beforeEach(async () => {
  h = await startHarness({ Invoice: [anInvoice({ Id: '1' }), anInvoice({ Id: '2' })] });
  waits = [];
  storage = openSqliteStorage(path.join(h.dir, 'sentinel.db'));
});
afterEach(async () => {
  await wiring?.close();
  wiring = undefined;
  await storage.close();
  await h.close();
});

/** The source as `sync-sentinel run` builds it from this `retry:` block (YAML, indented under the source). */
async function sourceWith(retryYaml: string) {
  const text = [
    'sources:',
    '  - id: quickbooks',
    '    type: quickbooks',
    `    realm_id: "${REALM}"`,
    `    base_url: ${h.sandbox.baseUrl}`,
    `    token_url: ${h.sandbox.tokenUrl}`,
    '    timeout: 2s',
    retryYaml,
  ].join('\n');
  const parsed = parseConfig(text, 'sync-sentinel.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
  const config = parsed.value.sources[0] as QuickbooksSourceConfig;
  // A deployment from before `connect`: the tokens in the environment seed the vault once.
  const env = readEnv(
    {
      QBO_CLIENT_ID: 'client-id',
      QBO_CLIENT_SECRET: 'client-secret',
      QBO_ACCESS_TOKEN: ACCESS_TOKEN,
      QBO_REFRESH_TOKEN: REFRESH_TOKEN,
      SYNC_SENTINEL_SECRET_KEY: randomBytes(32).toString('base64'),
    },
    h.dir,
  );
  wiring = await wireQuickbooksSource(config, {
    env,
    baseDir: h.dir,
    storage,
    companyId: 'default',
    defaultCountry: 'US',
    log: silentLogger,
    sleep: async (ms) => void waits.push(ms),
  });
  return { config, source: wiring.source };
}

/** Requests that reached the QuickBooks API (not the token endpoint). */
const apiRequests = () => h.sandbox.requests.filter((r) => r.path.includes('/v3/company/')).length;

describe('the retry setting of a QuickBooks source', () => {
  it('defaults to five tries, a 1 s backoff that doubles, and waits of at most 2 minutes', async () => {
    const { config } = await sourceWith('');
    expect(config.retry).toEqual({ attempts: 5, backoff: 1_000, max_wait: 120_000 });
  });

  it('gives a request that keeps failing exactly the configured number of tries, backing off from the configured first wait', async () => {
    const { source } = await sourceWith('    retry: { attempts: 3, backoff: 250ms }');
    h.sandbox.injectFault({ kind: 'status', status: 503 });
    const error = await source.read({ now: new Date() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'server', retryable: true });
    expect(apiRequests()).toBe(3);
    expect(waits).toEqual([250, 500]);
  });

  it('never retries with attempts: 1', async () => {
    const { source } = await sourceWith('    retry:\n      attempts: 1');
    h.sandbox.injectFault({ kind: 'status', status: 500 });
    await expect(source.read({ now: new Date() })).rejects.toMatchObject({ reason: 'server' });
    expect(apiRequests()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('reads normally once the failures stop within the tries it has', async () => {
    const { source } = await sourceWith('    retry: { attempts: 4, backoff: 100ms }');
    h.sandbox.injectFault({ kind: 'status', status: 503 }, 3);
    const read = await source.read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(2);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('still waits the Retry-After QuickBooks asks for, up to max_wait', async () => {
    const { source } = await sourceWith('    retry: { attempts: 3, max_wait: 5s }');
    h.sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 5 }, 1);
    const read = await source.read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(2);
    expect(waits).toEqual([5_000]);
  });

  it('fails the read at once when a Retry-After is longer than max_wait, rather than hold the poll', async () => {
    const { source } = await sourceWith('    retry: { attempts: 3, max_wait: 5s }');
    h.sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 6 });
    await expect(source.read({ now: new Date() })).rejects.toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 6 });
    expect(apiRequests()).toBe(1);
    expect(waits).toEqual([]);
  });
});

describe('a retry setting that cannot work', () => {
  const errorsFor = (retryYaml: string) => {
    const parsed = parseConfig(
      ['sources:', '  - id: quickbooks', '    type: quickbooks', retryYaml].join('\n'),
      'config/sync-sentinel.yaml',
    );
    return parsed.ok ? [] : parsed.errors.map(formatError);
  };

  it('is refused at its line and column, saying what to write', () => {
    expect(errorsFor('    retry:\n      attempts: 0\n      backoff: 500\n      max_wait: soon')).toEqual([
      'config/sync-sentinel.yaml:5:17: retry.attempts 0 in source "quickbooks" is below 1 — use 1 or more',
      'config/sync-sentinel.yaml:6:16: retry.backoff in source "quickbooks" has the wrong type: expected a duration, found the number 500 — write backoff: 1s (the first wait after a failure; it doubles with each try)',
      'config/sync-sentinel.yaml:7:17: "soon" is not a duration (retry.max_wait in source "quickbooks") — write a number and a unit, e.g. 30m, 24h, 3d or 2w',
    ]);
  });

  it('refuses a first backoff longer than the longest wait allowed', () => {
    expect(errorsFor('    retry:\n      backoff: 5m\n      max_wait: 2m')).toEqual([
      'config/sync-sentinel.yaml:5:16: backoff is longer than max_wait, so the client would never wait to retry (retry.backoff in source "quickbooks") — make backoff no longer than max_wait (1s and 2m by default), or raise max_wait',
    ]);
  });

  it('suggests the key a typo meant', () => {
    expect(errorsFor('    retry:\n      atempts: 3')).toEqual([
      'config/sync-sentinel.yaml:5:7: unknown key "atempts" under retry in source "quickbooks" — did you mean "attempts"?',
    ]);
  });
});
