import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { SentinelError } from '../../../src/domain/errors';
import { createServiceTitanSource } from '../../../adapters/servicetitan/source';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import { startServiceTitanSandbox, type ServiceTitanSandbox } from '../../../adapters/vendor-sandboxes/servicetitan/server';
import type { World } from '../../../adapters/vendor-sandboxes/common/world';

let sandbox: ServiceTitanSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function setUp(world: World, extra: { exportPageSize?: number; ratePerSecond?: number } = {}) {
  sandbox = await startServiceTitanSandbox({
    world,
    tenant: '4242',
    clientId: 'cid',
    clientSecret: 'secret',
    appKey: 'ak_test',
    exportPageSize: extra.exportPageSize ?? 25,
    ...(extra.ratePerSecond ? { ratePerSecond: extra.ratePerSecond } : {}),
  });
  const source = createServiceTitanSource({
    id: 'st',
    displayName: 'ServiceTitan',
    tenant: '4242',
    apiUrl: sandbox.apiUrl,
    tokenUrl: sandbox.tokenUrl,
    clientId: 'cid',
    clientSecret: 'secret',
    appKey: 'ak_test',
    timeZone: 'America/Chicago',
    locationFrom: 'division',
    retries: 3,
    minRetryMs: 10,
  });
  return { sandbox, source };
}

const now = new Date('2026-11-20T18:00:00Z');

describe('ServiceTitan connector against the sandbox', () => {
  it('reads jobs, invoices, payments and customers in full on the first poll, with the class from the business unit', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 60 }));
    const read = await source.read({ now });
    expect(read.mode).toBe('full');
    const invoices = read.records.filter((r): r is InvoiceRecord => r.entity === 'invoice');
    const jobs = read.records.filter((r): r is JobRecord => r.entity === 'job');
    const payments = read.records.filter((r): r is PaymentRecord => r.entity === 'payment');
    expect(invoices).toHaveLength(60);
    expect(jobs).toHaveLength(60);
    expect(payments).toHaveLength(45);
    expect(read.records.filter((r) => r.entity === 'customer')).toHaveLength(20);
    const first = invoices.find((i) => i.sourceId === '80001')!;
    expect(first).toMatchObject({
      number: '10001',
      jobNumber: 'J-5001',
      className: 'Residential',
      location: 'North',
      status: 'open',
      customFields: { business_unit: 'HVAC - North · Residential' },
    });
    expect(first.totalCents).toBe(first.taxCents! + first.lines[0]!.amountCents);
    expect(payments[0]!.appliedTo[0]).toMatchObject({ invoiceId: '80002', invoiceNumber: '10002' });
    // The token is fetched once and reused across every page.
    expect(sandbox.tokensIssued()).toBe(1);
    expect(read.problems).toEqual([]);
  });

  it('reads only what changed on the next poll, resuming each export from its continueFrom', async () => {
    const world = generateWorld({ jobs: 60 });
    const { source, sandbox } = await setUp(world);
    const first = await source.read({ now });
    const invoice = world.find('invoices', '80010')!.record;
    world.upsert('invoices', { ...invoice, balanceCents: 0, status: 'paid' });
    world.remove('payments', 'P70002');
    const before = sandbox.requests.length;
    const second = await source.read({ now, cursor: first.cursor! });
    expect(second.mode).toBe('incremental');
    expect(second.records.filter((r) => r.entity !== 'class').map((r) => `${r.entity} ${r.sourceId}`)).toEqual(['invoice 80010']);
    expect(second.deleted).toEqual([{ entity: 'payment', sourceId: '70002' }]);
    // One business-units page and one page per export.
    expect(sandbox.requests.length - before).toBe(5);
  });

  it('sends the app key and the tenant, and reports a refused app key as an auth failure naming the connector', async () => {
    const { sandbox } = await setUp(generateWorld({ jobs: 3 }));
    const wrong = createServiceTitanSource({
      id: 'st',
      displayName: 'ServiceTitan',
      tenant: '4242',
      apiUrl: sandbox.apiUrl,
      tokenUrl: sandbox.tokenUrl,
      clientId: 'cid',
      clientSecret: 'secret',
      appKey: 'ak_wrong',
      timeZone: 'UTC',
      locationFrom: 'none',
      retries: 1,
      minRetryMs: 10,
    });
    const err = await wrong.read({ now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentinelError);
    expect((err as SentinelError).reason).toBe('auth');
    expect((err as SentinelError).message).toMatch(
      /^servicetitan: HTTP 401 .*ST-App-Key is missing or not valid.* reconnect the app or set fresh credentials/,
    );
  });

  it('gets a new token when the old one is revoked mid-life', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 3 }));
    await source.read({ now });
    sandbox.revokeTokens();
    const read = await source.read({ now });
    expect(read.records.some((r) => r.entity === 'invoice')).toBe(true);
    expect(sandbox.tokensIssued()).toBe(2);
  });

  it('waits out a 429 with Retry-After and a 503, and finishes the read', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 10 }));
    sandbox.injectFault({ status: 429, retryAfterSeconds: 1 });
    sandbox.injectFault({ status: 503 });
    const read = await source.read({ now });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(10);
  });

  it('gives up after the retries with a server error the stale-source check can name', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 3 }));
    sandbox.injectFault({ status: 500 }, 10);
    const err = (await source.read({ now }).catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('server');
    expect(err.code).toBe('upstream.servicetitan.http_500');
  });

  it('refuses a malformed export page instead of importing half of it', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 3 }));
    sandbox.injectFault({ status: 200, raw: '{"hasMore": true, "data": [' }, 10);
    const err = (await source.read({ now }).catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('malformed');
    expect(err.message).toMatch(/servicetitan: a body that is not JSON/);
  });

  it('reports an invoice whose total is not money as a problem naming the invoice, and keeps the rest', async () => {
    const world = generateWorld({ jobs: 5 });
    const { source } = await setUp(world);
    // A decimal string the vendor would never send as valid money.
    const bad = world.find('invoices', '80003')!.record;
    world.upsert('invoices', { ...bad, totalCents: Number.NaN });
    const read = await source.read({ now });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(4);
    expect(read.problems).toEqual([
      expect.objectContaining({
        entity: 'invoice',
        sourceId: '80003',
        field: 'total',
        message: expect.stringMatching(/^ServiceTitan invoice 80003: "NaN\.NaN" is not an amount/),
      }),
    ]);
  });

  it('carries what could be read of an unreadable invoice (its number and job), so its twin is not taken for deleted', async () => {
    const world = generateWorld({ jobs: 5 });
    const { source } = await setUp(world);
    const bad = world.find('invoices', '80003')!.record as { number?: string; jobNumber?: string };
    world.upsert('invoices', { ...world.find('invoices', '80003')!.record, totalCents: Number.NaN });
    const read = await source.read({ now });
    expect(read.problems).toEqual([expect.objectContaining({ sourceId: '80003', number: bad.number, jobNumber: bad.jobNumber })]);
    expect(bad.number).toBe('10003');
  });
});
