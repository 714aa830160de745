// node-quickbooks, wrapped once: promises instead of callbacks, a deadline on every call (the SDK sets
// none), our own paging (its fetchAll stops early when a page size is off by one), the per-company rate
// limit, retries (p-retry: 429 after Retry-After, 5xx and time-outs with backoff), a token refresh on 401, and
// every failure translated into a SentinelError. SDK types stay in this file.
import QuickBooks from 'node-quickbooks';
import pRetry, { AbortError } from 'p-retry';
import { SentinelError } from '../../src/domain/errors';
import type { Logger } from '../../src/ports/logger';
import { malformedError, timeoutError, toSentinelError } from './errors';
import { DISCONNECTED_CODE } from './oauth';
import { limiterFor, type RateLimits } from './throttle';
import type { TokenManager } from './token-manager';

export type QueryEntity =
  'Customer' | 'Invoice' | 'Payment' | 'SalesReceipt' | 'CreditMemo' | 'Deposit' | 'Class' | 'Department' | 'Item' | 'Account';

/** One condition in node-quickbooks' array criteria form; it writes `field operator value`. */
export interface Criterion {
  field: string;
  value: string | number | boolean | Array<string | number | boolean>;
  operator?: '=' | 'IN' | '<' | '>' | '<=' | '>=' | 'LIKE';
}

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  /** First backoff after a 5xx or time-out; doubles each time. */
  baseDelayMs: number;
  /** Longest single wait the client accepts; a longer Retry-After (or backoff) fails the read instead of stalling it. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxWaitMs: 120_000 };

export interface QuickbooksClientOptions {
  realmId: string;
  /** Must end in /v3/company/ (node-quickbooks appends `{realmId}/…`). */
  baseUrl: string;
  minorVersion: number;
  timeoutMs: number;
  clientId: string;
  clientSecret: string;
  tokens: TokenManager;
  retry?: Partial<RetryPolicy>;
  limits?: RateLimits;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  /** Counts every HTTP request sent (for the bench and the poll summary). */
  onRequest?: () => void;
  /** The `time` of every answer that carries one: the server's clock, for checkpoints. */
  onServerTime?: (time: string) => void;
}

export interface CdcResult {
  /** Rows per entity, as QuickBooks sent them (deleted ones are stubs with `status: "Deleted"`). */
  rows: Map<string, unknown[]>;
  total: number;
  /** The server's clock when it answered. */
  time: string;
}

export interface QuickbooksClient {
  /** Every row of an entity matching the filters, read page by page. */
  queryAll(entity: QueryEntity, filters?: Criterion[], onPage?: (rows: number) => void): Promise<unknown[]>;
  count(entity: QueryEntity, filters?: Criterion[]): Promise<number>;
  cdc(entities: readonly QueryEntity[], changedSince: string): Promise<CdcResult>;
  preferences(): Promise<unknown>;
  companyInfo(): Promise<unknown>;
}

/** QuickBooks' largest page. A shorter page is the last one. */
export const PAGE_SIZE = 1000;

const FINDERS = {
  Customer: 'findCustomers',
  Invoice: 'findInvoices',
  Payment: 'findPayments',
  SalesReceipt: 'findSalesReceipts',
  CreditMemo: 'findCreditMemos',
  Deposit: 'findDeposits',
  Class: 'findClasses',
  Department: 'findDepartments',
  Item: 'findItems',
  Account: 'findAccounts',
} as const satisfies Record<QueryEntity, string>;

type Callback = (err: unknown, data: unknown) => void;
type SdkMethod = (typeof FINDERS)[QueryEntity] | 'getPreferences' | 'getCompanyInfo' | 'changeDataCapture';
type Sdk = { endpoint: string } & Record<SdkMethod, (...args: unknown[]) => void>;

export function createQuickbooksClient(opts: QuickbooksClientOptions): QuickbooksClient {
  if (!opts.baseUrl.endsWith('/v3/company/')) {
    throw new SentinelError(
      'config.qbo_base_url',
      'config',
      `QuickBooks base URL must end in /v3/company/ (got ${opts.baseUrl}), e.g. https://quickbooks.api.intuit.com/v3/company/`,
    );
  }
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const limiter = limiterFor(opts.realmId, opts.limits);

  /** One HTTP request with the token of the moment, rate-limited, under a deadline. */
  async function once(operation: string, method: SdkMethod, token: string, args: unknown[]): Promise<unknown> {
    // A fresh SDK object per request: the token is read from the instance when the request is built.
    const sdk = new QuickBooks(
      opts.clientId,
      opts.clientSecret,
      token,
      false,
      opts.realmId,
      false,
      false,
      String(opts.minorVersion),
      '2.0',
      '',
    ) as unknown as Sdk;
    sdk.endpoint = opts.baseUrl;
    const secrets = [token, opts.clientSecret];
    return limiter.schedule(async () => {
      opts.onRequest?.();
      let timer: NodeJS.Timeout | undefined;
      const reply = new Promise<unknown>((resolve, reject) => {
        // The callback must never throw: find* call it again from their own catch if it does.
        const done: Callback = (err, data) => (err ? reject(err) : resolve(data));
        sdk[method].call(sdk, ...args, done);
      });
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError(operation, opts.timeoutMs)), opts.timeoutMs);
      });
      try {
        const body = await Promise.race([reply, deadline]);
        if (isObject(body) && typeof body.time === 'string') opts.onServerTime?.(body.time);
        return body;
      } catch (err) {
        throw toSentinelError(err, operation, secrets);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /**
   * One request as the caller sees it: retried by p-retry while the failure is worth retrying and the
   * wait is one we accept. The waits are ours (Retry-After, else doubling backoff) through `sleep`, so
   * p-retry's own timer is set to nothing and a test's sleep returns at once.
   */
  async function call(operation: string, method: SdkMethod, ...args: unknown[]): Promise<unknown> {
    let token = await opts.tokens.accessToken();
    let refreshed = false;
    async function attempt(): Promise<unknown> {
      try {
        return await once(operation, method, token, args);
      } catch (err) {
        const e = err as SentinelError;
        if (isUnauthorized(e) && !refreshed) {
          // Expired or revoked early: one refresh, then the same request again, inside this attempt.
          refreshed = true;
          token = await opts.tokens.replaceRejected(token).catch((refreshErr: unknown) => {
            throw new AbortError(refreshErr instanceof Error ? refreshErr : String(refreshErr));
          });
          return attempt();
        }
        if (e.reason === 'auth') throw new AbortError(asDisconnected(e));
        if (!e.retryable) throw new AbortError(e);
        throw e;
      }
    }
    return pRetry(attempt, {
      retries: Math.max(0, retry.attempts - 1),
      minTimeout: 0,
      // Runs only when a try is left: the wait decides whether we use it.
      shouldRetry: async ({ error, attemptNumber }) => {
        const e = error as SentinelError;
        const wait = e.reason === 'rate_limited' ? (e.retryAfterSeconds ?? 60) * 1000 : retry.baseDelayMs * 2 ** (attemptNumber - 1);
        if (wait > retry.maxWaitMs) return false;
        opts.log?.warn(
          { realmId: opts.realmId, reason: e.reason, attempt: attemptNumber, waitMs: wait },
          `QuickBooks ${operation}: ${e.reason === 'rate_limited' ? 'throttled' : 'failed'}, retrying in ${Math.round(wait / 1000)} s`,
        );
        await sleep(wait);
        return true;
      },
    });
  }

  async function read(entity: 'Preferences' | 'CompanyInfo', method: SdkMethod, ...args: unknown[]): Promise<unknown> {
    const body = await call(`read ${entity}`, method, ...args);
    if (!isObject(body)) throw malformedError(`read ${entity}`, 'the response was not a JSON object');
    return body;
  }

  return {
    async queryAll(entity, filters = [], onPage) {
      assertQuotable(entity, filters);
      const rows: unknown[] = [];
      for (let start = 1; ; start += PAGE_SIZE) {
        const operation = `query ${entity} (startposition ${start})`;
        const criteria = [...filters, { field: 'limit', value: PAGE_SIZE }, { field: 'offset', value: start }];
        const page = pageRows(await call(operation, FINDERS[entity], criteria), entity, operation);
        rows.push(...page);
        onPage?.(page.length);
        if (page.length < PAGE_SIZE) return rows;
      }
    },
    async count(entity, filters = []) {
      assertQuotable(entity, filters);
      const operation = `count ${entity}`;
      // node-quickbooks spots `{count: true}` in the criteria and removes it with splice(i, i + 1),
      // which takes everything after it too: it must come last.
      const body = await call(operation, FINDERS[entity], [...filters, { count: true }]);
      const total = isObject(body) && isObject(body.QueryResponse) ? body.QueryResponse.totalCount : undefined;
      if (typeof total !== 'number') throw malformedError(operation, 'the response had no totalCount');
      return total;
    },
    async cdc(entities, changedSince) {
      const operation = `change data capture since ${changedSince}`;
      return cdcRows(await call(operation, 'changeDataCapture', [...entities], changedSince), operation);
    },
    preferences: () => read('Preferences', 'getPreferences'),
    companyInfo: () => read('CompanyInfo', 'getCompanyInfo', opts.realmId),
  };
}

function isUnauthorized(e: SentinelError): boolean {
  return e.reason === 'auth' && (e.cause as { status?: number } | undefined)?.status === 401;
}

/** 401 after a refresh, 403, or a lapsed subscription (6190): a person has to reconnect. */
function asDisconnected(e: SentinelError): SentinelError {
  if (e.code === DISCONNECTED_CODE || e.code === 'quickbooks.not_connected') return e;
  return new SentinelError(DISCONNECTED_CODE, 'auth', `QuickBooks disconnected — run \`sync-sentinel connect quickbooks\` (${e.message})`, {
    cause: e.cause,
    retryable: false,
  });
}

/**
 * node-quickbooks quotes a string as '…' with each ' written \'. A value ending in a backslash would
 * turn its closing quote into \' and swallow the rest of the query, so it is refused, not sent.
 */
function assertQuotable(entity: QueryEntity, filters: readonly Criterion[]): void {
  for (const f of filters) {
    const bad = (Array.isArray(f.value) ? f.value : [f.value]).find((v) => typeof v === 'string' && v.endsWith('\\'));
    if (bad !== undefined) {
      throw new SentinelError(
        'quickbooks.query_value',
        'client',
        `A ${entity} query on ${f.field} was not sent: the value ${JSON.stringify(bad)} ends in a backslash, which QuickBooks' query language cannot quote`,
        { retryable: false },
      );
    }
  }
}

/** The entity array of a QueryResponse page; QuickBooks leaves the key out when nothing matched. */
function pageRows(body: unknown, entity: QueryEntity, operation: string): unknown[] {
  const response = isObject(body) ? body.QueryResponse : undefined;
  if (!isObject(response)) throw malformedError(operation, 'the response had no QueryResponse');
  const key = Object.keys(response).find((k) => k.toLowerCase() === entity.toLowerCase());
  const rows = key === undefined ? [] : response[key];
  if (!Array.isArray(rows)) throw malformedError(operation, `QueryResponse.${entity} was not a list`);
  return rows;
}

/** `{CDCResponse:[{QueryResponse:[{Invoice:[…]}, {Customer:[…]}]}], time}`; an empty one holds `[{}]`. */
function cdcRows(body: unknown, operation: string): CdcResult {
  if (!isObject(body) || !Array.isArray(body.CDCResponse)) throw malformedError(operation, 'the response had no CDCResponse');
  const time = typeof body.time === 'string' && !Number.isNaN(Date.parse(body.time)) ? body.time : undefined;
  if (!time) throw malformedError(operation, 'the response had no server time');
  const rows = new Map<string, unknown[]>();
  let total = 0;
  for (const part of body.CDCResponse) {
    const sections = isObject(part) ? part.QueryResponse : undefined;
    if (!Array.isArray(sections)) throw malformedError(operation, 'CDCResponse had no QueryResponse list');
    for (const section of sections) {
      if (!isObject(section)) continue;
      for (const [key, value] of Object.entries(section)) {
        if (!Array.isArray(value)) continue;
        rows.set(key, [...(rows.get(key) ?? []), ...value]);
        total += value.length;
      }
    }
  }
  return { rows, total, time };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
