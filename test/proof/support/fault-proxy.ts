// A fault layer in front of any loopback fake (Slack Web API, QuickBooks sandbox, Bot Connector,
// vendor sandboxes): an HTTP proxy on 127.0.0.1 that forwards each request unless `decide` picks a
// fault for it. The faults are the ones networks and platforms really produce: 429 with Retry-After,
// 5xx, a gateway that times out, a body cut off mid-JSON, a reset connection — and the nasty one,
// a request the far end carried out whose answer never came back.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'malformed' }
  /** Holds the request for `ms`, then drops the connection, as a load balancer's idle timeout does. */
  | { kind: 'timeout'; ms: number }
  | { kind: 'reset' }
  /** Forwards, lets the far end act on it, then drops the connection instead of answering. */
  | { kind: 'lost' };

export interface ProxiedRequest {
  method: string;
  path: string;
  body: string;
  /** 1-based count of requests seen by this proxy. */
  seq: number;
}

export interface FaultProxyOptions {
  target: string;
  decide?: (req: ProxiedRequest) => ProxyFault | null;
  /** The body a platform sends with an error status (Slack: `{ok:false,error}`). */
  errorBody?: (status: number) => { type: string; body: string };
  /** Called before the request is forwarded, and after its answer was fully written. */
  onRequest?: (req: ProxiedRequest) => void;
  onAnswered?: (req: ProxiedRequest, status: number) => void;
}

export interface FaultProxy {
  url: string;
  /** Faults served, by kind. */
  served: Record<string, number>;
  requests: number;
  setDecide(decide: FaultProxyOptions['decide']): void;
  close(): Promise<void>;
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  let decide = opts.decide;
  const served: Record<string, number> = {};
  let seq = 0;
  const errorBody = opts.errorBody ?? ((status: number) => ({ type: 'text/html', body: `<html><body><h1>${status}</h1></body></html>` }));

  const forward = (
    req: IncomingMessage,
    body: Buffer,
    onAnswer: (status: number, headers: Record<string, string | string[] | undefined>, data: Buffer) => void,
    onError: () => void,
  ) => {
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => onAnswer(answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)));
        answer.on('error', onError);
      },
    );
    out.on('error', onError);
    out.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const info: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8'), seq: ++seq };
    opts.onRequest?.(info);
    if (res.destroyed) return;
    const fault = decide?.(info) ?? null;
    if (fault) served[fault.kind] = (served[fault.kind] ?? 0) + 1;
    switch (fault?.kind) {
      case 'status': {
        const { type, body: text } = errorBody(fault.status);
        res
          .writeHead(fault.status, {
            'content-type': type,
            ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
          })
          .end(text);
        return;
      }
      case 'malformed':
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          .end('{"ok":true,"QueryResponse":{"Invoice":[{"Id":"1","ts":"17');
        return;
      case 'timeout':
        setTimeout(() => req.socket.destroy(), fault.ms).unref();
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'lost':
        forward(
          req,
          body,
          () => req.socket.destroy(),
          () => req.socket.destroy(),
        );
        return;
      default:
        forward(
          req,
          body,
          (status, headers, data) => {
            const { 'content-length': _len, 'transfer-encoding': _te, connection: _c, ...rest } = headers;
            res.on('finish', () => opts.onAnswered?.(info, status));
            res.writeHead(status, { ...rest, 'content-length': String(data.length) }).end(data);
          },
          () => req.socket.destroy(),
        );
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    get requests() {
      return seq;
    },
    setDecide(d) {
      decide = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Slack's shapes: `{ok:false,error}` JSON for a refusal, an edge HTML page for a 5xx. */
export const slackErrorBody = (status: number) =>
  status === 429
    ? { type: 'application/json; charset=utf-8', body: JSON.stringify({ ok: false, error: 'ratelimited' }) }
    : { type: 'text/html', body: `<html><body>${status} Service Unavailable</body></html>` };

/** A fault chosen at random for `rate` of the requests: the mix a bad afternoon on the internet brings. */
export function randomFaults(next: () => number, rate: number, mix: ProxyFault[]): (req: ProxiedRequest) => ProxyFault | null {
  return () => (next() < rate ? mix[Math.floor(next() * mix.length)]! : null);
}
