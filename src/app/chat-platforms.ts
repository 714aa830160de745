// The chat platforms this build can post to: one line each. A platform's channels, credentials,
// digest sender, inbound endpoint and secrets all come from its object in its adapter folder.
import type { ChannelConfig } from '../config/schema';
import type { ChatPlatform } from '../ports/chat-platform';
import { consolePlatform } from '../../adapters/console/platform';
import { slackPlatform } from '../../adapters/slack/platform';
import { teamsPlatform } from '../../adapters/teams/platform';

export type AppChatPlatform = ChatPlatform<ChannelConfig>;

export const CHAT_PLATFORMS: readonly AppChatPlatform[] = [consolePlatform, slackPlatform, teamsPlatform];
