// The connector client's HTTP pipeline retries 429s for as long as Retry-After says, up to three
// times, inside the call: one rate-limited channel would hold up the whole delivery run (and the
// poll behind it). Here only short waits are taken in place; anything longer comes back as an error
// with its Retry-After, and the outbox waits instead while every other thread keeps flowing.

/** The parts of @azure/core-rest-pipeline's Pipeline this needs (botbuilder owns the real one). */
interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: { name: string; sendRequest(request: unknown, next: (request: unknown) => Promise<ResponseLike>): Promise<ResponseLike> },
    options?: { phase?: 'Retry' },
  ): void;
}
interface ResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}

const MAX_IN_PLACE_MS = 2_000;
const ATTEMPTS = 2;
const tuned = new WeakSet<object>();

/** Swaps the default retry policy of a ConnectorClient's pipeline for the short one (once per client). */
export function useShortRetries(connectorClient: unknown): void {
  const pipeline = (connectorClient as { client?: { pipeline?: PipelineLike } } | undefined)?.client?.pipeline;
  if (!pipeline || tuned.has(pipeline)) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'sentinelShortRetry',
      async sendRequest(request, next) {
        for (let attempt = 1; ; attempt++) {
          const response = await next(request);
          const wait = attempt < ATTEMPTS ? shortWait(response, attempt) : undefined;
          if (wait === undefined) return response;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      },
    },
    { phase: 'Retry' },
  );
  tuned.add(pipeline);
}

function shortWait(response: ResponseLike, attempt: number): number | undefined {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return Number.isFinite(seconds) && seconds * 1000 <= MAX_IN_PLACE_MS ? Math.max(0, seconds * 1000) : undefined;
  }
  // Teams asks bots to retry these once soon (412 precondition, 502/504 gateway).
  if (response.status === 412 || response.status === 502 || response.status === 504) return 500 * attempt;
  return undefined;
}
