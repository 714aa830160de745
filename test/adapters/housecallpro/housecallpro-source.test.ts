import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import type { SentinelError } from '../../../src/domain/errors';
import { createHousecallProSource } from '../../../adapters/housecallpro/source';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import type { World } from '../../../adapters/vendor-sandboxes/common/world';
import { startHousecallProSandbox, type HousecallProSandbox } from '../../../adapters/vendor-sandboxes/housecallpro/server';

let sandbox: HousecallProSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date('2026-11-20T18:00:00Z');

async function setUp(world: World, key = 'hcp_key') {
  sandbox = await startHousecallProSandbox({ world, apiKey: 'hcp_key' });
  const source = createHousecallProSource({
    id: 'hcp',
    displayName: 'Housecall Pro',
    apiUrl: sandbox.apiUrl,
    apiKey: key,
    authScheme: 'Token',
    pageSize: 25,
    zone: 'America/Chicago',
    defaultCountry: 'US',
    classFrom: 'business_unit',
    locationFrom: 'company_name',
    retries: 2,
    minRetryMs: 10,
    ratePerSecond: 50,
  });
  return { sandbox, source };
}

describe('Housecall Pro connector against the sandbox', () => {
  it('reads customers, jobs and invoices page by page, with the payments inside the invoices and the class from the business unit', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 40 }));
    const read = await source.read({ now });
    expect(read.mode).toBe('full');
    const invoices = read.records.filter((r): r is InvoiceRecord => r.entity === 'invoice');
    const payments = read.records.filter((r): r is PaymentRecord => r.entity === 'payment');
    expect(invoices).toHaveLength(40);
    expect(read.records.filter((r): r is JobRecord => r.entity === 'job')).toHaveLength(40);
    expect(payments).toHaveLength(30);
    const inv = invoices.find((i) => i.sourceId === 'invoice_80004')!;
    expect(inv).toMatchObject({
      number: '10004',
      jobNumber: '10004',
      className: 'Commercial',
      location: 'South',
      status: 'paid',
      balanceCents: 0,
    });
    const job = read.records.find((r): r is JobRecord => r.entity === 'job' && r.sourceId === 'job_JB20004')!;
    expect(job).toMatchObject({ number: '10004', status: 'completed', technician: 'S. Tech' });
    expect(payments.find((p) => p.appliedTo[0]?.invoiceId === 'invoice_80004')!.amountCents).toBe(inv.totalCents);
    // Every request carried the key as `Token`; page_size was honoured.
    expect(sandbox.requests.every((r) => r.query['page_size'] === '25')).toBe(true);
    expect(read.problems).toEqual([]);
  });

  it('stops reading jobs at the watermark on the next poll', async () => {
    const world = generateWorld({ jobs: 60 });
    const { source, sandbox } = await setUp(world);
    const first = await source.read({ now });
    const job = world.find('jobs', 'JB20003')!.record;
    world.upsert('jobs', { ...job, status: 'canceled' });
    const before = sandbox.requests.length;
    const second = await source.read({ now, cursor: first.cursor! });
    expect(second.records.filter((r) => r.entity === 'job').map((r) => r.sourceId)).toEqual(['job_JB20003']);
    expect(second.records.find((r) => r.entity === 'job')).toMatchObject({ status: 'canceled' });
    // One page of customers, one of jobs, and every invoice page (HCP invoices carry no updated_at).
    expect(sandbox.requests.length - before).toBe(1 + 1 + 3);
  });

  it('reports a revoked API key as an auth failure naming Housecall Pro', async () => {
    const { source } = await setUp(generateWorld({ jobs: 2 }), 'wrong');
    const err = (await source.read({ now }).catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/^housecallpro: HTTP 401 .*\(Unauthorized\) — the credentials were refused/);
  });

  it('retries a 429 honouring Retry-After', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 3 }));
    sandbox.injectFault({ status: 429, retryAfterSeconds: 1 });
    const read = await source.read({ now });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(3);
  });

  it('reports an invoice amount that is not whole cents as a problem naming the invoice', async () => {
    const world = generateWorld({ jobs: 3 });
    const bad = world.find('invoices', '80002')!.record;
    world.upsert('invoices', { ...bad, totalCents: 1234.5 });
    const { source } = await setUp(world);
    const read = await source.read({ now });
    expect(read.problems).toEqual([
      expect.objectContaining({
        sourceId: 'invoice_80002',
        field: 'amount',
        message: expect.stringMatching(/^Housecall Pro invoice invoice_80002: 1234\.5 is not an amount in cents/),
      }),
    ]);
    // What could be read of it stays on the problem: the engine treats the invoice as unknown, not deleted.
    expect(read.problems[0]).toMatchObject({ number: bad.number });
    expect(read.records.filter((r) => r.entity === 'job' && r.number === read.problems[0]!.jobNumber)).toHaveLength(1);
  });

  it('refuses a page without total_pages as malformed', async () => {
    const { source, sandbox } = await setUp(generateWorld({ jobs: 3 }));
    sandbox.injectFault({ status: 200, body: { customers: [] } }, 10);
    const err = (await source.read({ now }).catch((e: unknown) => e)) as SentinelError;
    expect(err.reason).toBe('malformed');
  });
});
