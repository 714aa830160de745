import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { legacyPayload, sendWebhook } from '../../../adapters/quickbooks-sandbox/webhooks';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { startQuickbooksWebhooks, type QuickbooksWebhooks } from '../../../src/app/quickbooks-webhooks';
import type { QuickbooksWebhookTarget } from '../../../src/app/wire-quickbooks';
import type { Storage } from '../../../src/ports/storage';
import { recordingLogger } from './connected';

const VERIFIER = 'verifier-token-77a1';
const ACME_REALM = '9130350000000001';
const BRAVO_REALM = '9130350000000002';
const STRANGER_REALM = '4620816365000000';

let storage: Storage | undefined;
let hooks: QuickbooksWebhooks | undefined;
afterEach(async () => {
  await hooks?.close();
  await storage?.close();
});

/** Two companies of one deployment, each reading its own realm, both at the same configured address. */
async function twoCompanies() {
  storage = openSqliteStorage(path.join(mkdtempSync(path.join(os.tmpdir(), 'qbo-hooks-')), 'sentinel.db'));
  const key = randomBytes(32);
  const acme = storage.qboVault('acme', key);
  const bravo = storage.qboVault('bravo', key);
  const at = (companyId: string, realmId: string, sink: QuickbooksWebhookTarget['sink']): QuickbooksWebhookTarget => ({
    companyId,
    sourceId: 'quickbooks',
    realmId,
    sink,
    port: 0,
    host: '127.0.0.1',
    path: '/webhooks/quickbooks',
  });
  const log = recordingLogger();
  hooks = await startQuickbooksWebhooks([at('acme', ACME_REALM, acme), at('bravo', BRAVO_REALM, bravo)], { verifierToken: VERIFIER, log });
  const queued = async (vault: typeof acme, realmId: string) =>
    (await vault.webhookEventsAfter(realmId, 0)).map((e) => `${e.entity}:${e.entityId}`);
  return { url: hooks.urls, acme, bravo, log, queued };
}

describe('one QuickBooks webhook listener for the companies of a deployment', () => {
  it('listens once, and puts each realm’s events in the queue of the company that reads it', async () => {
    const { url, acme, bravo, queued } = await twoCompanies();
    expect(url).toHaveLength(1);
    const body = legacyPayload([
      { realmId: ACME_REALM, name: 'Invoice', id: '5', operation: 'Update' },
      { realmId: BRAVO_REALM, name: 'Invoice', id: '81', operation: 'Create' },
      { realmId: BRAVO_REALM, name: 'Payment', id: '82', operation: 'Update' },
    ]);
    expect(await sendWebhook(url[0]!, body, VERIFIER)).toEqual({ status: 200, text: 'ok' });
    expect(await queued(acme, ACME_REALM)).toEqual(['Invoice:5']);
    expect(await queued(bravo, BRAVO_REALM)).toEqual(['Invoice:81', 'Payment:82']);
    expect(await queued(acme, BRAVO_REALM)).toEqual([]);
    expect(await queued(bravo, ACME_REALM)).toEqual([]);
  });

  it('acknowledges events for a realm no company reads, and says so once', async () => {
    const { url, acme, log, queued } = await twoCompanies();
    const stranger = legacyPayload([
      { realmId: STRANGER_REALM, name: 'Invoice', id: '9', operation: 'Create' },
      { realmId: ACME_REALM, name: 'Invoice', id: '6', operation: 'Update' },
    ]);
    expect((await sendWebhook(url[0]!, stranger, VERIFIER)).status).toBe(200);
    expect((await sendWebhook(url[0]!, stranger, VERIFIER)).status).toBe(200);
    expect(await queued(acme, ACME_REALM)).toEqual(['Invoice:6']);
    expect(log.lines.filter((l) => l.includes(STRANGER_REALM))).toHaveLength(1);
  });

  it('refuses to start when two companies would need different paths on one port', async () => {
    storage = openSqliteStorage(':memory:');
    const sink = storage.qboVault('acme', randomBytes(32));
    const target = { companyId: 'acme', sourceId: 'quickbooks', realmId: ACME_REALM, sink, port: 0, host: '127.0.0.1', path: '/a' };
    await expect(
      startQuickbooksWebhooks([target, { ...target, companyId: 'bravo', realmId: BRAVO_REALM, path: '/b' }], {
        verifierToken: VERIFIER,
        log: recordingLogger(),
      }),
    ).rejects.toThrow(/"acme" \(\/a\) and "bravo" \(\/b\).*same `webhooks.path`/);
  });
});
