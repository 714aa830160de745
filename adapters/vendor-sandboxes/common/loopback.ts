// The shared frame of the vendor sandboxes: an HTTP server on 127.0.0.1, a request log, queued
// faults (status, Retry-After, malformed body) and JSON replies. Each vendor adds its own routes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxFault {
  status: number;
  /** JSON body; the vendor's error envelope when omitted. */
  body?: unknown;
  /** Sends this text instead of JSON (a truncated page). */
  raw?: string;
  retryAfterSeconds?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface Loopback {
  url: string;
  requests: LoggedRequest[];
  injectFault(fault: SandboxFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
}

export type Handler = (ctx: RouteContext) => void | Promise<void>;

const MAX_LOGGED = 10_000;

export async function startLoopback(opts: {
  port?: number;
  handler: Handler;
  errorBody: (status: number, message: string) => unknown;
  tokenPath?: string;
}): Promise<Loopback> {
  const faults: Array<{ fault: SandboxFault; left: number }> = [];
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (requests.length >= MAX_LOGGED) requests.shift();
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) });
      // Faults hit API calls, not the token endpoint, unless they are auth faults.
      const head = faults[0];
      if (head && url.pathname !== opts.tokenPath) {
        if (--head.left <= 0) faults.shift();
        const f = head.fault;
        if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
        if (f.raw !== undefined) {
          res.writeHead(f.status, { 'content-type': 'application/json' }).end(f.raw);
          return;
        }
        sendJson(res, f.status, f.body ?? opts.errorBody(f.status, f.status === 429 ? 'Too Many Requests' : 'Injected fault'));
        return;
      }
      Promise.resolve(opts.handler({ req, res, url, body: Buffer.concat(chunks).toString('utf8') })).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, opts.errorBody(500, err instanceof Error ? err.message : String(err)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    injectFault(fault, times = 1) {
      faults.push({ fault, left: times });
    },
    clearFaults() {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** A fixed-window request ceiling, like a vendor's per-second limit. */
export class WindowLimit {
  private windowStart = 0;
  private used = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  /** Seconds to wait when over the limit, else 0. */
  take(now = Date.now()): number {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (++this.used <= this.limit) return 0;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}
