// A QuickBooks Online look-alike on 127.0.0.1 that the real node-quickbooks client talks to: the demo
// company for `npm start` and the far end of the QuickBooks adapter's tests. It serves the data folder
// through the same paths, query language, envelopes and faults as QuickBooks' v3 API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxData, SandboxDataError, entityNamed, type ListEntity, type WireEntity } from './data';
import { FaultQueue, serveFault, type SandboxFault } from './faults';
import { parseQuery } from './query-parse';
import { runQuery } from './query-run';
import { SlidingWindow, type SandboxLimits } from './rate-limit';
import { TokenBook } from './tokens';
import { authFaultBody, faultBody, sendJson } from './wire';

export type { SandboxFault } from './faults';
export { writeSandboxData, type EntityFile } from './data';

export interface QuickbooksSandboxOptions {
  dataDir: string;
  realmId: string;
  accessToken: string;
  /** The refresh token the first refresh must present; any when omitted. */
  refreshToken?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Lifetime of access tokens issued by the token endpoint (default an hour). */
  accessTtlSeconds?: number;
  /** Seconds left on the refresh token's hard limit, sent when asked (default five years). */
  hardExpiresInSeconds?: number;
  /** The server's clock runs this far from ours (a checkpoint must follow the server's clock). */
  clockSkewMs?: number;
  /** QuickBooks' per-company limits (default 10 a second, 500 a minute); `false` turns them off. */
  limits?: SandboxLimits | false;
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface QuickbooksSandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  /** `${url}/v3/company/`, the value for node-quickbooks' `endpoint`. */
  baseUrl: string;
  tokenUrl: string;
  /** The authorize page (approves at once and redirects back with a code). */
  authorizeUrl: string;
  /** Requests received, oldest first (the latest 10,000). */
  requests: SandboxRequest[];
  /** Queues a fault for the next `times` requests (default: every request until cleared). */
  injectFault(fault: SandboxFault, times?: number): void;
  /** Same, for the token endpoint only. */
  injectTokenFault(fault: SandboxFault, times?: number): void;
  clearFaults(): void;
  /** Every access token issued so far expires now. */
  expireAccessTokens(): void;
  /** The company disconnects the app: every token stops working. */
  revokeConnection(): void;
  /** refresh_token grants answered with new tokens. */
  refreshCount(): number;
  /** Requests refused with 429 by the rate limit. */
  throttledCount(): number;
  close(): Promise<void>;
}

const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
const AUTHORIZE_PATH = '/connect/oauth2';
/** QuickBooks' cap on one change-data-capture answer. */
const CDC_MAX_OBJECTS = 1000;
/** The demo runs for days; the log only needs the recent past. */
const MAX_LOGGED_REQUESTS = 10_000;

export async function startQuickbooksSandbox(opts: QuickbooksSandboxOptions): Promise<QuickbooksSandbox> {
  const data = new SandboxData(opts.dataDir);
  const faults = new FaultQueue();
  const tokenFaults = new FaultQueue();
  const tokens = new TokenBook({
    accessToken: opts.accessToken,
    ...(opts.refreshToken ? { refreshToken: opts.refreshToken } : {}),
    ...(opts.accessTtlSeconds ? { accessTtlSeconds: opts.accessTtlSeconds } : {}),
    ...(opts.hardExpiresInSeconds ? { hardExpiresInSeconds: opts.hardExpiresInSeconds } : {}),
  });
  const window = opts.limits === false ? undefined : new SlidingWindow(opts.limits ?? { perSecond: 10, perMinute: 500 });
  const requests: SandboxRequest[] = [];
  let served = 0;
  const serverNow = () => Date.now() + (opts.clockSkewMs ?? 0);
  const serverTime = () => new Date(serverNow()).toISOString();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (requests.length >= MAX_LOGGED_REQUESTS) requests.shift();
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) });
    res.setHeader('intuit_tid', `sandbox-${++served}`);
    const oauth = url.pathname === TOKEN_PATH || url.pathname === AUTHORIZE_PATH;
    const fault = oauth ? tokenFaults.take() : faults.take();
    if (fault?.kind === 'delay') {
      setTimeout(() => void route(req, res, url, oauth), fault.ms);
      return;
    }
    if (fault) return serveFault(fault, req, res);
    void route(req, res, url, oauth);
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, oauth: boolean): Promise<void> {
    if (!oauth && window && !window.admit(Date.now())) {
      const limits = opts.limits || undefined;
      return serveFault(
        { kind: 'status', status: 429, ...(limits?.retryAfterSeconds !== undefined ? { retryAfter: limits.retryAfterSeconds } : {}) },
        req,
        res,
      );
    }
    await handle(req, res, url).catch((err: unknown) => {
      const detail = err instanceof SandboxDataError ? err.message : `Sandbox error: ${String(err)}`;
      sendJson(res, 500, faultBody('SystemFault', { Message: 'An application error has occurred', Detail: detail, code: '10000' }));
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'POST' && url.pathname === TOKEN_PATH) {
      const reply = tokens.token(req.headers.authorization, await readBody(req), req.headers);
      return sendJson(res, reply.status, reply.body, { 'Cache-Control': 'no-store' });
    }
    if (req.method === 'GET' && url.pathname === AUTHORIZE_PATH) {
      const reply = tokens.authorize(url.searchParams, opts.realmId);
      if ('location' in reply) {
        res.writeHead(302, { Location: reply.location });
        res.end();
        return;
      }
      return sendJson(res, reply.status, reply.body);
    }
    const route = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!route || req.method !== 'GET') return notFound(res, `${req.method} ${url.pathname}`);
    if (!tokens.accepts(req.headers.authorization)) {
      return sendJson(res, 401, authFaultBody('Token expired or invalid'), {
        'WWW-Authenticate': 'Bearer realm="Intuit", error="invalid_token"',
      });
    }
    const [, realm = '', rest = ''] = route;
    if (realm !== opts.realmId) {
      return sendJson(
        res,
        403,
        faultBody('AUTHENTICATION', {
          Message: 'message=AuthorizationFailure; errorCode=000120; statusCode=403',
          Detail: `The token is not authorized for company ${realm}`,
          code: '120',
        }),
      );
    }
    const [head = '', id] = rest.split('/');
    switch (head.toLowerCase()) {
      case 'query':
        return query(res, url.searchParams.get('query') ?? '');
      case 'cdc':
        return changes(res, url.searchParams);
      case 'preferences':
        return sendJson(res, 200, { Preferences: (await data.single('Preferences')) ?? DEFAULT_PREFERENCES, time: serverTime() });
      case 'companyinfo':
        if (id !== opts.realmId) return objectNotFound(res, 'CompanyInfo', id);
        return sendJson(res, 200, { CompanyInfo: (await data.single('CompanyInfo')) ?? defaultCompany(), time: serverTime() });
    }
    const entity = entityNamed(head);
    if (!entity || id === undefined) return notFound(res, `GET ${url.pathname}`);
    const row = (await data.list(entity)).find((r) => r.Id === decodeURIComponent(id));
    if (!row) return objectNotFound(res, entity, id);
    sendJson(res, 200, { [entity]: row, time: serverTime() });
  }

  async function query(res: ServerResponse, text: string): Promise<void> {
    const parsed = parseQuery(text);
    const entity = parsed.ok ? entityNamed(parsed.query.entity) : undefined;
    if (!parsed.ok || !entity) {
      const detail = parsed.ok ? `Invalid context declaration : ${parsed.query.entity}` : parsed.error;
      return sendJson(
        res,
        400,
        faultBody('ValidationFault', { Message: 'Error parsing query', Detail: `QueryParserError: ${detail}`, code: '4000' }),
      );
    }
    const rows = await data.list(entity);
    sendJson(res, 200, { QueryResponse: runQuery(parsed.query, entity, rows), time: serverTime() });
  }

  /**
   * Change data capture: rows of each entity updated at or after `changedSince`, deleted ones as
   * `status: "Deleted"` stubs; at most 1,000 objects in all (oldest first), no paging.
   */
  async function changes(res: ServerResponse, params: URLSearchParams): Promise<void> {
    const since = Date.parse(params.get('changedSince') ?? '');
    if (Number.isNaN(since) || since < serverNow() - 30 * 86_400_000) {
      return sendJson(
        res,
        400,
        faultBody('ValidationFault', {
          Message: 'Invalid changedSince',
          Detail: 'changedSince must be a date-time within the last 30 days',
          code: '2010',
        }),
      );
    }
    const entities = (params.get('entities') ?? '').split(',').map((name) => entityNamed(name.trim()));
    const deleted = await data.deleted();
    const changed: Array<{ entity: ListEntity; row: WireEntity; at: number }> = [];
    for (const entity of entities.filter((e): e is ListEntity => e !== undefined)) {
      for (const row of await data.list(entity)) if (updatedAt(row) >= since) changed.push({ entity, row, at: updatedAt(row) });
      for (const d of deleted) {
        const at = Date.parse(d.LastUpdatedTime);
        if (entityNamed(d.entity) === entity && at >= since)
          changed.push({
            entity,
            row: { domain: 'QBO', status: 'Deleted', Id: d.Id, MetaData: { LastUpdatedTime: d.LastUpdatedTime } },
            at,
          });
      }
    }
    changed.sort((a, b) => a.at - b.at);
    const sections = new Map<ListEntity, WireEntity[]>();
    for (const c of changed.slice(0, CDC_MAX_OBJECTS)) sections.set(c.entity, [...(sections.get(c.entity) ?? []), c.row]);
    const list = [...sections].map(([entity, rows]) => ({
      [entity]: rows,
      startPosition: 1,
      maxResults: rows.length,
      totalCount: rows.length,
    }));
    sendJson(res, 200, { CDCResponse: [{ QueryResponse: list.length ? list : [{}] }], time: serverTime() });
  }

  function defaultCompany(): WireEntity {
    return { Id: opts.realmId, SyncToken: '0', CompanyName: 'Sandbox Company', Country: 'US' };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v3/company/`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    authorizeUrl: `${url}${AUTHORIZE_PATH}`,
    requests,
    injectFault: (fault, times) => faults.inject(fault, times),
    injectTokenFault: (fault, times) => tokenFaults.inject(fault, times),
    clearFaults: () => {
      faults.clear();
      tokenFaults.clear();
    },
    expireAccessTokens: () => tokens.expireAccessTokens(),
    revokeConnection: () => tokens.revoke(),
    refreshCount: () => tokens.refreshes,
    throttledCount: () => window?.throttled ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and kept-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

const DEFAULT_PREFERENCES: WireEntity = {
  AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: false },
};

function updatedAt(row: WireEntity): number {
  const meta = row.MetaData as { LastUpdatedTime?: unknown } | undefined;
  return typeof meta?.LastUpdatedTime === 'string' ? Date.parse(meta.LastUpdatedTime) : Number.NaN;
}

function objectNotFound(res: ServerResponse, entity: string, id: string | undefined): void {
  sendJson(
    res,
    400,
    faultBody('ValidationFault', {
      Message: 'Object Not Found',
      Detail: `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id ?? ''})`,
      code: '610',
    }),
  );
}

function notFound(res: ServerResponse, what: string): void {
  sendJson(res, 404, faultBody('SERVICE', { Message: 'Resource not found', Detail: `No such resource: ${what}`, code: '404' }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
