// Jobber with refresh-token rotation on: the rotated token is sealed into the SQLite file before it
// is used, so a restart with the environment's (now retired) token still reads, and the tokens never
// sit there in clear.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../../adapters/vendor-sandboxes/common/generate-world';
import { startJobberSandbox, type JobberSandbox } from '../../adapters/vendor-sandboxes/jobber/server';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';
import { wireUpstreamSource, type UpstreamConfig } from '../../src/app/wire-upstream';
import { readEnv } from '../../src/app/env';
import { configSchema } from '../../src/config/schema';
import type { Storage } from '../../src/ports/storage';

const KEY = Buffer.alloc(32, 7).toString('base64');
const now = new Date('2026-11-20T18:00:00Z');
let sandbox: JobberSandbox | undefined;
let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  await sandbox?.close();
});

async function setUp() {
  sandbox = await startJobberSandbox({
    world: generateWorld({ jobs: 12 }),
    clientId: 'jid',
    clientSecret: 'jsecret',
    refreshToken: 'r0-from-env',
    rotateRefreshTokens: true,
    restoreRate: 200_000,
  });
  const config = configSchema.parse({
    company: { id: 'acme' },
    sources: [{ id: 'jobber', type: 'jobber', api_url: sandbox.graphqlUrl, token_url: sandbox.tokenUrl, ids: 'gid_number' }],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jobber-vault-'));
  const file = path.join(dir, 'sentinel.db');
  storage = openSqliteStorage(file);
  return { config, file, storage, source: config.sources[0] as UpstreamConfig, dir };
}

const envWith = (vars: Record<string, string>) => readEnv({ JOBBER_CLIENT_ID: 'jid', JOBBER_CLIENT_SECRET: 'jsecret', ...vars });

describe('Jobber tokens across restarts', () => {
  it('keeps the rotated refresh token, sealed, so a restart with the retired one still reads', async () => {
    const { config, file, storage, source, dir } = await setUp();
    const env = envWith({ JOBBER_REFRESH_TOKEN: 'r0-from-env', SYNC_SENTINEL_SECRET_KEY: KEY });

    const first = await wireUpstreamSource(source, config, env, dir, { storage });
    expect((await first.source.read({ now })).records.length).toBeGreaterThan(0);
    await first.close();
    expect(sandbox!.refreshes()).toBe(1);

    // Restart: the environment still holds r0, which Jobber retired when it rotated.
    const second = await wireUpstreamSource(source, config, env, dir, { storage });
    expect((await second.source.read({ now })).records.length).toBeGreaterThan(0);
    await second.close();

    const bytes = readFileSync(file).toString('latin1') + readWalIfAny(file);
    expect(bytes).not.toMatch(/r0-from-env|"refreshToken"/);
  });

  it('without the key, refuses to start once tokens are stored, saying what to set', async () => {
    const { config, storage, source, dir } = await setUp();
    const first = await wireUpstreamSource(
      source,
      config,
      envWith({ JOBBER_REFRESH_TOKEN: 'r0-from-env', SYNC_SENTINEL_SECRET_KEY: KEY }),
      dir,
      { storage },
    );
    await first.source.read({ now });
    await first.close();
    await expect(wireUpstreamSource(source, config, envWith({ JOBBER_REFRESH_TOKEN: 'r0-from-env' }), dir, { storage })).rejects.toThrow(
      /Upstream tokens are stored in .* but SYNC_SENTINEL_SECRET_KEY is not set/,
    );
  });

  it('without stored tokens and no key, the retired token after a restart is an auth failure naming Jobber', async () => {
    const { config, storage, source, dir } = await setUp();
    const env = envWith({ JOBBER_REFRESH_TOKEN: 'r0-from-env' });
    const first = await wireUpstreamSource(source, config, env, dir, { storage });
    await first.source.read({ now });
    await first.close();
    const second = await wireUpstreamSource(source, config, env, dir, { storage });
    await expect(second.source.read({ now })).rejects.toMatchObject({ reason: 'auth', message: expect.stringMatching(/jobber/i) });
  });
});

function readWalIfAny(file: string): string {
  try {
    return readFileSync(`${file}-wal`).toString('latin1');
  } catch {
    return '';
  }
}
