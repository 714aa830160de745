import type { OutboxItem, ThreadRef } from '../notify/outbox';

export interface DeliveryReceipt {
  /** Where it landed (channel id, conversation id, "stdout"). */
  destination: string;
  /** The parent's id in the chat system, for post_parent (Slack ts, Teams activity id). */
  parentRef?: string;
}

/**
 * A chat integration. `deliver` throws a SentinelError whose `retryable` says whether the same item
 * is worth sending again; nothing is ever dropped on failure.
 */
export interface ChannelPort {
  /** The configured channel name this port serves. */
  readonly name: string;
  deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt>;
  /**
   * After a crash an item may have been sent without being marked: channels that can look (Slack
   * message metadata, Teams activity ids) say whether it landed, so it is not posted twice.
   */
  findDelivered?(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt | null>;
  close?(): Promise<void>;
}
