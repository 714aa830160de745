// The seam between the Teams adapter and the SDK that speaks to the Bot Connector. Everything in
// adapters/teams/ outside botbuilder/ uses only these types, so moving to Microsoft's newer Teams
// SDK means writing one new implementation of TeamsTransport and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdaptiveCard } from './cards/elements';

/**
 * Transports throw SentinelErrors; this code means Teams answered 403 BotNotInConversationRoster
 * (the app was removed from the team or chat). It is not retryable by waiting: a person must add
 * the app again. The channel-neutral operator-incident mechanism keys on it.
 */
export const NOT_IN_ROSTER = 'channel.not_in_roster';

/** Where a conversation lives, as the connector needs it for a proactive call. */
export interface ConversationAddress {
  serviceUrl: string;
  /** Channel id, thread id (`19:…;messageid=…`) or chat id. */
  conversationId: string;
  tenantId?: string;
  botId: string;
  botName?: string;
}

export interface OutgoingMessage {
  /** Notification and activity-feed text; plain text, already made safe. */
  summary: string;
  card?: AdaptiveCard;
  /** Used when there is no card. */
  text?: string;
}

export interface InboundUser {
  /** Microsoft Entra object id when Teams sends it, else the Teams user id. */
  id: string;
  name: string;
}

/** Where an inbound activity came from. */
export interface InboundContext {
  address: ConversationAddress;
  kind: 'channel' | 'personal' | 'groupChat';
  teamId?: string;
  teamName?: string;
  /** The Teams channel id (without `;messageid=`), in a channel. */
  channelId?: string;
  channelName?: string;
}

export type InboundEvent =
  /** The app was added to a team (with its channels), a group chat or a personal chat. */
  | { type: 'installed'; context: InboundContext; channels: Array<{ id: string; name?: string }> }
  | { type: 'uninstalled'; context: InboundContext }
  | { type: 'channel_created'; context: InboundContext; channel: { id: string; name?: string } }
  /** A message to the bot, the @mention already removed. */
  | { type: 'message'; context: InboundContext; user: InboundUser; text: string }
  /** A card button: Action.Execute (invoke) or its Action.Submit fallback (message with a value). */
  | { type: 'card_action'; context: InboundContext; user: InboundUser; verb: unknown; data: unknown };

export interface InboundReply {
  /** A short answer: the toast of an Action.Execute, or a reply when there is nothing else to say. */
  toast?: string;
  /** A message posted in the conversation (thread) the activity came from. */
  post?: OutgoingMessage;
  /**
   * A card that replaces the one whose button was pressed (the invoke's answer, Universal Actions).
   * From the Action.Submit fallback, which cannot replace, it is posted instead.
   */
  replace?: OutgoingMessage;
}

/** What the bot does with each inbound activity; every activity also refreshes the service URL. */
export interface InboundHandler {
  seen(context: InboundContext): Promise<void>;
  handle(event: InboundEvent): Promise<InboundReply>;
}

export interface TeamsTransport {
  /** Whether inbound requests are checked (an app id is configured). */
  readonly authenticated: boolean;
  /** Posts the first message of a new thread in a channel; returns the thread and its root message. */
  startThread(channel: ConversationAddress, message: OutgoingMessage): Promise<{ threadId: string; activityId: string }>;
  /** Posts into a conversation (a thread id posts into that thread). */
  send(conversation: ConversationAddress, message: OutgoingMessage): Promise<{ activityId?: string }>;
  update(conversation: ConversationAddress, activityId: string, message: OutgoingMessage): Promise<void>;
  /** The Microsoft 365 group id of a team (Graph's team id), from the team's details. */
  teamGroupId(conversation: ConversationAddress, teamId: string): Promise<string>;
  /** Whether the connector knows this activity (it answers for its members). */
  activityExists(conversation: ConversationAddress, activityId: string): Promise<boolean>;
  /** The node:http handler for POST /api/messages. */
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
