import type { ChatPlatformType } from '../config/schema';

/** Who asked: a chat user (with where they asked from) or someone at the command line. */
export interface Actor {
  platform: ChatPlatformType | 'cli';
  /** Slack user id (U…), Teams AAD object id, or the login name at the command line. */
  id: string;
  /** What the incident history and the thread show: "Dana Ortiz". */
  name: string;
  /** The channel or conversation the action came from. */
  channelId?: string;
  /** Slack user groups (S…) or Teams AAD groups the person belongs to, as far as the adapter knows. */
  groupIds?: readonly string[];
}
