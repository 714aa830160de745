import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import type { SentinelError } from '../../../src/domain/errors';
import { createJobberSource, type JobberSourceOptions } from '../../../adapters/jobber/source';
import { jobberWebhookRoute } from '../../../adapters/jobber/webhook';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import type { World } from '../../../adapters/vendor-sandboxes/common/world';
import { encodedId } from '../../../adapters/vendor-sandboxes/jobber/schema';
import { startJobberSandbox, type JobberSandbox, type JobberSandboxOptions } from '../../../adapters/vendor-sandboxes/jobber/server';

let sandbox: JobberSandbox | undefined;
let server: Server | undefined;
afterEach(async () => {
  await sandbox?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  sandbox = undefined;
  server = undefined;
});

const now = new Date('2026-11-20T18:00:00Z');

async function setUp(world: World, sb: Partial<JobberSandboxOptions> = {}, src: Partial<JobberSourceOptions> = {}) {
  sandbox = await startJobberSandbox({ world, clientId: 'jid', clientSecret: 'jsecret', refreshToken: 'r0', restoreRate: 200_000, ...sb });
  const source = createJobberSource({
    id: 'jobber',
    displayName: 'Jobber',
    graphqlUrl: sandbox.graphqlUrl,
    tokenUrl: sandbox.tokenUrl,
    apiVersion: '2025-01-20',
    clientId: 'jid',
    clientSecret: 'jsecret',
    tokens: { accessToken: 'not-yet-valid', refreshToken: 'r0' },
    pageSize: 20,
    maxThrottleWaitMs: 5_000,
    classField: 'Class',
    locationField: 'Location',
    ids: 'gid_number',
    defaultCountry: 'US',
    retries: 2,
    minRetryMs: 10,
    ...src,
  });
  return { sandbox, source };
}

describe('Jobber connector against the sandbox', () => {
  it('refreshes an expired token and reads clients, jobs, invoices and payments through cursor pages', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 45 }));
    const read = await source.read({ now });
    expect(read.mode).toBe('full');
    expect(sandbox.refreshes()).toBe(1);
    const invoices = read.records.filter((r): r is InvoiceRecord => r.entity === 'invoice');
    expect(invoices).toHaveLength(45);
    expect(read.records.filter((r): r is JobRecord => r.entity === 'job')).toHaveLength(45);
    expect(read.records.filter((r): r is PaymentRecord => r.entity === 'payment')).toHaveLength(33);
    const inv = invoices.find((i) => i.sourceId === '80002')!;
    expect(inv).toMatchObject({
      number: '10002',
      jobNumber: '5002',
      className: 'Commercial',
      location: 'North',
      status: 'paid',
      balanceCents: 0,
    });
    expect(read.problems).toEqual([]);
  });

  it('keeps the rotated refresh token and never spends an old one', async () => {
    const kept: string[] = [];
    const { source, sandbox } = await setUp(
      generateWorld({ jobs: 3 }),
      { rotateRefreshTokens: true },
      { onTokens: (t) => void kept.push(t.refreshToken!) },
    );
    await source.read({ now });
    sandbox.expireAccessTokens();
    await source.read({ now });
    expect(sandbox.refreshes()).toBe(2);
    expect(kept).toHaveLength(2);
    expect(kept[1]).toBe(sandbox.currentRefreshToken());
  });

  it('reads only changed invoices and jobs on the next poll', async () => {
    const world = generateWorld({ jobs: 30 });
    const { source } = await setUp(world);
    const first = await source.read({ now });
    const inv = world.find('invoices', '80005')!.record;
    world.upsert('invoices', { ...inv, balanceCents: 0, status: 'paid' });
    const job = world.find('jobs', 'JB20007')!.record;
    world.upsert('jobs', { ...job, status: 'on_hold' });
    const second = await source.read({ now, cursor: first.cursor! });
    expect(second.mode).toBe('incremental');
    expect(second.records.map((r) => `${r.entity} ${r.sourceId}`).sort()).toEqual(['invoice 80005', 'job 20007']);
  });

  it('waits for the cost budget when a query comes back THROTTLED with HTTP 200, then finishes', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 5 }), { restoreRate: 20_000 });
    sandbox.drainBucket();
    const read = await source.read({ now });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(5);
    expect(read.summary).toMatch(/waited [\d.]+ s for the cost budget/);
  });

  it('asks for smaller pages when one page would cost more than the whole bucket', async () => {
    const { source } = await setUp(generateWorld({ jobs: 12 }), { maximumAvailable: 3000, restoreRate: 100_000 }, { pageSize: 100 });
    const read = await source.read({ now });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(12);
  });

  it('reports a revoked connection as an auth failure that says to reconnect', async () => {
    const { source } = await setUp(generateWorld({ jobs: 2 }), { refreshToken: 'revoked-long-ago' });
    const err = (await source.read({ now }).catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/^jobber: HTTP 401 .*The refresh token is invalid.* reconnect the app/);
  });

  it('re-checks an invoice named by a signed webhook, and refuses an unsigned one', async () => {
    const world = generateWorld({ jobs: 4 });
    const { source } = await setUp(world);
    const first = await source.read({ now });
    const route = jobberWebhookRoute({ path: '/webhooks/jobber', clientSecret: 'jsecret', queue: source.rechecks });
    server = createServer((req, res) => void route.handle(req, res));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/jobber`;
    const body = JSON.stringify({
      data: {
        webHookEvent: {
          topic: 'INVOICE_UPDATE',
          appId: 'app',
          accountId: 'MQ==',
          itemId: encodedId('Invoice', 80002),
          occurredAt: '2026-11-20T10:00:00-06:00',
        },
      },
    });
    const signature = createHmac('sha256', 'jsecret').update(body).digest('base64');
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'X-Jobber-Hmac-SHA256': createHmac('sha256', 'wrong').update(body).digest('base64') },
    });
    expect(forged.status).toBe(401);
    const ok = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'X-Jobber-Hmac-SHA256': signature, 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(200);
    // Delivered twice (at least once): queued once.
    await fetch(url, { method: 'POST', body, headers: { 'X-Jobber-Hmac-SHA256': signature } });
    expect(source.rechecks.size).toBe(1);
    const second = await source.read({ now, cursor: first.cursor! });
    expect(second.records.map((r) => `${r.entity} ${r.sourceId}`)).toEqual(['invoice 80002']);
    expect(second.summary).toMatch(/1 webhook re-check/);
  });
});
