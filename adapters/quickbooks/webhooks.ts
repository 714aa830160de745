// The webhook endpoint: verifies `intuit-signature` over the raw body before parsing anything
// (constant-time), accepts the legacy and the CloudEvents payloads, queues a targeted re-check of the
// named records and answers at once — Intuit retries anything slower than 3 s. Redelivered and
// out-of-order events are harmless: the queue ignores a known event, and the re-check reads the
// record as it is now.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST, guarded, guardServer, hostForUrl, serverOptions, type ListenerLimits } from '../http-listener/listener-limits';
import { readRawBody } from '../http-listener/read-body';
import type { Logger } from '../../src/ports/logger';

export interface QueuedChange {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  eventKey: string;
}

export interface WebhookSink {
  enqueueWebhookEvents(events: QueuedChange[], now: string): Promise<number>;
}

export interface WebhookServerOptions {
  verifierToken: string;
  sink: WebhookSink;
  /** Realms this deployment watches; events for others are acknowledged and dropped. */
  realms: ReadonlySet<string>;
  port: number;
  /** Loopback unless set (Intuit reaches the service through a proxy or tunnel). */
  host?: string;
  path?: string;
  limits?: ListenerLimits;
  log?: Logger;
  /** Called after events were queued (e.g. to poll sooner). */
  onQueued?: (count: number) => void;
}

export interface WebhookServer {
  url: string;
  close(): Promise<void>;
}

/** Intuit's payloads are small; anything bigger is not from Intuit. */
const MAX_BODY_BYTES = 1_000_000;

export function verifySignature(rawBody: Buffer, signature: string | undefined, verifierToken: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', verifierToken).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Both payload formats, reduced to (realm, entity, id, operation); unknown shapes give nothing. */
export function parseWebhookPayload(body: unknown): QueuedChange[] {
  const out: QueuedChange[] = [];
  if (Array.isArray(body)) {
    for (const e of body) {
      if (!isObject(e) || typeof e.type !== 'string') continue;
      const type = /^qbo\.([a-z]+)\.([a-z]+)\.v\d+$/i.exec(e.type);
      const realmId = text(e.intuitaccountid);
      const entityId = text(e.intuitentityid);
      if (!type || !realmId || !entityId) continue;
      const entity = type[1] ?? '';
      const operation = type[2] ?? '';
      out.push({
        realmId,
        entity,
        entityId,
        operation,
        eventKey: `ce:${text(e.id) ?? `${entity}|${entityId}|${operation}|${text(e.time) ?? ''}`}`,
      });
      const deletedId = isObject(e.data) ? text(e.data.deletedid) : undefined;
      if (deletedId)
        out.push({
          realmId,
          entity,
          entityId: deletedId,
          operation: 'merged-away',
          eventKey: `ce:${text(e.id) ?? entityId}:deleted:${deletedId}`,
        });
    }
    return out;
  }
  if (!isObject(body) || !Array.isArray(body.eventNotifications)) return out;
  for (const n of body.eventNotifications) {
    if (!isObject(n)) continue;
    const realmId = text(n.realmId);
    const entities = isObject(n.dataChangeEvent) && Array.isArray(n.dataChangeEvent.entities) ? n.dataChangeEvent.entities : [];
    if (!realmId) continue;
    for (const e of entities) {
      if (!isObject(e)) continue;
      const entity = text(e.name);
      const entityId = text(e.id);
      const operation = text(e.operation) ?? 'Update';
      if (!entity || !entityId) continue;
      const key = `legacy:${entity}|${entityId}|${operation}|${text(e.lastUpdated) ?? ''}`;
      out.push({ realmId, entity, entityId, operation, eventKey: key });
      const deletedId = text(e.deletedId);
      if (deletedId) out.push({ realmId, entity, entityId: deletedId, operation: 'merged-away', eventKey: `${key}:deleted:${deletedId}` });
    }
  }
  return out;
}

export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const path = opts.path ?? '/webhooks/quickbooks';
  const server: Server = guardServer(createServer(serverOptions(opts.limits), guarded(handle, opts.log, 'QuickBooks webhook')));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) return reply(res, 404, 'not found');
    if (req.method !== 'POST') return reply(res, 405, 'POST only');
    const raw = await readRawBody(req, MAX_BODY_BYTES);
    if (raw === undefined) return reply(res, 413, 'body too large');
    const signature = req.headers['intuit-signature'];
    if (!verifySignature(raw, typeof signature === 'string' ? signature : undefined, opts.verifierToken)) {
      opts.log?.warn({ path }, 'QuickBooks webhook rejected: missing or wrong intuit-signature');
      return reply(res, 401, 'invalid signature');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      // Signed but unreadable: acknowledge, or Intuit holds back later events behind this one.
      opts.log?.warn({ path }, 'QuickBooks webhook body was not JSON; acknowledged and ignored (polling stays the backstop)');
      return reply(res, 200, 'ignored');
    }
    const events = parseWebhookPayload(body).filter((e) => opts.realms.has(e.realmId));
    const added = await opts.sink.enqueueWebhookEvents(events, new Date().toISOString());
    opts.log?.info({ events: events.length, queued: added }, 'QuickBooks webhook received');
    reply(res, 200, 'ok');
    if (added > 0) opts.onQueued?.(added);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? DEFAULT_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostForUrl(opts.host ?? DEFAULT_HOST)}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
