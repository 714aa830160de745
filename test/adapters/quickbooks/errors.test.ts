import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuickbooksClient } from '../../../adapters/quickbooks/client';
import { staticTokens } from '../../../adapters/quickbooks/token-manager';
import type { SandboxFault } from '../../../adapters/quickbooks-sandbox/server';
import { SentinelError } from '../../../src/domain/errors';
import { anInvoice } from './builders';
import { ACCESS_TOKEN, REALM, REFRESH_TOKEN, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ Invoice: [anInvoice()] });
});
beforeEach(() => h.sandbox.clearFaults());
afterAll(() => h.close());

async function failureOf(read: () => Promise<unknown>): Promise<SentinelError> {
  const outcome = await read().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(SentinelError);
  const error = outcome as SentinelError;
  // Nothing that authenticates ever reaches a message or the kept cause.
  for (const text of [error.message, JSON.stringify(error.cause ?? null)]) {
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(text).not.toContain('client-secret');
    expect(text).not.toMatch(/bearer/i);
  }
  return error;
}

const readWith =
  (fault: SandboxFault, timeoutMs = 5_000) =>
  () => {
    h.sandbox.injectFault(fault);
    return h.source({ timeoutMs }).read({ now: new Date() });
  };

describe('QuickBooks failures become SentinelErrors that say what happened', () => {
  it.each<[string, SandboxFault, string, string, RegExp]>([
    [
      'an HTML 500 page',
      { kind: 'status', status: 500, body: 'html' },
      'server',
      'quickbooks.server',
      /HTTP 500 · HTML error page "500 Internal Server Error"/,
    ],
    [
      'a 500 Fault',
      { kind: 'status', status: 500 },
      'server',
      'quickbooks.server',
      /HTTP 500 · code 3100 · message=InternalServerError.* — An internal error/,
    ],
    [
      'a 503 from the edge',
      { kind: 'status', status: 503 },
      'server',
      'quickbooks.server',
      /HTTP 503 · HTML error page "503 Service Unavailable"/,
    ],
    [
      'a 503 SystemFault',
      { kind: 'status', status: 503, body: 'json-fault' },
      'server',
      'quickbooks.server',
      /HTTP 503 · code 10000 · An application error/,
    ],
    // A 401 that outlives a token refresh means the connection is gone.
    [
      'a 401 with the lower-case fault body',
      { kind: 'status', status: 401 },
      'auth',
      'quickbooks.disconnected',
      /QuickBooks disconnected — run `sync-sentinel connect quickbooks` \(.*HTTP 401 · code 3200 · message=AuthenticationFailed/,
    ],
    [
      'a 401 with a capitalised Fault body',
      { kind: 'status', status: 401, body: 'json-fault' },
      'auth',
      'quickbooks.disconnected',
      /disconnected.*HTTP 401 · code 3200 /,
    ],
    [
      'a 401 with an XML body',
      { kind: 'status', status: 401, body: 'xml' },
      'auth',
      'quickbooks.disconnected',
      /disconnected.*HTTP 401 · XML fault · code 3200/,
    ],
    ['a 200 carrying a SystemFault', { kind: 'fault200' }, 'server', 'quickbooks.server', /HTTP 200 with a Fault · code 10000/],
    [
      'a 200 carrying a ValidationFault',
      { kind: 'fault200', type: 'ValidationFault', code: '4001' },
      'client',
      'quickbooks.client',
      /HTTP 200 with a Fault · code 4001/,
    ],
    ['a truncated JSON body', { kind: 'malformed' }, 'malformed', 'quickbooks.malformed', /the response was not QuickBooks JSON/],
    ['a dropped connection', { kind: 'reset' }, 'network', 'quickbooks.network', /no response \((ECONNRESET|socket hang up)/],
  ])('reports %s', async (_, fault, reason, code, message) => {
    const error = await failureOf(readWith(fault));
    expect(error).toMatchObject({ reason, code });
    expect(error.message).toMatch(/QuickBooks query Invoice \(startposition 1\) failed: /);
    expect(error.message).toMatch(message);
  });

  it('names the intuit_tid to quote to Intuit support', async () => {
    const error = await failureOf(readWith({ kind: 'status', status: 500 }));
    expect(error.message).toMatch(/\(intuit_tid sandbox-\d+\)/);
    expect(error.cause).toMatchObject({ status: 500, intuitTid: expect.stringMatching(/^sandbox-/), fault: { code: '3100' } });
  });

  it('reports a 429 as rate limited with the Retry-After the server sent', async () => {
    const error = await failureOf(readWith({ kind: 'status', status: 429, retryAfter: 7 }));
    expect(error).toMatchObject({ reason: 'rate_limited', code: 'quickbooks.throttled', retryable: true, retryAfterSeconds: 7 });
    expect(error.message).toMatch(/HTTP 429 · code 3001 · message=ThrottleExceeded.*Fix: wait 7s/);
  });

  it('waits 60 seconds after a 429 that does not say how long, even with an XML body', async () => {
    const error = await failureOf(readWith({ kind: 'status', status: 429, body: 'xml' }));
    expect(error).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 60 });
    expect(error.message).toMatch(/HTTP 429 · XML fault · code 3001/);
  });

  it('gives up on a request that never answers after timeoutMs', async () => {
    // A request that hung forever would fail this test by its own time-out.
    const error = await failureOf(readWith({ kind: 'hang' }, 300));
    expect(error).toMatchObject({ reason: 'timeout', code: 'quickbooks.timeout', retryable: true });
    expect(error.message).toMatch(/no answer within 300 ms/);
  });

  it('reports an expired access token without repeating it', async () => {
    const expired = 'expired-token-Q9f2';
    const source = h.source({
      credentials: { clientId: 'client-id', clientSecret: 'client-secret', accessToken: expired, refreshToken: REFRESH_TOKEN },
    });
    const error = await failureOf(() => source.read({ now: new Date() }));
    expect(error).toMatchObject({ reason: 'auth', retryable: false });
    expect(error.message).toMatch(/HTTP 401 · code 3200/);
    expect(error.message).not.toContain(expired);
  });

  it('reports a realm the token does not belong to as an auth failure', async () => {
    const error = await failureOf(() => h.source({ realmId: '4620816365000000' }).read({ now: new Date() }));
    expect(error).toMatchObject({ reason: 'auth', code: 'quickbooks.disconnected' });
    expect(error.message).toMatch(
      /^QuickBooks disconnected — run `sync-sentinel connect quickbooks`.*HTTP 403 · code 120 .*Fix: check the realm id/,
    );
  });

  it('reports a refused connection as a network failure', async () => {
    const source = h.source({ baseUrl: 'http://127.0.0.1:9/v3/company/' });
    const error = await failureOf(() => source.read({ now: new Date() }));
    expect(error).toMatchObject({ reason: 'network', code: 'quickbooks.network' });
    expect(error.message).toMatch(/no response \(ECONNREFUSED/);
  });

  it('reports a settings read whose body is not JSON as malformed', async () => {
    const client = createQuickbooksClient({
      realmId: REALM,
      baseUrl: h.sandbox.baseUrl,
      minorVersion: 75,
      timeoutMs: 5_000,
      clientId: 'client-id',
      clientSecret: 'client-secret',
      tokens: staticTokens(ACCESS_TOKEN),
      retry: { attempts: 1 },
    });
    h.sandbox.injectFault({ kind: 'malformed' }, 1);
    const error = await failureOf(() => client.preferences());
    expect(error).toMatchObject({ reason: 'malformed', code: 'quickbooks.malformed' });
    expect(error.message).toBe('QuickBooks read Preferences failed: the response was not a JSON object');
  });

  it('reports a query QuickBooks cannot parse in QuickBooks’ own words, as a refusal not worth retrying', async () => {
    const client = createQuickbooksClient({
      realmId: REALM,
      baseUrl: h.sandbox.baseUrl,
      minorVersion: 75,
      timeoutMs: 5_000,
      clientId: 'client-id',
      clientSecret: 'client-secret',
      tokens: staticTokens(ACCESS_TOKEN),
      retry: { attempts: 1 },
    });
    const error = await failureOf(() => client.queryAll('Invoice', [{ field: 'Doc Number', value: 'INV-1' }]));
    expect(error).toMatchObject({ reason: 'client', code: 'quickbooks.client', retryable: false });
    expect(error.message).toMatch(/HTTP 400 · code 4000 · Error parsing query — QueryParserError: Encountered "Number"/);
  });

  it('recovers once the fault has been served the given number of times', async () => {
    h.sandbox.injectFault({ kind: 'status', status: 503 }, 1);
    await failureOf(() => h.source().read({ now: new Date() }));
    await expect(h.source().read({ now: new Date() })).resolves.toMatchObject({ mode: 'full' });
  });
});
