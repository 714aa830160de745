// Failures a test can make the sandbox produce, shaped like the ones QuickBooks and its edge really
// send: Fault JSON in either casing, XML faults, HTML error pages, 200s carrying a Fault, cut-off bodies,
// silence and dropped connections.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_ERROR, authFaultBody, faultBody, htmlErrorPage, send, sendJson, xmlFaultBody, type WireError } from './wire';

export type SandboxFault =
  | {
      kind: 'status';
      status: 500 | 503 | 429 | 401;
      /**
       * `fault`: the body QuickBooks sends for that status (lower-case `fault` for 401, `Fault` otherwise);
       * `json-fault`: always the capitalised `Fault` envelope; `xml` / `html`: non-JSON bodies.
       * Defaults to `html` for 503 (an edge error page) and `fault` otherwise.
       */
      body?: 'fault' | 'html' | 'xml' | 'json-fault';
      /** Seconds, sent as Retry-After. */
      retryAfter?: number;
    }
  | { kind: 'fault200'; type?: string; code?: string }
  | { kind: 'malformed' }
  /** Answers normally, but only after `ms` (a slow token endpoint lets two refreshes overlap). */
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** Faults waiting to be served, oldest first; each request consumes one use of the first. */
export class FaultQueue {
  private readonly queue: Array<{ fault: SandboxFault; left: number }> = [];

  inject(fault: SandboxFault, times = Infinity): void {
    if (times > 0) this.queue.push({ fault, left: times });
  }

  clear(): void {
    this.queue.length = 0;
  }

  take(): SandboxFault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.left--;
    if (head.left <= 0) this.queue.shift();
    return head.fault;
  }
}

const STATUS_ERRORS: Record<500 | 503 | 429 | 401, { type: string; error: WireError; title: string }> = {
  500: {
    type: 'SERVICE',
    title: 'Internal Server Error',
    error: {
      Message: 'message=InternalServerError; errorCode=003100; statusCode=500',
      Detail: 'An internal error occurred while processing the request',
      code: '3100',
    },
  },
  503: {
    type: 'SystemFault',
    title: 'Service Unavailable',
    error: {
      Message: 'An application error has occurred while processing your request',
      Detail: 'System Failure Error: Service is temporarily unavailable',
      code: '10000',
    },
  },
  429: {
    type: 'SERVICE',
    title: 'Too Many Requests',
    error: {
      Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      Detail: 'The request limit was reached.  Try again later',
      code: '3001',
    },
  },
  401: { type: 'AUTHENTICATION', title: 'Unauthorized', error: AUTH_ERROR },
};

export function serveFault(fault: SandboxFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.kind) {
    case 'status':
      return serveStatus(fault, res);
    case 'fault200':
      return sendJson(
        res,
        200,
        faultBody(fault.type ?? 'SystemFault', {
          Message: 'An application error has occurred while processing your request',
          Detail: 'System Failure Error: could not complete the request',
          code: fault.code ?? '10000',
        }),
      );
    case 'malformed':
      // A body cut off mid-object, as a dropped proxy connection leaves it.
      return send(res, 200, 'application/json;charset=UTF-8', '{"QueryResponse":{"Invoice":[{"Id":"1","TotalAmt":1');
    case 'delay':
      // Served by the server itself once the delay is over.
      return;
    case 'hang':
      // Never answer; close() tears the socket down.
      return;
    case 'reset':
      req.socket.destroy();
      return;
  }
}

function serveStatus(fault: Extract<SandboxFault, { kind: 'status' }>, res: ServerResponse): void {
  const { type, error, title } = STATUS_ERRORS[fault.status];
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  const body = fault.body ?? (fault.status === 503 ? 'html' : 'fault');
  if (body === 'html') return send(res, fault.status, 'text/html', htmlErrorPage(fault.status, title), headers);
  if (body === 'xml') return send(res, fault.status, 'application/xml', xmlFaultBody(type, error), headers);
  if (body === 'fault' && fault.status === 401) return sendJson(res, 401, authFaultBody(error.Detail), headers);
  sendJson(res, fault.status, faultBody(type, error), headers);
}
