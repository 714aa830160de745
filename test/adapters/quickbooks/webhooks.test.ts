import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { startWebhookServer, type WebhookServer } from '../../../adapters/quickbooks/webhooks';
import { cloudEventsPayload, legacyPayload, sendWebhook, signWebhook } from '../../../adapters/quickbooks-sandbox/webhooks';
import type { InvoiceRecord } from '../../../src/domain/records';
import { anInvoice } from './builders';
import { recordingLogger, startConnected, type Connected } from './connected';
import { queriesSent, REALM } from './harness';

const VERIFIER = 'verifier-token-1f6e2c';
const OTHER_REALM = '4620816365000000';
let c: Connected;
let server: WebhookServer;
let store: SqliteStore;
const log = recordingLogger();

beforeEach(async () => {
  c = await startConnected({
    Invoice: [anInvoice({ Id: '5', DocNumber: 'OLD' }), anInvoice({ Id: '6' }), anInvoice({ Id: '7', DocNumber: 'SEVEN' })],
  });
  server = await startWebhookServer({ verifierToken: VERIFIER, sink: c.vault, realms: new Set([REALM]), port: 0, log });
  store = openSqliteStore(c.file);
});
afterEach(async () => {
  await server.close();
  await store.close();
  await c.close();
});

const queued = async () => (await c.vault.webhookEventsAfter(REALM, 0)).map((e) => `${e.entity}:${e.entityId}:${e.operation}`);

describe('the QuickBooks webhook endpoint', () => {
  it('accepts a signed legacy payload and queues the named records', async () => {
    const body = legacyPayload([
      { realmId: REALM, name: 'Invoice', id: '5', operation: 'Update' },
      { realmId: REALM, name: 'Customer', id: '27', operation: 'Merge', deletedId: '28' },
    ]);
    expect(await sendWebhook(server.url, body, VERIFIER)).toEqual({ status: 200, text: 'ok' });
    expect(await queued()).toEqual(['Invoice:5:Update', 'Customer:27:Merge', 'Customer:28:merged-away']);
  });

  it('accepts a signed CloudEvents payload', async () => {
    const body = cloudEventsPayload([
      { realmId: REALM, name: 'Invoice', id: '6', operation: 'Delete' },
      { realmId: REALM, name: 'Invoice', id: '7', operation: 'Void' },
    ]);
    expect((await sendWebhook(server.url, body, VERIFIER)).status).toBe(200);
    expect(await queued()).toEqual(['invoice:6:deleted', 'invoice:7:voided']);
  });

  it.each([
    ['a forged signature', signWebhook('{"something":"else"}', VERIFIER)],
    [
      'a signature made with another token',
      signWebhook(legacyPayload([{ realmId: REALM, name: 'Invoice', id: '5', operation: 'Update' }]), 'not-the-verifier'),
    ],
    ['no signature', null],
    ['a signature that is not base64 of the right length', 'abc'],
  ])('rejects %s with 401 and queues nothing', async (_, signature) => {
    const body = legacyPayload([{ realmId: REALM, name: 'Invoice', id: '5', operation: 'Update' }]);
    expect(await sendWebhook(server.url, body, VERIFIER, signature)).toEqual({ status: 401, text: 'invalid signature' });
    expect(await queued()).toEqual([]);
  });

  it('queues a redelivered event once, and ignores companies it does not watch', async () => {
    const ids = ['0f5e7b52-5d7b-4a6e-9d1b-3c1a7f0b9a11'];
    const body = cloudEventsPayload([{ realmId: REALM, name: 'Invoice', id: '5', operation: 'Update' }], ids);
    await sendWebhook(server.url, body, VERIFIER);
    await sendWebhook(server.url, body, VERIFIER);
    await sendWebhook(server.url, legacyPayload([{ realmId: OTHER_REALM, name: 'Invoice', id: '9', operation: 'Create' }]), VERIFIER);
    expect(await queued()).toEqual(['invoice:5:updated']);
  });

  it('acknowledges a signed body it cannot parse, so Intuit does not hold back later events', async () => {
    expect(await sendWebhook(server.url, '{not json', VERIFIER)).toEqual({ status: 200, text: 'ignored' });
    expect(await queued()).toEqual([]);
  });

  it('has the next poll re-check exactly the named records, whatever order the events came in', async () => {
    const source = c.source();
    const first = await source.read({ now: new Date() });
    await store.applySourceRead('acme', 'quickbooks', 'quickbooks', first, new Date().toISOString());
    // Changed without a new LastUpdatedTime, so only the webhook can point at it; 6 is gone.
    await c.h.write({ Invoice: [anInvoice({ Id: '5', SyncToken: '4', DocNumber: 'NEW' }), anInvoice({ Id: '7', DocNumber: 'SEVEN' })] });
    await sendWebhook(
      server.url,
      legacyPayload([{ realmId: REALM, name: 'Invoice', id: '6', operation: 'Delete', lastUpdated: '2026-01-02T00:00:00Z' }]),
      VERIFIER,
    );
    await sendWebhook(
      server.url,
      legacyPayload([{ realmId: REALM, name: 'Invoice', id: '5', operation: 'Update', lastUpdated: '2026-01-01T00:00:00Z' }]),
      VERIFIER,
    );

    const health = (await store.loadSourceHealth('acme'))[0]!;
    const second = await source.read({ now: new Date(), cursor: health.cursor! });
    expect(queriesSent(c.h.sandbox)).toContain("select * from invoice where Id IN ('6','5') startposition 1 maxresults 1000");
    expect(second.summary).toMatch(/1 changed, 1 deleted · 2 webhook events re-checked/);
    await store.applySourceRead('acme', 'quickbooks', 'quickbooks', second, new Date().toISOString());
    const invoices = (await store.loadRecords('acme')).filter((r): r is InvoiceRecord => r.entity === 'invoice');
    expect(invoices.map((i) => `${i.sourceId}:${i.number}`).sort()).toEqual(['5:NEW', '7:SEVEN']);

    // Once that read is committed, the next one forgets the events instead of re-reading them.
    const third = await source.read({ now: new Date(), cursor: (await store.loadSourceHealth('acme'))[0]!.cursor! });
    expect(third.summary).not.toMatch(/webhook/);
    expect(await queued()).toEqual([]);
  });
});
