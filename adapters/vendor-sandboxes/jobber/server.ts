// A Jobber look-alike on 127.0.0.1: the OAuth token endpoint (refresh, with optional rotation; JWT
// access tokens that carry `exp`), one `/api/graphql` route executed by graphql-js against the
// schema in schema.ts, the required X-JOBBER-GRAPHQL-VERSION header, query cost with a leaky bucket
// (THROTTLED arrives as HTTP 200), the DDoS-layer 429, and 401 on an expired token.
import { randomBytes } from 'node:crypto';
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { sendJson, startLoopback, WindowLimit, type Loopback } from '../common/loopback';
import type { World } from '../common/world';
import { CostBucket, queryCost, resultCost } from './cost';
import { JOBBER_SDL, decodeId } from './schema';
import { clientWire, connection, invoiceWire, jobWire, paymentWire, type Lookup } from './wire';

export interface JobberSandboxOptions {
  world: World;
  clientId: string;
  clientSecret: string;
  /** The refresh token the app was connected with. */
  refreshToken: string;
  /** An access token valid from the start (the demo's); otherwise the first call must refresh. */
  accessToken?: string;
  rotateRefreshTokens?: boolean;
  /** Access token lifetime in seconds (Jobber: 3600). */
  tokenLifetime?: number;
  maximumAvailable?: number;
  /** Points restored per second (Jobber: 500). */
  restoreRate?: number;
  /** DDoS layer: requests per 300 s (Jobber: 2,500). */
  requestsPer5Minutes?: number;
  port?: number;
}

export interface JobberSandbox extends Loopback {
  graphqlUrl: string;
  tokenUrl: string;
  /** Expires every access token now (the next call gets 401). */
  expireAccessTokens(): void;
  /** Empties the cost bucket (the next query is THROTTLED until it refills). */
  drainBucket(): void;
  /** The refresh token currently valid (rotation replaces it). */
  currentRefreshToken(): string;
  refreshes(): number;
  /** Query-cost points charged so far. */
  pointsSpent(): number;
}

const TOKEN_PATH = '/api/oauth/token';
const GRAPHQL_PATH = '/api/graphql';
const VERSION = '2025-01-20';

function jwt(exp: number): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'sandbox', exp, jti: randomBytes(6).toString('hex') })}.${randomBytes(16).toString('base64url')}`;
}

export async function startJobberSandbox(opts: JobberSandboxOptions): Promise<JobberSandbox> {
  const schema: GraphQLSchema = buildSchema(JOBBER_SDL);
  const access = new Map<string, number>();
  if (opts.accessToken) access.set(opts.accessToken, Date.now() + (opts.tokenLifetime ?? 3600) * 1000);
  let refresh = opts.refreshToken;
  let refreshes = 0;
  let points = 0;
  const bucket = new CostBucket(opts.maximumAvailable ?? 10_000, opts.restoreRate ?? 500);
  const ddos = new WindowLimit(opts.requestsPer5Minutes ?? 2500, 300_000);
  const w = opts.world;

  let index: { version: number; look: Lookup } | undefined;
  const lookup = (): Lookup => {
    if (index?.version === w.version) return index.look;
    const customers = new Map<string, CustomerRecord>(w.list('customers').map((r) => [r.record.sourceId, r.record]));
    const jobs = new Map<string, JobRecord>(w.list('jobs').map((r) => [r.record.number, r.record]));
    const invoices = new Map<string, InvoiceRecord>();
    const byJob = new Map<string, InvoiceRecord[]>();
    for (const { record: i, deleted } of w.list('invoices')) {
      if (deleted) continue;
      invoices.set(i.sourceId, i);
      if (i.jobNumber) byJob.set(i.jobNumber, [...(byJob.get(i.jobNumber) ?? []), i]);
    }
    const payments = new Map<string, PaymentRecord[]>();
    for (const { record: p, deleted } of w.list('payments')) {
      if (deleted) continue;
      for (const a of p.appliedTo) if (a.invoiceId) payments.set(a.invoiceId, [...(payments.get(a.invoiceId) ?? []), p]);
    }
    const look: Lookup = {
      customer: (id) => (id ? customers.get(id) : undefined),
      job: (n) => (n ? jobs.get(n) : undefined),
      invoice: (id) => (id ? invoices.get(id) : undefined),
      invoicesOfJob: (n) => byJob.get(n) ?? [],
      paymentsOf: (id) => payments.get(id) ?? [],
    };
    index = { version: w.version, look };
    return look;
  };
  // Lists a page is cut from, kept until the world changes: a backfill asks for the same one thousands of times.
  const memo = new Map<string, unknown>();
  let memoVersion = -1;
  const cached = <T>(key: string, make: () => T): T => {
    if (memoVersion !== w.version) {
      memo.clear();
      memoVersion = w.version;
    }
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };
  const live = <T>(entity: 'customers' | 'jobs' | 'invoices' | 'payments') =>
    cached(`live|${entity}`, () => w.list(entity).filter((r) => !r.deleted)) as unknown as Array<{ record: T; modifiedMs: number }>;
  const after = (range: { after?: string } | undefined) => (range?.after ? Date.parse(range.after) : undefined);
  const byNumber = (id: string, type: string) => {
    const d = decodeId(id);
    return d && d.type === type ? d.n : undefined;
  };
  const digits = (s: string) => Number(s.replace(/\D/g, ''));

  const root = {
    account: () => ({ id: Buffer.from('gid://Jobber/Account/1').toString('base64'), name: 'Sandbox account' }),
    clients: (args: { first?: number; after?: string; filter?: { updatedAt?: { after?: string } } }) => {
      const since = after(args.filter?.updatedAt);
      const rows = cached(`clients|${since}`, () =>
        live<CustomerRecord>('customers').filter((r) => since === undefined || r.modifiedMs > since),
      );
      return connection(rows, args, (r) => clientWire(r.record));
    },
    jobs: (args: { first?: number; after?: string; sort?: Array<{ key: string; direction: string }> }) => {
      const rows = live<JobRecord>('jobs');
      const sort = args.sort?.[0];
      const ordered = sort?.key === 'UPDATED_AT' && sort.direction === 'DESCENDING' ? cached('jobs|desc', () => [...rows].reverse()) : rows;
      return connection(ordered, args, (r) => jobWire(r.record, r.modifiedMs, lookup()));
    },
    invoices: (args: { first?: number; after?: string; filter?: { updatedAt?: { after?: string } } }) => {
      const since = after(args.filter?.updatedAt);
      const rows = cached(`invoices|${since}`, () =>
        live<InvoiceRecord>('invoices').filter((r) => since === undefined || r.modifiedMs > since),
      );
      return connection(rows, args, (r) => invoiceWire(r.record, r.modifiedMs, lookup()));
    },
    paymentRecords: (args: { first?: number; after?: string; filter?: { entryDate?: { after?: string } } }) => {
      const since = after(args.filter?.entryDate);
      const entry = (p: PaymentRecord, modifiedMs: number) =>
        Date.parse(p.receivedAt ?? (p.date ? `${p.date}T12:00:00-06:00` : new Date(modifiedMs).toISOString()));
      const rows = cached(`payments|${since}`, () =>
        live<PaymentRecord>('payments')
          .map((r) => ({ ...r, entryMs: entry(r.record, r.modifiedMs) }))
          .filter((r) => since === undefined || r.entryMs > since)
          .sort((a, b) => a.entryMs - b.entryMs),
      );
      return connection(rows, args, (r) => paymentWire(r.record, r.modifiedMs, lookup()));
    },
    client: ({ id }: { id: string }) => {
      const r = live<CustomerRecord>('customers').find((x) => digits(x.record.sourceId) === byNumber(id, 'Client'));
      return r ? clientWire(r.record) : null;
    },
    job: ({ id }: { id: string }) => {
      const r = live<JobRecord>('jobs').find((x) => digits(x.record.sourceId) === byNumber(id, 'Job'));
      return r ? jobWire(r.record, r.modifiedMs, lookup()) : null;
    },
    invoice: ({ id }: { id: string }) => {
      const r = live<InvoiceRecord>('invoices').find((x) => digits(x.record.sourceId) === byNumber(id, 'Invoice'));
      return r ? invoiceWire(r.record, r.modifiedMs, lookup()) : null;
    },
    paymentRecord: ({ id }: { id: string }) => {
      const r = live<PaymentRecord>('payments').find((x) => digits(x.record.sourceId) === byNumber(id, 'PaymentRecord'));
      return r ? paymentWire(r.record, r.modifiedMs, lookup()) : null;
    },
  };

  const loop = await startLoopback({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    tokenPath: TOKEN_PATH,
    errorBody: (_status, message) => ({ message }),
    handler: async ({ req, res, url, body }) => {
      if (url.pathname === TOKEN_PATH && req.method === 'POST') {
        const form = new URLSearchParams(body);
        if (form.get('client_id') !== opts.clientId || form.get('client_secret') !== opts.clientSecret)
          return sendJson(res, 401, { error: 'invalid_client' });
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== refresh)
          return sendJson(res, 401, { error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' });
        const lifetime = opts.tokenLifetime ?? 3600;
        const token = jwt(Math.floor(Date.now() / 1000) + lifetime);
        access.set(token, Date.now() + lifetime * 1000);
        refreshes++;
        if (opts.rotateRefreshTokens) refresh = randomBytes(18).toString('base64url');
        return sendJson(res, 200, { access_token: token, refresh_token: refresh });
      }
      if (url.pathname !== GRAPHQL_PATH || req.method !== 'POST') return sendJson(res, 404, { message: 'Not Found' });
      const bearer = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1];
      const expiry = bearer ? access.get(bearer) : undefined;
      if (expiry === undefined || expiry < Date.now()) return sendJson(res, 401, { message: 'Unauthorized' });
      const version = req.headers['x-jobber-graphql-version'];
      if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version))
        return sendJson(res, 400, { message: 'X-JOBBER-GRAPHQL-VERSION header is required' });
      const wait = ddos.take();
      if (wait > 0) return sendJson(res, 429, { message: 'Too Many Requests' }, { 'Retry-After': String(wait) });
      let payload: { query?: string; variables?: Record<string, unknown> };
      let doc: DocumentNode;
      try {
        payload = JSON.parse(body) as typeof payload;
        doc = parse(payload.query ?? '');
      } catch (err) {
        return sendJson(res, 200, { errors: [{ message: (err as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
      }
      const invalid = validate(schema, doc);
      if (invalid.length > 0)
        return sendJson(res, 200, {
          errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
        });
      const variables = payload.variables ?? {};
      const requested = queryCost(doc, variables);
      const available = bucket.currentlyAvailable();
      const throttleStatus = () => ({
        maximumAvailable: bucket.maximumAvailable,
        currentlyAvailable: bucket.currentlyAvailable(),
        restoreRate: bucket.restoreRate,
      });
      if (requested > available) {
        return sendJson(res, 200, {
          errors: [
            {
              message: 'Throttled',
              extensions: { code: 'THROTTLED', documentation: 'https://developer.getjobber.com/docs/using_jobbers_api/api_rate_limits' },
            },
          ],
          extensions: {
            cost: { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: throttleStatus() },
            versioning: { version: VERSION },
          },
        });
      }
      const result = await execute({ schema, document: doc, rootValue: root, variableValues: variables });
      // A query is refused on what it could cost, and charged what it returned.
      const actual = Math.min(requested, resultCost(result.data));
      bucket.spend(actual);
      points += actual;
      sendJson(res, 200, {
        ...(result.data ? { data: result.data } : {}),
        ...(result.errors
          ? { errors: result.errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path, extensions: {} })) }
          : {}),
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() },
          versioning: {
            version: VERSION,
            ...(version < '2025-01-01' ? { warning: `version ${version} is no longer supported; served as ${VERSION}` } : {}),
          },
        },
      });
    },
  });
  return {
    ...loop,
    graphqlUrl: `${loop.url}${GRAPHQL_PATH}`,
    tokenUrl: `${loop.url}${TOKEN_PATH}`,
    expireAccessTokens: () => access.clear(),
    drainBucket: () => bucket.drain(),
    currentRefreshToken: () => refresh,
    refreshes: () => refreshes,
    pointsSpent: () => points,
  };
}
