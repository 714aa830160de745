import QuickBooks from 'node-quickbooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aCustomer, aNameListEntry, anInvoice, somePreferences } from './builders';
import { ACCESS_TOKEN, REALM, REFRESH_TOKEN, queriesSent, startHarness, type Harness, type SdkCall } from './harness';

const TRICKY_NAME = "O'Brien \\ Sons & 50%+ #1 <=>";
/** Change data capture looks back 30 days at most, so the changed invoice changed yesterday. */
const YESTERDAY = new Date(Date.now() - 86_400_000);
const hoursBefore = (hours: number) => new Date(YESTERDAY.getTime() - hours * 3_600_000).toISOString();

let h: Harness;
let sdk: SdkCall;

beforeAll(async () => {
  h = await startHarness({
    Customer: [aCustomer({ Id: '1', DisplayName: TRICKY_NAME }), aCustomer({ Id: '2', DisplayName: 'Tune Masters', Active: false })],
    Invoice: [
      anInvoice({ Id: '239', MetaData: { CreateTime: '2024-04-01T09:00:00-07:00', LastUpdatedTime: hoursBefore(-1) } }),
      anInvoice({ Id: '240', MetaData: { CreateTime: '2024-04-01T09:00:00-07:00', LastUpdatedTime: hoursBefore(48) } }),
    ],
    Item: Array.from({ length: 150 }, (_, i) => aNameListEntry(`Item ${i + 1}`)),
    Preferences: somePreferences({ TrackDepartments: true }),
    CompanyInfo: { Id: REALM, CompanyName: 'Acme HVAC' },
  });
  sdk = h.sdk();
});
beforeEach(() => h.sandbox.clearFaults());
afterAll(() => h.close());

describe('the QuickBooks sandbox, spoken to by node-quickbooks', () => {
  it('listens on 127.0.0.1 and serves the v3 API under /v3/company/', () => {
    expect(h.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.sandbox.baseUrl).toBe(`${h.sandbox.url}/v3/company/`);
  });

  it('finds a value with quotes, backslashes and URL-special characters exactly as the SDK escapes them', async () => {
    const { err, data } = await sdk('findCustomers', [{ field: 'DisplayName', value: TRICKY_NAME }]);
    expect(err).toBeNull();
    expect(data).toMatchObject({ QueryResponse: { Customer: [{ Id: '1', DisplayName: TRICKY_NAME }], startPosition: 1, maxResults: 1 } });
    expect(queriesSent(h.sandbox).at(-1)).toBe(
      `select * from customer where DisplayName = 'O\\'Brien \\ Sons & 50%+ #1 <=>' startposition 1 maxresults 1000`,
    );
  });

  it('records each request with its method, path and query parameters', async () => {
    await sdk('findInvoices', [{ field: 'DocNumber', value: '1070' }]);
    expect(h.sandbox.requests.at(-1)).toEqual({
      method: 'GET',
      path: `/v3/company/${REALM}/query`,
      query: {
        query: "select * from invoice where DocNumber = '1070' startposition 1 maxresults 1000",
        minorversion: '75',
        format: 'json',
      },
    });
  });

  it('returns only active name-list rows, 100 to a page, when the query says nothing', async () => {
    const { data } = await sdk('findItems');
    expect(queriesSent(h.sandbox).at(-1)).toBe('select * from item');
    expect(data).toMatchObject({ QueryResponse: { startPosition: 1, maxResults: 100 } });
    const inactive = await sdk('findCustomers', [{ field: 'Active', value: false }]);
    expect(inactive.data).toMatchObject({ QueryResponse: { Customer: [{ Id: '2' }] } });
  });

  it('answers LIKE, counts and empty results in the QueryResponse envelope', async () => {
    const like = await sdk('findCustomers', [{ field: 'DisplayName', value: '%brien%', operator: 'LIKE' }]);
    expect(like.data).toMatchObject({ QueryResponse: { Customer: [{ Id: '1' }] } });
    expect((await sdk('findInvoices', { count: true })).data).toMatchObject({ QueryResponse: { totalCount: 2 } });
    const none = await sdk('findPayments', [{ field: 'TotalAmt', value: 5, operator: '>' }]);
    expect(none.data).toEqual({ QueryResponse: {}, time: expect.any(String) });
  });

  it('serves single entities, company info and preferences', async () => {
    expect((await sdk('getInvoice', '239')).data).toMatchObject({ Id: '239' });
    expect((await sdk('getCompanyInfo', REALM)).data).toMatchObject({ CompanyName: 'Acme HVAC' });
    expect((await sdk('getPreferences')).data).toMatchObject({ AccountingInfoPrefs: { TrackDepartments: true } });
  });

  it('answers an unknown Id with the Object Not Found fault', async () => {
    const { err } = await sdk('getInvoice', '999');
    expect(err).toMatchObject({
      response: { status: 400, data: { Fault: { Error: [{ code: '610', Message: 'Object Not Found' }], type: 'ValidationFault' } } },
    });
  });

  it('answers a query it cannot parse with a 400 QueryParserError', async () => {
    const { err } = await sdk('findInvoices', 'where TotalAmt ~ 3');
    expect(err).toMatchObject({
      response: { status: 400, data: { Fault: { Error: [{ code: '4000', Message: 'Error parsing query' }] } } },
    });
    const detail = (err as { response: { data: { Fault: { Error: Array<{ Detail: string }> } } } }).response.data.Fault.Error[0]?.Detail;
    expect(detail).toMatch(/^QueryParserError: Encountered "~"/);
  });

  it('answers a wrong token with the lower-case AUTHENTICATION fault', async () => {
    const { err } = await h.sdk('not-a-token')('findInvoices', []);
    expect(err).toMatchObject({
      response: {
        status: 401,
        data: { fault: { error: [{ code: '3200', message: expect.stringContaining('AuthenticationFailed') }], type: 'AUTHENTICATION' } },
      },
    });
  });

  it('refuses a company the token is not for', async () => {
    const other = await fetch(`${h.sandbox.baseUrl}555/preferences`, { headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ Fault: { Error: [{ code: '120' }], type: 'AUTHENTICATION' } });
  });

  it('reports changes since a time through change data capture', async () => {
    const { data } = await sdk('changeDataCapture', ['Invoice', 'Payment'], YESTERDAY.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(data).toMatchObject({ CDCResponse: [{ QueryResponse: [{ Invoice: [{ Id: '239' }], maxResults: 1, totalCount: 1 }] }] });
  });

  it('answers 500 naming a data file that is not valid JSON', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${h.dir}/Deposit.json`, '[{"Id": ');
    const { err } = await sdk('findDeposits', []);
    expect(err).toMatchObject({
      response: { status: 500, data: { Fault: { Error: [{ Detail: expect.stringMatching(/^Deposit\.json is not valid JSON/) }] } } },
    });
    await h.write({ Deposit: [] });
  });

  it('serves injected faults the given number of times, then answers normally', async () => {
    h.sandbox.injectFault({ kind: 'status', status: 503 }, 2);
    const first = await sdk('getPreferences');
    const second = await sdk('getPreferences');
    const third = await sdk('getPreferences');
    expect([first, second].map((r) => (r.err as { response?: { status: number } }).response?.status)).toEqual([503, 503]);
    expect(third.err).toBeNull();
  });
});

describe('the sandbox token endpoint', () => {
  it('rotates the refresh token and accepts the new access token', async () => {
    QuickBooks.TOKEN_URL = h.sandbox.tokenUrl;
    const qbo = new QuickBooks('client-id', 'client-secret', 'stale', false, REALM, false, false, '75', '2.0', REFRESH_TOKEN);
    qbo.endpoint = h.sandbox.baseUrl;
    const refreshed = await new Promise<Record<string, unknown>>((resolve, reject) =>
      qbo.refreshAccessToken((err, body) =>
        err ? reject(new Error('refresh failed')) : resolve(body as unknown as Record<string, unknown>),
      ),
    );
    expect(refreshed).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8_640_000 });
    expect(refreshed.refresh_token).not.toBe(REFRESH_TOKEN);
    expect((await h.sdk(String(refreshed.access_token))('getPreferences')).err).toBeNull();

    const reused = await postToken(`grant_type=refresh_token&refresh_token=${REFRESH_TOKEN}`);
    expect([reused.status, await reused.json()]).toEqual([400, { error: 'invalid_grant' }]);
  });

  it('requires client credentials and the refresh_token grant', async () => {
    expect((await postToken('grant_type=refresh_token&refresh_token=x', '')).status).toBe(401);
    const wrongGrant = await postToken('grant_type=client_credentials');
    expect([wrongGrant.status, await wrongGrant.json()]).toEqual([400, { error: 'unsupported_grant_type' }]);
  });
});

function postToken(body: string, authorization = `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`): Promise<Response> {
  return fetch(h.sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: authorization },
    body,
  });
}
