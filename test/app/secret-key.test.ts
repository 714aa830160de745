// SYNC_SENTINEL_SECRET_KEY at start-up: a key that cannot open the stored tokens stops the service
// before its first poll, naming the variable and what to do, for QuickBooks and upstream connectors.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';
import { wireSources } from '../../src/app/wire-sources';
import { readEnv } from '../../src/app/env';
import { configSchema } from '../../src/config/schema';
import type { Storage } from '../../src/ports/storage';

const STORED_WITH = Buffer.alloc(32, 1);
const OTHER_KEY = Buffer.alloc(32, 2).toString('base64');
const REALM = '4620816365000001';
const NOWHERE = 'http://127.0.0.1:9';

let dir: string;
let storage: Storage;
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function setUp(source: Record<string, unknown>) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-secret-key-'));
  const config = configSchema.parse({ company: { id: 'acme' }, sources: [source] });
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
  return { config, storage };
}

describe('starting with a SYNC_SENTINEL_SECRET_KEY that cannot decrypt the stored tokens', () => {
  it('refuses for a connected QuickBooks company, naming the variable and the ways out', async () => {
    const { config, storage } = setUp({
      id: 'quickbooks',
      type: 'quickbooks',
      realm_id: REALM,
      base_url: `${NOWHERE}/v3/company/`,
      token_url: `${NOWHERE}/token`,
    });
    const vault = storage.qboVault('acme', STORED_WITH);
    await vault.connect(
      REALM,
      { accessToken: 'at-1', refreshToken: 'rt-1', accessExpiresAt: '2026-12-07T10:00:00Z' },
      'Acme HVAC',
      '2026-12-07T09:00:00Z',
    );
    const env = readEnv({ QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 'secret', SYNC_SENTINEL_SECRET_KEY: OTHER_KEY }, dir);

    const refused = wireSources(config, env, dir, { storage });

    await expect(refused).rejects.toThrow(
      /stored QuickBooks tokens cannot be decrypted with this SYNC_SENTINEL_SECRET_KEY: set the key they were stored with/,
    );
    await expect(refused).rejects.toThrow(/sync-sentinel rotate-key/);
  });

  it('starts with the key the QuickBooks tokens were stored with', async () => {
    const { config, storage } = setUp({
      id: 'quickbooks',
      type: 'quickbooks',
      realm_id: REALM,
      base_url: `${NOWHERE}/v3/company/`,
      token_url: `${NOWHERE}/token`,
    });
    const vault = storage.qboVault('acme', STORED_WITH);
    await vault.connect(
      REALM,
      { accessToken: 'at-1', refreshToken: 'rt-1', accessExpiresAt: '2026-12-07T10:00:00Z' },
      'Acme HVAC',
      '2026-12-07T09:00:00Z',
    );
    const env = readEnv(
      { QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 'secret', SYNC_SENTINEL_SECRET_KEY: STORED_WITH.toString('base64') },
      dir,
    );

    const built = await wireSources(config, env, dir, { storage });

    expect(built.sources.map((s) => s.id)).toEqual(['quickbooks']);
    await built.close();
  });

  it('refuses for a Jobber source with a stored rotated refresh token, naming the variable', async () => {
    const { config, storage } = setUp({ id: 'jobber', type: 'jobber', api_url: `${NOWHERE}/graphql`, token_url: `${NOWHERE}/token` });
    const vault = storage.connectorTokens('acme', STORED_WITH);
    await vault.save(
      'jobber',
      { accessToken: 'at-1', refreshToken: 'rotated-rt-2', expiresAt: 0 },
      'rt-from-env',
      new Date('2026-12-07T09:00:00Z'),
    );
    const env = readEnv(
      { JOBBER_CLIENT_ID: 'id', JOBBER_CLIENT_SECRET: 'secret', JOBBER_REFRESH_TOKEN: 'rt-from-env', SYNC_SENTINEL_SECRET_KEY: OTHER_KEY },
      dir,
    );

    const refused = wireSources(config, env, dir, { storage });

    await expect(refused).rejects.toThrow(
      /stored tokens of source jobber cannot be decrypted with this SYNC_SENTINEL_SECRET_KEY: set the key they were stored with/,
    );
    await expect(refused).rejects.toThrow(/sync-sentinel rotate-key/);
  });
});
