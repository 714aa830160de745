// `sync-sentinel connect quickbooks --company <id>` in a deployment of several companies: one Intuit
// app, each company connecting its own realm into the one store, and each company's poll reading with
// its own tokens.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followRedirects } from '../../../adapters/quickbooks/connect';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { readEnv } from '../../../src/app/env';
import { connectConfiguredQuickbooks } from '../../../src/app/wire-quickbooks';
import { wireSources } from '../../../src/app/wire-sources';
import { configSchema, type QuickbooksSourceConfig } from '../../../src/config/schema';
import { silentLogger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';
import { anInvoice } from './builders';
import { startHarness, type Harness } from './harness';

const ACME_REALM = '9130350000000101';
const BRAVO_REALM = '9130350000000202';
const key = randomBytes(32);

let dir: string | undefined;
let storage: Storage | undefined;
const sandboxes: Harness[] = [];
afterEach(async () => {
  await storage?.close();
  for (const h of sandboxes.splice(0)) await h.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Each company's QuickBooks is its own sandbox company (realm), with its own invoice. */
async function twoCompanies() {
  dir = await mkdtemp(path.join(tmpdir(), 'qbo-companies-'));
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
  const env = readEnv(
    {
      SYNC_SENTINEL_DATA_DIR: dir,
      QBO_CLIENT_ID: 'one-intuit-app',
      QBO_CLIENT_SECRET: 'one-intuit-app-secret',
      SYNC_SENTINEL_SECRET_KEY: key.toString('base64'),
    },
    dir,
  );
  const company = async (id: string, name: string, realmId: string, docNumber: string) => {
    const h = await startHarness(
      { CompanyInfo: { Id: realmId, CompanyName: name }, Invoice: [anInvoice({ DocNumber: docNumber })] },
      { realmId },
    );
    sandboxes.push(h);
    const config = configSchema.parse({
      company: { id, name },
      sources: [
        {
          id: 'quickbooks',
          type: 'quickbooks',
          realm_id: realmId,
          base_url: h.sandbox.baseUrl,
          token_url: h.sandbox.tokenUrl,
          authorize_url: h.sandbox.authorizeUrl,
          connect_port: 0,
        },
      ],
    });
    return { id, realmId, h, config, source: config.sources[0] as QuickbooksSourceConfig };
  };
  const s = storage;
  const connect = async (c: Awaited<ReturnType<typeof company>>) => {
    const opened: Promise<void>[] = [];
    const ctx = { env, baseDir: dir!, storage: s, companyId: c.id, defaultCountry: 'US', log: silentLogger };
    const connected = await connectConfiguredQuickbooks(c.source, ctx, (line) => {
      const url = /https?:\/\/\S+/.exec(line)?.[0];
      if (url) opened.push(followRedirects(url));
    });
    await Promise.all(opened);
    return connected;
  };
  /** One poll of the company's QuickBooks, wired as the service wires it: the invoice numbers it read. */
  const poll = async (c: Awaited<ReturnType<typeof company>>) => {
    const wired = await wireSources(c.config, env, dir!, { storage: s, log: silentLogger });
    try {
      const read = await wired.sources[0]!.read({ now: new Date() });
      return read.records.flatMap((r) => (r.entity === 'invoice' ? [r.number] : []));
    } finally {
      await wired.close();
    }
  };
  return {
    acme: await company('acme', 'Acme HVAC', ACME_REALM, 'ACME-1'),
    bravo: await company('bravo', 'Bravo Plumbing', BRAVO_REALM, 'BRAVO-1'),
    connect,
    poll,
    storage: s,
  };
}

describe('connect quickbooks --company, for two companies on one store', () => {
  it('keeps each company’s connection to its own realm', async () => {
    const { acme, bravo, connect, storage: s } = await twoCompanies();
    expect(await connect(acme)).toMatchObject({ realmId: ACME_REALM, companyName: 'Acme HVAC' });
    expect(await connect(bravo)).toMatchObject({ realmId: BRAVO_REALM, companyName: 'Bravo Plumbing' });
    expect(await s.qboVault('acme', key).realms()).toEqual([ACME_REALM]);
    expect(await s.qboVault('bravo', key).realms()).toEqual([BRAVO_REALM]);
    expect(await s.hasQboTokens('bravo')).toBe(true);
    expect(await s.hasQboTokens('carol')).toBe(false);
  });

  it('polls each company with its own tokens, refreshing only the company whose token ran out', async () => {
    const { acme, bravo, connect, poll } = await twoCompanies();
    await connect(acme);
    await connect(bravo);
    // Only acme's QuickBooks expires its tokens: a poll that borrowed the other company's would fail or refresh the wrong one.
    acme.h.sandbox.expireAccessTokens();
    const refreshedBefore = { acme: acme.h.sandbox.refreshCount(), bravo: bravo.h.sandbox.refreshCount() };
    expect(await poll(acme)).toEqual(['ACME-1']);
    expect(await poll(bravo)).toEqual(['BRAVO-1']);
    expect(acme.h.sandbox.refreshCount()).toBe(refreshedBefore.acme + 1);
    expect(bravo.h.sandbox.refreshCount()).toBe(refreshedBefore.bravo);
  });
});
