// HTTP answers → SentinelError, once, for every upstream connector. The message names the connector,
// what went wrong and what to do, because it becomes the text of a stale-source incident.
import { SentinelError, type ErrorReason } from '../../src/domain/errors';

export interface HttpFailure {
  connector: string;
  status: number;
  url: string;
  /** The vendor's own words, when its error body had any. */
  detail?: string;
  retryAfterSeconds?: number;
}

const FIX: Partial<Record<ErrorReason, string>> = {
  auth: 'the credentials were refused (expired or revoked) — reconnect the app or set fresh credentials in the environment',
  rate_limited: 'the vendor is rate-limiting us — the next poll tries again; lower `rate_limit` if it keeps happening',
  server: "the vendor's API is failing — the next poll tries again",
  client: 'the request was refused — check the source settings (tenant, endpoint path, API version)',
  not_found: 'the endpoint does not exist — check the base URL and tenant id',
};

export function reasonForStatus(status: number): ErrorReason {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'client';
}

export function httpError(f: HttpFailure): SentinelError {
  const reason = reasonForStatus(f.status);
  const what = `${f.connector}: HTTP ${f.status} from ${redactUrl(f.url)}${f.detail ? ` (${f.detail})` : ''}`;
  return new SentinelError(`upstream.${f.connector}.http_${f.status}`, reason, `${what} — ${FIX[reason] ?? 'see the vendor error'}`, {
    ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
  });
}

export function malformedError(connector: string, url: string, what: string): SentinelError {
  return new SentinelError(
    `upstream.${connector}.malformed`,
    'malformed',
    `${connector}: ${what} from ${redactUrl(url)} — the vendor sent a page we cannot read; the next poll tries again`,
    {
      retryable: true,
    },
  );
}

export function networkError(connector: string, url: string, cause: unknown, timedOut: boolean): SentinelError {
  const message = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new SentinelError(
    `upstream.${connector}.${timedOut ? 'timeout' : 'network'}`,
    timedOut ? 'timeout' : 'network',
    `${connector}: ${timedOut ? 'no answer in time' : `cannot reach the API (${message})`} from ${redactUrl(url)} — check the base URL and the network; the next poll tries again`,
    { cause },
  );
}

/** Query strings can carry API keys (`servicetitanapplicationkey=…`): findings never show them. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** The human part of a vendor error body: RFC 7807 `title`, `message`, `error.message`, `error_description`. */
export function errorDetail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const o = body as Record<string, unknown>;
  const nested = typeof o['error'] === 'object' && o['error'] !== null ? (o['error'] as Record<string, unknown>)['message'] : undefined;
  const pick = [o['title'], o['message'], nested, o['error_description'], typeof o['error'] === 'string' ? o['error'] : undefined].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  );
  return typeof pick === 'string' ? pick.slice(0, 200) : undefined;
}

/** `Retry-After` as seconds: a number, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
