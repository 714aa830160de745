// One WebClient per bot token. 429s and network errors come back to us as errors (rejectRateLimitedCalls,
// no SDK retries) so the outbox, not the SDK, decides when to try again: a post the SDK retried after
// its answer was lost would land twice, while the outbox looks (findDelivered) before it sends again.
import { LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger';
import { boltLogger } from './bolt-logger';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackConnection {
  botToken: string;
  /** Web API base; a loopback fake in tests and the demo, Slack otherwise. */
  apiUrl?: string;
  /** Quick retries of network and 5xx failures inside one call (default none: see above). */
  retries?: number;
  /** Where the SDK's own warnings go (default: nowhere). */
  log?: Logger;
}

export function createWebClient(conn: SlackConnection): SlackWebClient {
  return new webApi.WebClient(conn.botToken, {
    ...(conn.apiUrl ? { slackApiUrl: conn.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: conn.retries ?? 0, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    ...(conn.log ? { logger: boltLogger(conn.log) } : { logLevel: LogLevel.ERROR }),
  });
}
