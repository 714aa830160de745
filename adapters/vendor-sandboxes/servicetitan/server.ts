// A ServiceTitan look-alike on 127.0.0.1: the client-credentials token endpoint, `ST-App-Key`
// enforcement, the tenant in every path, `/export/*` change feeds with `from` → `continueFrom`, the
// paged business-units list, a per-second request ceiling answered with 429 + Retry-After, and the
// `ApiErrorResponse` envelope. It serves a World (the demo company's records) in ServiceTitan's shapes.
import { randomBytes } from 'node:crypto';
import type { CustomerRecord } from '../../../src/domain/records';
import { decodePosition, encodePosition, pageAfter, type FeedPosition } from '../common/change-feed';
import { sendJson, startLoopback, WindowLimit, type Loopback, type RouteContext } from '../common/loopback';
import { numericId, type Row, type World } from '../common/world';
import { BusinessUnits, apiError, businessUnitWire, customerWire, invoiceWire, jobWire, locationWire, paymentWire } from './wire';

export interface ServiceTitanSandboxOptions {
  world: World;
  tenant: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  /** Token lifetime in seconds (ServiceTitan: 900). */
  tokenLifetime?: number;
  /** Rows per export page (default 500). */
  exportPageSize?: number;
  /** Requests per second per tenant before 429 (ServiceTitan: 60). */
  ratePerSecond?: number;
  port?: number;
}

export interface ServiceTitanSandbox extends Loopback {
  apiUrl: string;
  tokenUrl: string;
  /** Revokes every issued token (a disconnected app). */
  revokeTokens(): void;
  tokensIssued(): number;
}

const TOKEN_PATH = '/connect/token';

export async function startServiceTitanSandbox(opts: ServiceTitanSandboxOptions): Promise<ServiceTitanSandbox> {
  const tokens = new Map<string, number>();
  let issued = 0;
  const limit = new WindowLimit(opts.ratePerSecond ?? 60, 1000);
  const units = new BusinessUnits();
  let index:
    | {
        version: number;
        jobInvoice: Map<string, number>;
        jobIds: Map<string, number>;
        customers: Map<string, CustomerRecord>;
        jobUnit: Map<string, ReturnType<BusinessUnits['unitFor']>>;
      }
    | undefined;

  const indexes = () => {
    if (index?.version === opts.world.version) return index;
    const customers = new Map(opts.world.list('customers').map((r) => [r.record.sourceId, r.record]));
    const jobInvoice = new Map<string, number>();
    const jobUnit = new Map<string, ReturnType<BusinessUnits['unitFor']>>();
    for (const { record: i } of opts.world.list('invoices')) {
      if (!i.jobNumber) continue;
      jobInvoice.set(i.jobNumber, numericId(i.sourceId));
      jobUnit.set(i.jobNumber, units.unitFor(i.customFields?.['business_unit'], i.className, i.location));
    }
    const jobIds = new Map(opts.world.list('jobs').map((r) => [r.record.number, numericId(r.record.sourceId)]));
    index = { version: opts.world.version, jobInvoice, jobIds, customers, jobUnit };
    return index;
  };

  const exportFeed = (ctx: RouteContext, entity: string) => {
    const from = ctx.url.searchParams.get('from') ?? undefined;
    const size = opts.exportPageSize ?? 500;
    let after: FeedPosition | undefined;
    let since: number | undefined;
    if (from !== undefined && from !== '') {
      after = decodePosition(from);
      if (!after) {
        since = Date.parse(from);
        if (Number.isNaN(since))
          return sendJson(ctx.res, 400, {
            ...apiError(400, 'One or more validation errors occurred.'),
            errors: { from: [`The value '${from}' is not valid.`] },
          });
      }
    }
    const ix = indexes();
    const emit = <T extends { sourceId: string }>(rows: ReadonlyArray<Row<T>>, wire: (row: Row<T>) => unknown) => {
      const { page, hasMore } = pageAfter(rows, after, since, size);
      const last = page[page.length - 1];
      const continueFrom = last
        ? encodePosition({ modifiedMs: last.modifiedMs, sourceId: last.record.sourceId })
        : (from ?? encodePosition({ modifiedMs: 0, sourceId: '' }));
      sendJson(ctx.res, 200, { hasMore, continueFrom, data: page.map(wire) });
    };
    switch (entity) {
      case 'customers':
        return emit(opts.world.list('customers'), (r) => customerWire(r.record, r.modifiedMs, r.deleted));
      case 'locations':
        return emit(opts.world.list('customers'), (r) => locationWire(r.record, r.modifiedMs, r.deleted));
      case 'jobs':
        return emit(opts.world.list('jobs'), (r) =>
          jobWire(
            r.record,
            r.modifiedMs,
            r.deleted,
            ix.jobUnit.get(r.record.number) ?? units.unitFor(r.record.businessUnit, undefined, r.record.location),
            ix.jobInvoice.get(r.record.number) ?? null,
          ),
        );
      case 'invoices':
        return emit(opts.world.list('invoices'), (r) =>
          invoiceWire(
            r.record,
            r.modifiedMs,
            r.deleted,
            units.unitFor(r.record.customFields?.['business_unit'], r.record.className, r.record.location),
            r.record.customerId ? ix.customers.get(r.record.customerId) : undefined,
            r.record.jobNumber ? (ix.jobIds.get(r.record.jobNumber) ?? null) : null,
          ),
        );
      case 'payments':
        return emit(opts.world.list('payments'), (r) => paymentWire(r.record, r.modifiedMs, r.deleted));
      default:
        return sendJson(ctx.res, 404, apiError(404, `No export named ${entity}`));
    }
  };

  const routes: Array<[RegExp, string, (ctx: RouteContext, m: RegExpMatchArray) => void]> = [
    [/^\/(jpm|accounting|crm|settings)\/v2\/tenant\/([^/]+)\/export\/([a-z-]+)$/, 'GET', (ctx, m) => exportFeed(ctx, m[3]!)],
    [
      /^\/settings\/v2\/tenant\/([^/]+)\/business-units$/,
      'GET',
      (ctx) => {
        indexes();
        const all = units.all();
        const page = Math.max(1, Number(ctx.url.searchParams.get('page') ?? 1));
        const pageSize = Math.min(5000, Math.max(1, Number(ctx.url.searchParams.get('pageSize') ?? 50)));
        const data = all.slice((page - 1) * pageSize, page * pageSize).map(businessUnitWire);
        sendJson(ctx.res, 200, {
          page,
          pageSize,
          hasMore: page * pageSize < all.length,
          totalCount: ctx.url.searchParams.get('includeTotal') === 'true' ? all.length : null,
          data,
        });
      },
    ],
  ];

  const loop = await startLoopback({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    tokenPath: TOKEN_PATH,
    errorBody: (status, message) => apiError(status, message),
    handler: (ctx) => {
      const { url, req, res } = ctx;
      if (url.pathname === TOKEN_PATH && req.method === 'POST') {
        const form = new URLSearchParams(ctx.body);
        if (form.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
        if (form.get('client_id') !== opts.clientId || form.get('client_secret') !== opts.clientSecret)
          return sendJson(res, 400, { error: 'invalid_client' });
        const token = randomBytes(16).toString('hex');
        const lifetime = opts.tokenLifetime ?? 900;
        tokens.set(token, Date.now() + lifetime * 1000);
        issued++;
        return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope: 'api' });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1];
      const expiry = bearer ? tokens.get(bearer) : undefined;
      if (expiry === undefined || expiry < Date.now())
        return sendJson(res, 401, apiError(401, 'Unauthorized: the access token is missing, expired or revoked.'));
      const appKey = req.headers['st-app-key'] ?? url.searchParams.get('servicetitanapplicationkey');
      if (appKey !== opts.appKey) return sendJson(res, 401, apiError(401, 'Unauthorized: ST-App-Key is missing or not valid.'));
      const wait = limit.take();
      if (wait > 0) return sendJson(res, 429, apiError(429, 'Too Many Requests'), { 'Retry-After': String(wait) });
      for (const [re, method, handle] of routes) {
        const m = url.pathname.match(re);
        if (!m || req.method !== method) continue;
        const tenant = url.pathname.split('/')[4];
        if (tenant !== opts.tenant) return sendJson(res, 404, apiError(404, `Tenant ${tenant} not found.`));
        return handle(ctx, m);
      }
      sendJson(res, 404, apiError(404, `No route ${req.method} ${url.pathname}`));
    },
  });
  return {
    ...loop,
    apiUrl: loop.url,
    tokenUrl: `${loop.url}${TOKEN_PATH}`,
    revokeTokens: () => tokens.clear(),
    tokensIssued: () => issued,
  };
}
