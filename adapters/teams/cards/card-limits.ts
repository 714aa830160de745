// Teams' size limits, for everything the bot posts: alert cards, sync-status answers and the digest.
// Teams refuses a message over about 28 KB whole (HTTP 413 / MessageSizeTooBig), so each card is
// measured as the JSON it is sent as and kept under a budget that leaves room for the activity.

export const TEAMS_LIMITS = {
  /** What Teams accepts for one message: the card plus the activity around it. */
  messageBytes: 28_000,
  /** What one card may take; the rest of a long list goes to the thread. */
  cardBytes: 24_000,
  /** A long text run (a fix, a cause) is cut to this many characters. */
  longText: 2_000,
  /** The notification and activity-feed summary of a message. */
  summary: 200,
} as const;
