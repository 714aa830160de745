// `sync-sentinel rotate-key`: every stored token moves to the new SYNC_SENTINEL_SECRET_KEY in one
// transaction, the old key read from SYNC_SENTINEL_OLD_SECRET_KEY.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';
import type { Storage } from '../../src/ports/storage';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);
const STRANGER = Buffer.alloc(32, 3);
const NOW = new Date('2026-12-07T09:00:00Z');
const TOKENS = { accessToken: 'at-1', refreshToken: 'rt-1', accessExpiresAt: '2026-12-07T10:00:00Z' };

let dir: string;
let storage: Storage;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-rotate-'));
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two companies' QuickBooks connections and one Jobber source's rotated token, all under `key`. */
async function storeTokens(key: Buffer): Promise<void> {
  for (const [company, realm] of [
    ['acme', '111'],
    ['north', '222'],
  ] as const) {
    await storage.qboVault(company, key).connect(realm, TOKENS, undefined, NOW.toISOString());
  }
  await storage.connectorTokens('acme', key).save('jobber', { accessToken: 'jat', refreshToken: 'jrt-2' }, 'jrt-env', NOW);
}

async function opensWith(key: Buffer): Promise<boolean[]> {
  const opened: boolean[] = [];
  for (const [company, realm] of [
    ['acme', '111'],
    ['north', '222'],
  ] as const) {
    opened.push(
      await storage
        .qboVault(company, key)
        .load(realm)
        .then(
          (c) => c?.refreshToken === 'rt-1',
          () => false,
        ),
    );
  }
  opened.push(
    await storage
      .connectorTokens('acme', key)
      .load('jobber', 'jrt-env')
      .then(
        (t) => t?.refreshToken === 'jrt-2',
        () => false,
      ),
  );
  return opened;
}

describe('rotating the secret key', () => {
  it('re-encrypts every stored token of every company with the new key, so only the new key opens them', async () => {
    await storeTokens(OLD);

    expect(await storage.rotateKey(OLD, NEW, NOW)).toEqual({ reencrypted: 3, alreadyNew: 0, unreadable: [] });

    expect(await opensWith(NEW)).toEqual([true, true, true]);
    expect(await opensWith(OLD)).toEqual([false, false, false]);
  });

  it('changes nothing when the old key opens none of the tokens, and says which variable to fix', async () => {
    await storeTokens(OLD);

    await expect(storage.rotateKey(STRANGER, NEW, NOW)).rejects.toThrow(
      /open with neither SYNC_SENTINEL_OLD_SECRET_KEY nor SYNC_SENTINEL_SECRET_KEY: set SYNC_SENTINEL_OLD_SECRET_KEY to the key they were stored with\. Nothing was changed/,
    );

    expect(await opensWith(OLD)).toEqual([true, true, true]);
  });

  it('names, and leaves as it was, a token neither key opens beside the ones it re-encrypts (it was unusable already)', async () => {
    await storeTokens(OLD);
    await storage.connectorTokens('north', STRANGER).save('jobber', { accessToken: 'x', refreshToken: 'y' }, 'z', NOW);

    expect(await storage.rotateKey(OLD, NEW, NOW)).toEqual({
      reencrypted: 3,
      alreadyNew: 0,
      unreadable: ['source jobber (company north)'],
    });

    expect(await opensWith(NEW)).toEqual([true, true, true]);
  });

  it('leaves tokens the new key already opens as they are, so running it twice is harmless', async () => {
    await storeTokens(OLD);
    await storage.rotateKey(OLD, NEW, NOW);

    expect(await storage.rotateKey(OLD, NEW, NOW)).toEqual({ reencrypted: 0, alreadyNew: 3, unreadable: [] });
    expect(await opensWith(NEW)).toEqual([true, true, true]);
  });

  it('is a command that reads both keys from the environment and says how many tokens it re-encrypted', async () => {
    await storeTokens(OLD);
    const config = path.join(dir, 'sync-sentinel.yaml');
    writeFileSync(
      config,
      `company: { id: acme }\nstorage: { sqlite: sentinel.db }\nsources:\n  - { id: export, type: files, path: export }\n`,
    );
    const env = { ...process.env, LOG_LEVEL: 'warn', SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir };
    const cli = (vars: Record<string, string>) =>
      spawnSync(process.execPath, [BIN, 'rotate-key'], { encoding: 'utf8', env: { ...env, ...vars }, timeout: 90_000 });

    const withoutOld = cli({ SYNC_SENTINEL_SECRET_KEY: NEW.toString('base64') });
    expect(withoutOld.status).toBe(1);
    expect(withoutOld.stderr).toMatch(/Set SYNC_SENTINEL_OLD_SECRET_KEY \(the key the tokens are stored with\)/);

    const rotated = cli({ SYNC_SENTINEL_SECRET_KEY: NEW.toString('base64'), SYNC_SENTINEL_OLD_SECRET_KEY: OLD.toString('hex') });
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/^Re-encrypted 3 stored tokens in .*sentinel\.db with the new SYNC_SENTINEL_SECRET_KEY\./);
    expect(await opensWith(NEW)).toEqual([true, true, true]);
  }, 120_000);
});
