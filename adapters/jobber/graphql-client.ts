// POSTs to Jobber's one GraphQL route and honours its query-cost budget: THROTTLED arrives as HTTP
// 200, so it is read from `errors[].extensions.code`; we wait until the bucket holds the requested
// cost, and wait ahead of time when the last answer says the next page would not fit.
import { SentinelError } from '../../src/domain/errors';
import type { HttpClient } from '../vendor-http/http-client';
import { sleep } from '../vendor-http/http-client';
import { malformedError } from '../vendor-http/http-errors';
import type { TokenKeeper } from '../vendor-http/oauth';

interface Cost {
  requestedQueryCost?: number;
  actualQueryCost?: number;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
}

interface GraphqlBody {
  data?: Record<string, unknown>;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
  extensions?: { cost?: Cost; versioning?: { version?: string; warning?: string } };
}

/** The query asks for more than the bucket can ever hold: the caller must ask for fewer nodes. */
export class TooCostly extends Error {
  constructor(
    readonly requested: number,
    readonly maximum: number,
  ) {
    super(`query cost ${requested} exceeds the bucket (${maximum})`);
  }
}

export interface GraphqlClient {
  query(document: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Time spent waiting for the budget, ms. */
  throttledMs: number;
  warnings: Set<string>;
}

export function createGraphqlClient(opts: {
  http: HttpClient;
  url: string;
  version: string;
  tokens: TokenKeeper;
  maxThrottleWaitMs: number;
}): GraphqlClient {
  let last: Cost | undefined;
  const client: GraphqlClient = {
    throttledMs: 0,
    warnings: new Set(),
    async query(document, variables) {
      let waited = 0;
      for (;;) {
        await waitAhead();
        const res = await opts.http.json<GraphqlBody>(opts.url, {
          method: 'POST',
          headers: { 'X-JOBBER-GRAPHQL-VERSION': opts.version },
          body: { query: document, variables },
          authorize: async () => ({ authorization: `Bearer ${await opts.tokens.accessToken()}` }),
          onUnauthorized: () => opts.tokens.renew(),
        });
        const body = res.body;
        if (typeof body !== 'object' || body === null) throw malformedError('jobber', opts.url, 'an answer that is not a GraphQL response');
        last = body.extensions?.cost ?? last;
        if (body.extensions?.versioning?.warning) client.warnings.add(body.extensions.versioning.warning);
        const throttled = body.errors?.some((e) => e.extensions?.code === 'THROTTLED');
        if (throttled) {
          const requested = last?.requestedQueryCost ?? 0;
          const t = last?.throttleStatus ?? {};
          if (t.maximumAvailable !== undefined && requested > t.maximumAvailable) throw new TooCostly(requested, t.maximumAvailable);
          const wait = Math.ceil(Math.max(0, requested - (t.currentlyAvailable ?? 0)) / Math.max(1, t.restoreRate ?? 500)) * 1000;
          if (waited + wait > opts.maxThrottleWaitMs) {
            throw new SentinelError(
              'upstream.jobber.throttled',
              'rate_limited',
              `jobber: the query-cost budget is spent (needs ${requested}, has ${t.currentlyAvailable ?? 0}, refills ${t.restoreRate ?? '?'}/s) — the next poll goes on; lower page_size if it keeps happening`,
              { retryAfterSeconds: Math.ceil(wait / 1000) },
            );
          }
          waited += wait;
          client.throttledMs += wait;
          await sleep(wait);
          continue;
        }
        if (body.errors && body.errors.length > 0) {
          const message = body.errors.map((e) => e.message ?? 'unknown error').join('; ');
          throw new SentinelError(
            'upstream.jobber.graphql',
            'client',
            `jobber: the API refused the query (${message.slice(0, 200)}) — check api_version in the source settings`,
            { retryable: false },
          );
        }
        if (!body.data) throw malformedError('jobber', opts.url, 'a GraphQL answer without data');
        return body.data;
      }
    },
  };

  // The last answer tells what is left; a page that would not fit waits here instead of being refused.
  async function waitAhead(): Promise<void> {
    const t = last?.throttleStatus;
    const need = last?.requestedQueryCost;
    if (!t || need === undefined || t.currentlyAvailable === undefined || t.currentlyAvailable >= need) return;
    const wait = Math.ceil(((need - t.currentlyAvailable) * 1000) / Math.max(1, t.restoreRate ?? 500));
    if (wait > opts.maxThrottleWaitMs) return;
    client.throttledMs += wait;
    last = { ...last, throttleStatus: { ...t, currentlyAvailable: need } };
    await sleep(wait);
  }
  return client;
}
