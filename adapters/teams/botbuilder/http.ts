// node:http ↔ the request/response shapes botbuilder's CloudAdapter.process expects (no express).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { readRawBody } from '../../http-listener/read-body';

const MAX_BODY_BYTES = 1_000_000;

/** Reads a JSON body; undefined when it is not JSON (botbuilder then answers 400 itself). */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const raw = await readRawBody(req, MAX_BODY_BYTES);
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function toBotRequest(req: IncomingMessage, body: Record<string, unknown> | undefined): Request {
  return { ...(body ? { body } : {}), headers: req.headers, method: req.method ?? 'POST' };
}

export function toBotResponse(res: ServerResponse): Response {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
      } else {
        if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
