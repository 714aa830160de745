// One WebClient per bot token. 429s come back to us as errors (rejectRateLimitedCalls) so the
// outbox, not the SDK, decides when to try again; the SDK's own retry of network errors is short.
import { LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger';
import { boltLogger } from './bolt-logger';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackConnection {
  botToken: string;
  /** Web API base; a loopback fake in tests and the demo, Slack otherwise. */
  apiUrl?: string;
  /** Quick retries of network and 5xx failures inside one delivery attempt. */
  retries?: number;
  /** Where the SDK's own warnings go (default: nowhere). */
  log?: Logger;
}

export function createWebClient(conn: SlackConnection): SlackWebClient {
  return new webApi.WebClient(conn.botToken, {
    ...(conn.apiUrl ? { slackApiUrl: conn.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: conn.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    ...(conn.log ? { logger: boltLogger(conn.log) } : { logLevel: LogLevel.ERROR }),
  });
}
