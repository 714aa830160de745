// A Slack channel in the config file. Tokens never live here: SLACK_BOT_TOKEN, SLACK_APP_TOKEN and
// SLACK_SIGNING_SECRET come from the environment.
import { z } from 'zod';

export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, dashes and underscores'),
  /** The conversation id, not its name: channel details → About → Channel ID (C0123456789). */
  channel_id: z.string().regex(/^[CG][A-Z0-9]{6,}$/, 'use the channel id (C0123456789) shown under channel details → About, not its name'),
  /**
   * How Slack reaches the app for buttons and /sync-status: `socket` (default, no public URL;
   * needs SLACK_APP_TOKEN) or `http` (POSTs to /slack/events; needs SLACK_SIGNING_SECRET).
   * Every Slack channel shares one app, so the first Slack channel's setting is the one used.
   */
  receiver: z.enum(['socket', 'http']).default('socket'),
  /** Port of the HTTP receiver. */
  port: z.number().int().min(1).max(65_535).default(3000),
  /** Address the HTTP receiver binds: loopback by default (put a TLS proxy in front); 0.0.0.0 for every interface. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Seconds between two posts to this channel (Slack allows about one a second). */
  pace_seconds: z.number().min(0).max(60).default(1),
});

export type SlackChannelConfig = z.output<typeof slackChannelSchema>;
