// Where a chat bot keeps the conversations it was installed into, so it can post to them later
// (Teams: proactive messages need the service URL, tenant and bot account of each conversation).

export type ConversationKind = 'channel' | 'personal' | 'groupChat';

export interface ConversationRecord {
  companyId: string;
  /** Teams channel id (19:…@thread.tacv2) or chat conversation id. */
  conversationId: string;
  kind: ConversationKind;
  teamId?: string;
  teamName?: string;
  name?: string;
  tenantId?: string;
  /** Regional endpoint of the connector; refreshed from every inbound activity. */
  serviceUrl: string;
  botId: string;
  botName?: string;
  /** `dead`: the app was removed from the team or chat (or Teams said it is not in the roster). */
  status: 'active' | 'dead';
  deadReason?: string;
  updatedAt: string;
}

/** An activity the bot sent for an outbox item: after a crash it proves the item was delivered. */
export interface SentActivity {
  companyId: string;
  outboxId: number;
  /** The conversation the activity lives in (the thread's id for channel threads). */
  conversationId: string;
  activityId: string;
  /** The root message id of a new thread (post_parent only). */
  parentRef?: string;
  at: string;
}

export interface ConversationStore {
  /** Inserts or refreshes a conversation; it becomes active again. */
  saveConversation(record: ConversationRecord): Promise<void>;
  findConversation(companyId: string, conversationId: string): Promise<ConversationRecord | null>;
  listConversations(companyId: string): Promise<ConversationRecord[]>;
  /** Every conversation of the team (or the one conversation) gets the new service URL. */
  refreshServiceUrl(companyId: string, where: { teamId?: string; conversationId: string }, serviceUrl: string, at: string): Promise<void>;
  /** Marks the conversation, or every conversation of the team, dead. */
  markDead(companyId: string, where: { teamId?: string; conversationId?: string }, reason: string, at: string): Promise<void>;
  recordSent(sent: SentActivity): Promise<void>;
  findSent(companyId: string, outboxId: number): Promise<SentActivity | null>;
}
