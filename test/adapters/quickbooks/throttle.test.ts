import { afterEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/domain/errors';
import { anInvoice } from './builders';
import { startConnected, type Connected } from './connected';

let c: Connected;
afterEach(() => c.close());

const manyInvoices = (n: number) => Array.from({ length: n }, (_, i) => anInvoice({ Id: String(i + 1) }));

/** A sleep that returns at once and remembers what it was asked to wait. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('QuickBooks rate limits', () => {
  it('keeps a multi-page backfill within 10 requests a second and 500 a minute', async () => {
    c = await startConnected({ Invoice: manyInvoices(11_500) }, { limits: { perSecond: 10, perMinute: 500 } });
    const read = await c.source().read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(11_500);
    expect(c.h.sandbox.throttledCount()).toBe(0);
  });

  it('rides out a 429 storm from going too fast, waiting the Retry-After each time, and finishes the read', async () => {
    c = await startConnected({ Invoice: manyInvoices(11_500) }, { limits: { perSecond: 10, perMinute: 500, retryAfterSeconds: 1 } });
    const read = await c.source({ limits: { perSecond: 1_000, perMinute: 60_000 }, retry: { attempts: 10 } }).read({ now: new Date() });
    expect(c.h.sandbox.throttledCount()).toBeGreaterThan(0);
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(11_500);
  });

  it('waits 60 seconds after a 429 that does not say how long', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    const { waits, sleep } = recordingSleep();
    c.h.sandbox.injectFault({ kind: 'status', status: 429, body: 'xml' }, 1);
    await expect(c.source({ sleep, retry: { attempts: 5 } }).read({ now: new Date() })).resolves.toMatchObject({ mode: 'full' });
    expect(waits).toEqual([60_000]);
  });

  it('fails the read rather than stall when asked to wait longer than it accepts', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    const { waits, sleep } = recordingSleep();
    c.h.sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 900 });
    const error = await c
      .source({ sleep, retry: { attempts: 5 } })
      .read({ now: new Date() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 900 });
    expect(waits).toEqual([]);
  });
});

describe('QuickBooks server faults', () => {
  it('retries 500s with growing waits and then reads normally', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    const { waits, sleep } = recordingSleep();
    c.h.sandbox.injectFault({ kind: 'status', status: 500 }, 2);
    const read = await c.source({ sleep, retry: { attempts: 5 } }).read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(3);
    expect(waits).toEqual([1_000, 2_000]);
  });

  it('retries a malformed JSON body, a time-out and an HTML 503 page', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    const { waits, sleep } = recordingSleep();
    c.h.sandbox.injectFault({ kind: 'malformed' }, 1);
    c.h.sandbox.injectFault({ kind: 'hang' }, 1);
    c.h.sandbox.injectFault({ kind: 'status', status: 503 }, 1);
    const read = await c.source({ sleep, timeoutMs: 300, retry: { attempts: 5 } }).read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(3);
    expect(waits).toHaveLength(3);
  });

  it('gives up after five tries and says what QuickBooks answered', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    const { waits, sleep } = recordingSleep();
    c.h.sandbox.injectFault({ kind: 'status', status: 503 });
    const error = await c
      .source({ sleep, retry: { attempts: 5 } })
      .read({ now: new Date() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentinelError);
    expect(error).toMatchObject({ reason: 'server', code: 'quickbooks.server' });
    expect((error as Error).message).toMatch(/HTTP 503 · HTML error page "503 Service Unavailable"/);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('treats a 200 that carries a Fault as an error', async () => {
    c = await startConnected({ Invoice: manyInvoices(3) });
    c.h.sandbox.injectFault({ kind: 'fault200', type: 'ValidationFault', code: '4001' });
    const error = await c
      .source()
      .read({ now: new Date() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'client', code: 'quickbooks.client' });
    expect((error as Error).message).toMatch(/HTTP 200 with a Fault · code 4001/);
  });
});
