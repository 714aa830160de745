// What every inbound listener (QuickBooks and Jobber webhooks, the Slack HTTP receiver, the Teams
// bot endpoint) shares so one request can never stop the service: bounded header and request time,
// a malformed request answered and dropped, a handler's rejection answered and logged, and loopback
// unless an operator asks for another address.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Logger } from '../../src/ports/logger';

export interface ListenerLimits {
  /** A client that has not sent its whole header block by then gets 408 and is dropped. */
  headersTimeoutMs: number;
  /** The same for the whole request, body included (a slow-drip body). */
  requestTimeoutMs: number;
}

/** Chat platforms and Intuit send a small request at once; a minute covers any real network. */
export const LISTENER_LIMITS: ListenerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/** Listeners bind here unless the config names a `host`. */
export const DEFAULT_HOST = '127.0.0.1';

/** Options for `http.createServer` that enforce the limits (Node checks them on this interval). */
export function serverOptions(limits: ListenerLimits = LISTENER_LIMITS): ServerOptions {
  const requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * Answers and drops connections that speak broken HTTP or time out. Not logged: anyone who can
 * reach the port could otherwise fill the log.
 */
export function guardServer(server: Server): Server {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // A response already under way on this socket cannot be followed by a second one.
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (!socket.writable || answering) return void socket.destroy();
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? 408
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : 400;
    socket.end(
      `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nConnection: close\r\n\r\n`,
    );
  });
  return server;
}

/** Runs an async handler so its rejection (an aborted body, a bug) is answered with a status, never unhandled. */
export function guarded(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  log: Logger | undefined,
  name: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const aborted = req.destroyed || (err as NodeJS.ErrnoException).code === 'ECONNRESET';
      if (!aborted) log?.error({ err: err instanceof Error ? err.message : String(err) }, `${name}: request failed`);
      if (!res.headersSent && res.writable) res.writeHead(aborted ? 400 : 500, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end();
    });
  };
}

/** Loopback addresses, where an unauthenticated endpoint is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** `host:port` for a URL (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
