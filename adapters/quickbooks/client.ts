// node-quickbooks, wrapped once: promises instead of callbacks, a deadline on every call (the SDK sets
// none), our own paging (its fetchAll stops early when a page size is off by one), and every failure
// translated into a SentinelError. SDK types stay in this file.
import QuickBooks from 'node-quickbooks';
import { SentinelError } from '../../src/domain/errors';
import { malformedError, timeoutError, toSentinelError } from './errors';

export type QueryEntity = 'Customer' | 'Invoice' | 'Payment' | 'Deposit' | 'Class' | 'Department' | 'Item';

/** One condition in node-quickbooks' array criteria form; it writes `field operator value`. */
export interface Criterion {
  field: string;
  value: string | number | boolean | Array<string | number | boolean>;
  operator?: '=' | 'IN' | '<' | '>' | '<=' | '>=' | 'LIKE';
}

export interface QuickbooksClientOptions {
  realmId: string;
  /** Must end in /v3/company/ (node-quickbooks appends `{realmId}/…`). */
  baseUrl: string;
  tokenUrl?: string;
  minorVersion: number;
  timeoutMs: number;
  credentials: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
}

export interface QuickbooksClient {
  /** Every row of an entity matching the filters, read page by page. */
  queryAll(entity: QueryEntity, filters?: Criterion[]): Promise<unknown[]>;
  preferences(): Promise<unknown>;
  companyInfo(): Promise<unknown>;
}

/** QuickBooks' largest page. A shorter page is the last one. */
const PAGE_SIZE = 1000;

const FINDERS = {
  Customer: 'findCustomers',
  Invoice: 'findInvoices',
  Payment: 'findPayments',
  Deposit: 'findDeposits',
  Class: 'findClasses',
  Department: 'findDepartments',
  Item: 'findItems',
} as const satisfies Record<QueryEntity, string>;

type Callback = (err: unknown, data: unknown) => void;
/** The slice of the SDK we call, looked up by name. */
type SdkMethod = (typeof FINDERS)[QueryEntity] | 'getPreferences' | 'getCompanyInfo';
type Sdk = { endpoint: string } & Record<SdkMethod, (...args: unknown[]) => void>;

export function createQuickbooksClient(opts: QuickbooksClientOptions): QuickbooksClient {
  if (!opts.baseUrl.endsWith('/v3/company/')) {
    throw new SentinelError(
      'config.qbo_base_url',
      'config',
      `QuickBooks base URL must end in /v3/company/ (got ${opts.baseUrl}), e.g. https://quickbooks.api.intuit.com/v3/company/`,
    );
  }
  // Process-wide in the SDK and read on each refresh; only touched when configured.
  if (opts.tokenUrl) QuickBooks.TOKEN_URL = opts.tokenUrl;
  const { clientId, clientSecret, accessToken, refreshToken } = opts.credentials;
  const sdk = new QuickBooks(
    clientId,
    clientSecret,
    accessToken,
    false,
    opts.realmId,
    false,
    false,
    String(opts.minorVersion),
    '2.0',
    refreshToken,
  ) as unknown as Sdk;
  // Per instance, so one process can talk to several companies and to the sandbox.
  sdk.endpoint = opts.baseUrl;
  const secrets = [accessToken, refreshToken, clientSecret];

  async function call(operation: string, method: SdkMethod, ...args: unknown[]): Promise<unknown> {
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
      return await Promise.race([reply, deadline]);
    } catch (err) {
      throw toSentinelError(err, operation, secrets);
    } finally {
      clearTimeout(timer);
    }
  }

  async function read(entity: 'Preferences' | 'CompanyInfo', method: SdkMethod, ...args: unknown[]): Promise<unknown> {
    const body = await call(`read ${entity}`, method, ...args);
    if (!isObject(body)) throw malformedError(`read ${entity}`, 'the response was not a JSON object');
    return body;
  }

  return {
    async queryAll(entity, filters = []) {
      const rows: unknown[] = [];
      for (let start = 1; ; start += PAGE_SIZE) {
        const operation = `query ${entity} (startposition ${start})`;
        const criteria = [...filters, { field: 'limit', value: PAGE_SIZE }, { field: 'offset', value: start }];
        const page = pageRows(await call(operation, FINDERS[entity], criteria), entity, operation);
        rows.push(...page);
        if (page.length < PAGE_SIZE) return rows;
      }
    },
    preferences: () => read('Preferences', 'getPreferences'),
    companyInfo: () => read('CompanyInfo', 'getCompanyInfo', opts.realmId),
  };
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
