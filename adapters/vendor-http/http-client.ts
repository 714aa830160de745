// One HTTP client for every upstream connector: a per-request deadline, a request-rate ceiling
// (p-throttle), retries of what is worth retrying (p-retry: 429 honouring Retry-After, 5xx,
// network, timeouts, malformed bodies), and every failure as a SentinelError naming the connector.
import pRetry, { AbortError } from 'p-retry';
import pThrottle from 'p-throttle';
import { SentinelError } from '../../src/domain/errors';
import { errorDetail, httpError, malformedError, networkError, parseRetryAfter } from './http-errors';

export interface HttpClientOptions {
  /** Connector name used in errors and incidents (`servicetitan`, `jobber` …). */
  connector: string;
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First back-off in ms (default 500); doubles per attempt. */
  minRetryMs?: number;
  /** Longest wait a Retry-After may impose before we give up this poll (default 60 s). */
  maxRetryAfterSeconds?: number;
  /** At most `limit` requests per `intervalMs` (default 10 per second). */
  rateLimit?: { limit: number; intervalMs: number };
  /** Called before every attempt (for counting in the bench). */
  onRequest?: (url: string) => void;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON body (object) or a prepared string body (form). */
  body?: unknown;
  /** Recomputes headers per attempt (a refreshed token). */
  authorize?: () => Promise<Record<string, string>>;
  /** Called on 401 before one more attempt (refresh the token); returns false when it cannot help. */
  onUnauthorized?: () => Promise<boolean>;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpClient {
  readonly connector: string;
  /** Requests sent (including retries). */
  readonly requestCount: number;
  json<T = unknown>(url: string, req?: HttpRequest): Promise<HttpResponse<T>>;
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const { connector } = opts;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxWait = opts.maxRetryAfterSeconds ?? 60;
  const rate = opts.rateLimit ?? { limit: 10, intervalMs: 1000 };
  const throttle = pThrottle({ limit: rate.limit, interval: rate.intervalMs });
  const send = throttle((url: string, init: RequestInit) => fetch(url, init));
  let count = 0;

  async function attempt<T>(url: string, req: HttpRequest, authRetried: { done: boolean }): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers, ...(req.authorize ? await req.authorize() : {}) };
    let body: string | undefined;
    if (req.body !== undefined) {
      if (typeof req.body === 'string') body = req.body;
      else {
        body = JSON.stringify(req.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    count++;
    opts.onRequest?.(url);
    let res: Response;
    try {
      res = await send(url, {
        method: req.method ?? 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw networkError(connector, url, err, err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
    }
    const text = await res.text();
    let parsed: unknown;
    let parseFailed = false;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parseFailed = true;
      }
    }
    if (res.status === 401 && req.onUnauthorized && !authRetried.done) {
      authRetried.done = true;
      if (await req.onUnauthorized()) return attempt(url, req, authRetried);
    }
    if (res.status >= 400) {
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      const detail = errorDetail(parsed) ?? (parseFailed ? text.slice(0, 120).trim() : undefined);
      throw httpError({
        connector,
        status: res.status,
        url,
        ...(detail ? { detail } : {}),
        ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      });
    }
    if (parseFailed) throw malformedError(connector, url, 'a body that is not JSON');
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  return {
    connector,
    get requestCount() {
      return count;
    },
    async json<T>(url: string, req: HttpRequest = {}) {
      const authRetried = { done: false };
      return pRetry(
        async () => {
          try {
            return await attempt<T>(url, req, authRetried);
          } catch (err) {
            // p-retry retries anything not wrapped in AbortError; ours decide by `retryable`.
            if (err instanceof SentinelError && !err.retryable) throw new AbortError(err);
            if (err instanceof SentinelError && (err.retryAfterSeconds ?? 0) > maxWait) throw new AbortError(err);
            throw err;
          }
        },
        {
          retries: opts.retries ?? 4,
          minTimeout: opts.minRetryMs ?? 500,
          factor: 2,
          randomize: true,
          onFailedAttempt: async ({ error }) => {
            const wait = error instanceof SentinelError ? error.retryAfterSeconds : undefined;
            if (wait !== undefined && wait > 0) await sleep(wait * 1000);
          },
        },
      );
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The HTTP settings every connector's options carry (tests and the bench lower them). */
export interface ConnectorHttpSettings {
  timeoutMs?: number;
  retries?: number;
  minRetryMs?: number;
  ratePerSecond?: number;
}

/** A connector's client: its settings, or the defaults, at `defaultRate` requests a second. */
export function connectorHttpClient(connector: string, s: ConnectorHttpSettings, defaultRate: number): HttpClient {
  return createHttpClient({
    connector,
    timeoutMs: s.timeoutMs ?? 30_000,
    retries: s.retries ?? 4,
    ...(s.minRetryMs !== undefined ? { minRetryMs: s.minRetryMs } : {}),
    rateLimit: { limit: Math.max(1, Math.round(s.ratePerSecond ?? defaultRate)), intervalMs: 1000 },
  });
}
