// Webhooks from QuickBooks (intuit-signature) and Jobber (X-Jobber-Hmac-SHA256): an unsigned,
// wrongly signed or altered delivery is refused and queues nothing; a correctly signed body of any
// shape is answered (never a 5xx, never a crash) and queues only what it names.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobberWebhookRoute } from '../../../adapters/jobber/webhook';
import { parseWebhookPayload, startWebhookServer, type QueuedChange, type WebhookServer } from '../../../adapters/quickbooks/webhooks';
import { RecheckQueue } from '../../../adapters/vendor-http/recheck-queue';
import { anyText, runs } from '../fuzz/arbitraries';

const VERIFIER = 'proof-intuit-verifier';
const JOBBER_SECRET = 'proof-jobber-client-secret';
const REALM = '9130350000000001';
const queued: QueuedChange[] = [];
const jobberQueue = new RecheckQueue();
let qbo: WebhookServer;
let jobber: Server;
let jobberUrl: string;

beforeAll(async () => {
  qbo = await startWebhookServer({
    verifierToken: VERIFIER,
    sink: { enqueueWebhookEvents: async (events) => (queued.push(...events), events.length) },
    realms: new Set([REALM]),
    port: 0,
  });
  const route = jobberWebhookRoute({ path: '/webhooks/jobber', clientSecret: JOBBER_SECRET, queue: jobberQueue });
  jobber = createServer((req, res) => void route.handle(req, res));
  await new Promise<void>((r) => jobber.listen(0, '127.0.0.1', r));
  jobberUrl = `http://127.0.0.1:${(jobber.address() as AddressInfo).port}/webhooks/jobber`;
});
afterAll(async () => {
  await qbo.close();
  jobber.closeAllConnections();
  await new Promise((r) => jobber.close(r));
});

const hmac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64');
const qboPost = (body: string, signature?: string) =>
  fetch(qbo.url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'intuit-signature': signature } : {}) },
  });
const jobberPost = (body: string, signature?: string) =>
  fetch(jobberUrl, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-jobber-hmac-sha256': signature } : {}) },
  });

const QBO_EVENT = JSON.stringify({
  eventNotifications: [
    {
      realmId: REALM,
      dataChangeEvent: { entities: [{ name: 'Invoice', id: '130', operation: 'Update', lastUpdated: '2026-11-27T15:00:00.000Z' }] },
    },
  ],
});
const JOBBER_EVENT = JSON.stringify({
  data: {
    webHookEvent: {
      topic: 'INVOICE_UPDATE',
      appId: 'a',
      accountId: 'b',
      itemId: 'Z2lkOi8vSm9iYmVyL0ludm9pY2UvMQ==',
      occurredAt: '2026-11-27T15:00:00Z',
    },
  },
});

describe('webhook signatures', () => {
  const forged: Array<[string, (body: string, key: string) => string | undefined]> = [
    ['no signature', () => undefined],
    ['a signature made with another key', (b) => hmac('guessed', b)],
    ['the signature of a different body', (_b, k) => hmac(k, `${_b} `)],
    ['a truncated signature', (b, k) => hmac(k, b).slice(0, 20)],
    ['a signature that is not base64', () => '!!!not base64!!!'],
    ['an empty signature', () => ''],
  ];
  for (const [what, sign] of forged) {
    it(`refuses a QuickBooks delivery with ${what}, queueing nothing`, async () => {
      const before = queued.length;
      const res = await qboPost(QBO_EVENT, sign(QBO_EVENT, VERIFIER));
      expect(res.status).toBe(401);
      expect(queued.length).toBe(before);
    });
    it(`refuses a Jobber delivery with ${what}, queueing nothing`, async () => {
      const before = jobberQueue.size;
      const res = await jobberPost(JOBBER_EVENT, sign(JOBBER_EVENT, JOBBER_SECRET));
      expect(res.status).toBe(401);
      expect(jobberQueue.size).toBe(before);
    });
  }

  it('accepts correctly signed deliveries (the refusals are not a broken endpoint)', async () => {
    expect((await qboPost(QBO_EVENT, hmac(VERIFIER, QBO_EVENT))).status).toBe(200);
    expect(queued.at(-1)).toMatchObject({ realmId: REALM, entity: 'Invoice', entityId: '130' });
    expect((await jobberPost(JOBBER_EVENT, hmac(JOBBER_SECRET, JOBBER_EVENT))).status).toBe(200);
    expect(jobberQueue.size).toBe(1);
  });
});

describe('fuzzing signed webhook bodies', () => {
  const entity = fc.record(
    {
      name: fc.oneof(fc.constantFrom('Invoice', 'Payment', 'Customer'), fc.string()),
      id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      operation: fc.oneof(fc.constantFrom('Create', 'Update', 'Delete', 'Merge', 'Void'), fc.string()),
    },
    { requiredKeys: [] },
  );
  const legacy = fc
    .record({
      eventNotifications: fc.array(
        fc.record(
          {
            realmId: fc.oneof(fc.constant(REALM), fc.string()),
            dataChangeEvent: fc.oneof(fc.record({ entities: fc.array(entity, { maxLength: 4 }) }), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    })
    .map((v) => JSON.stringify(v));
  const cloud = fc
    .array(
      fc.record(
        {
          type: fc.oneof(fc.constantFrom('qbo.invoice.updated.v1', 'qbo.payment.deleted.v1'), fc.string()),
          intuitaccountid: fc.oneof(fc.constant(REALM), fc.jsonValue()),
          intuitentityid: fc.oneof(fc.string(), fc.jsonValue()),
          id: fc.string(),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    )
    .map((v) => JSON.stringify(v));
  const body = fc.oneof(
    legacy,
    cloud,
    fc.jsonValue().map((v) => JSON.stringify(v)),
    anyText,
  );

  it('parses any QuickBooks payload shape without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (v) => {
        for (const e of parseWebhookPayload(v)) expect(typeof e.entityId).toBe('string');
      }),
      runs(3_000),
    );
  });

  it('answers every signed QuickBooks and Jobber body without a server error, queueing only named records', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const q = await qboPost(text, hmac(VERIFIER, text));
        expect(q.status).toBeLessThan(500);
        for (const e of queued) expect(e.realmId).toBe(REALM);
        const j = await jobberPost(text, hmac(JOBBER_SECRET, text));
        expect([200, 400]).toContain(j.status);
      }),
      runs(400),
    );
  });
});
