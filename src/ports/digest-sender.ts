import type { DigestView } from '../digest/view';

export interface DigestChart {
  png: Buffer;
  fileName: string;
}

/**
 * How far one channel's digest got: the main message (Slack ts, Teams root activity id) and the
 * parts already in its thread (`reply-1`, `reply-2`, …, `chart`).
 */
export interface DigestSteps {
  mainRef: string;
  done: string[];
}

/** One attempt at a channel's digest for a week, with what earlier attempts recorded. */
export interface DigestAttempt {
  /**
   * A person asked for the digest again (`digest --send-now`): a new one is posted, nothing earlier
   * is looked for.
   */
  fresh: boolean;
  /** What an earlier attempt in this channel and week recorded; null when none did. */
  recorded: DigestSteps | null;
  /** Keeps each step as soon as it is known, so a retry continues from there. */
  record(steps: DigestSteps): Promise<void>;
}

/**
 * Delivers the leadership digest to one configured channel (console, Slack, Teams). Throws a
 * SentinelError whose `retryable` says whether trying again later may work. A retry lands the
 * digest once: the chat senders continue from what `attempt` recorded, and look in the channel for
 * what an attempt whose answer was lost (or a process that stopped) left there.
 */
export interface DigestSender {
  /** The configured channel name. */
  readonly channel: string;
  send(view: DigestView, chart: DigestChart, attempt?: DigestAttempt): Promise<void>;
}

/** The part name of the thread's reply number `n` (1-based). */
export const replyPart = (n: number): string => `reply-${n}`;
export const CHART_PART = 'chart';
