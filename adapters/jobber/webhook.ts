// Jobber webhooks as a route for a shared node:http server: the `X-Jobber-Hmac-SHA256` signature
// (base64 HMAC-SHA256 of the raw body, keyed with the app's client secret) is checked in constant
// time, the event is queued as a targeted re-check, and the answer goes back at once (Jobber wants
// one within a second). Polling stays the backstop: a lost webhook only delays.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody } from '../http-listener/read-body';
import type { RecheckQueue } from '../vendor-http/recheck-queue';

export interface WebhookRoute {
  method: 'POST';
  path: string;
  /** Handles the request; the body is read here so the signature covers the exact bytes. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function verifyJobberSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function jobberWebhookRoute(opts: { path: string; clientSecret: string; queue: RecheckQueue; maxBytes?: number }): WebhookRoute {
  const max = opts.maxBytes ?? 64 * 1024;
  return {
    method: 'POST',
    path: opts.path,
    async handle(req, res) {
      const raw = await readRawBody(req, max);
      if (!raw) {
        res.writeHead(413).end();
        return;
      }
      const header = req.headers['x-jobber-hmac-sha256'];
      if (!verifyJobberSignature(raw, Array.isArray(header) ? header[0] : header, opts.clientSecret)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('signature does not match');
        return;
      }
      let event: Record<string, unknown> | undefined;
      try {
        const body = JSON.parse(raw.toString('utf8')) as { data?: { webHookEvent?: Record<string, unknown> } };
        event = body.data?.webHookEvent;
      } catch {
        // Apps created before 2022-04-11 get form-encoded payloads; they are not supported.
      }
      const topic = typeof event?.['topic'] === 'string' ? event['topic'] : undefined;
      const itemId = typeof event?.['itemId'] === 'string' ? event['itemId'] : undefined;
      if (!topic || !itemId) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('expected data.webHookEvent with topic and itemId');
        return;
      }
      // `occuredAt` (sic) for apps created before 2023-12-08.
      const occurredAt = event?.['occurredAt'] ?? event?.['occuredAt'];
      opts.queue.push({ topic, itemId, ...(typeof occurredAt === 'string' ? { occurredAt } : {}) });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
  };
}
