import type { DigestView } from '../digest/view';

export interface DigestChart {
  png: Buffer;
  fileName: string;
}

/**
 * Delivers the leadership digest to one configured channel (console, Slack, Teams). Throws a
 * SentinelError whose `retryable` says whether trying again later may work.
 */
export interface DigestSender {
  /** The configured channel name. */
  readonly channel: string;
  send(view: DigestView, chart: DigestChart): Promise<void>;
}
