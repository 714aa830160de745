import { afterEach, describe, expect, it } from 'vitest';
import { createJobberSource } from '../../../adapters/jobber/source';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import { encodedId } from '../../../adapters/vendor-sandboxes/jobber/schema';
import { startJobberSandbox, type JobberSandbox } from '../../../adapters/vendor-sandboxes/jobber/server';
import { startFaultProxy, type FaultProxy } from '../../proof/support/fault-proxy';

let sandbox: JobberSandbox | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const now = new Date('2026-11-20T18:00:00Z');

describe('a webhook re-check taken by a read that then fails', () => {
  it('is kept for the next read: a payment edit Jobber announced (which polling by entry date cannot see) is not lost to a timeout', async () => {
    const world = generateWorld({ jobs: 4 });
    sandbox = await startJobberSandbox({ world, clientId: 'jid', clientSecret: 'jsecret', refreshToken: 'r0', restoreRate: 200_000 });
    proxy = await startFaultProxy({ target: sandbox.url });
    const source = createJobberSource({
      id: 'jobber',
      displayName: 'Jobber',
      graphqlUrl: `${proxy.url}/api/graphql`,
      tokenUrl: `${proxy.url}/api/oauth/token`,
      apiVersion: '2025-01-20',
      clientId: 'jid',
      clientSecret: 'jsecret',
      tokens: { accessToken: '', refreshToken: 'r0', expiresAt: 0 },
      pageSize: 20,
      maxThrottleWaitMs: 5_000,
      classField: 'Class',
      locationField: 'Location',
      ids: 'gid_number',
      defaultCountry: 'US',
      retries: 0,
    });
    const first = await source.read({ now });

    // The amount of payment 70002 is corrected in Jobber (its entry date stays), and Jobber says so.
    const payment = world.find('payments', 'P70002')!.record;
    world.upsert('payments', { ...payment, amountCents: payment.amountCents - 500 });
    source.rechecks.push({ topic: 'PAYMENT_UPDATE', itemId: encodedId('PaymentRecord', 70002), occurredAt: '2026-11-20T17:00:00Z' });

    // The next read gets through the feeds, then the look-up of that payment is cut off.
    proxy.setDecide((req) => (req.body.includes('paymentRecord(id') ? { kind: 'reset' } : null));
    await expect(source.read({ now, cursor: first.cursor! })).rejects.toMatchObject({ reason: 'network' });

    proxy.setDecide(undefined);
    const third = await source.read({ now, cursor: first.cursor! });
    expect(third.summary).toMatch(/1 webhook re-check/);
    expect(third.records.find((r) => r.entity === 'payment' && r.sourceId === '70002')).toMatchObject({
      amountCents: payment.amountCents - 500,
    });
  });
});
