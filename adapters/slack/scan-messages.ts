// Reading back what the bot posted: a channel's recent history, or one thread, page by page, with
// message metadata, until the caller has what it looks for. Used to tell whether a post whose answer
// was lost landed (alerts and the digest), so nothing is posted twice.
import { slackError } from './errors';
import type { SlackWebClient } from './web-client';

export interface SeenMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: Array<{ name?: string; title?: string }>;
}

export interface ScanTarget {
  channel: string;
  /** A thread's parent ts: read its replies instead of the channel's history. */
  threadTs?: string;
  /** History only: nothing older than this (Slack ts, seconds). */
  oldest?: string;
  /** How the channel is named in errors. */
  label: string;
}

/** Visits messages newest page first until `visit` returns true or `budget` messages were read. */
export async function scanMessages(
  client: SlackWebClient,
  target: ScanTarget,
  budget: number,
  visit: (m: SeenMessage) => boolean,
): Promise<void> {
  const method = target.threadTs ? 'conversations.replies' : 'conversations.history';
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await (
      target.threadTs
        ? client.conversations.replies({
            channel: target.channel,
            ts: target.threadTs,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          })
        : client.conversations.history({
            channel: target.channel,
            include_all_metadata: true,
            limit: 200,
            ...(target.oldest ? { oldest: target.oldest } : {}),
            ...(cursor ? { cursor } : {}),
          })
    ).catch((err: unknown) => {
      // Translated like a post's errors: a thread deleted by hand reads as PARENT_GONE.
      throw slackError(err, method, target.label);
    });
    const messages = (page.messages ?? []) as SeenMessage[];
    for (const m of messages) if (visit(m)) return;
    scanned += messages.length;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && scanned < budget);
}
