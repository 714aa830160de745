// A Microsoft Teams channel in the config file. The app's credentials never live here:
// MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or a certificate) and MICROSOFT_APP_TENANT_ID come from
// the environment.
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, dashes and underscores');
const https = z
  .string()
  .url()
  .regex(/^https:\/\//, 'use an https:// address');

/** What the app package (`sync-sentinel teams package`) shows in the Teams store entry. */
const teamsApp = z.strictObject({
  /** The bot's name in Teams (30 characters at most). */
  short_name: z.string().min(1).max(30).default('Sync Sentinel'),
  full_name: z.string().min(1).max(100).default('Sync Sentinel for QuickBooks'),
  /** Package version: bump it for Teams to offer the update. */
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'use a version like 1.0.0')
    .default('1.0.0'),
  developer: z.string().min(1).max(32).default('Sync Sentinel'),
  /**
   * The company's pages Teams links from the app's store entry. Required by `teams package` (no
   * made-up defaults: a package pointing at someone else's site is worse than none).
   */
  website_url: https.optional(),
  privacy_url: https.optional(),
  terms_url: https.optional(),
  accent_color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'use a colour like #4F6BED')
    .default('#4F6BED'),
  /** Icons: PNG files (192×192 colour, 32×32 white-on-transparent outline); drawn for you when left out. */
  color_icon: z.string().min(1).optional(),
  outline_icon: z.string().min(1).optional(),
});

export const teamsChannelSchema = z.strictObject({
  type: z.literal('teams'),
  name: id,
  /**
   * The Teams channel's id, not its name: in Teams, the channel's … menu → Get link to channel; the
   * id is the part after /channel/, URL-decoded (19:…@thread.tacv2).
   */
  channel_id: z
    .string()
    .regex(
      /^19:[^;\s]+@thread\.(tacv2|skype)$/,
      'use the channel id (19:…@thread.tacv2) from the channel’s “Get link to channel”, URL-decoded',
    ),
  /**
   * Port of the bot endpoint (POST /api/messages) that Azure Bot Service calls. Every Teams channel
   * shares one bot, so the first Teams channel's settings are the ones used (0: any free port).
   */
  port: z.number().int().min(0).max(65_535).default(3978),
  /**
   * Address the bot endpoint binds: loopback by default (put a TLS proxy or tunnel in front, as Azure
   * Bot Service needs https anyway). Without MICROSOFT_APP_ID only a loopback address is allowed.
   */
  host: z.string().min(1).default('127.0.0.1'),
  app: teamsApp.prefault({}),
});

export type TeamsChannelConfig = z.output<typeof teamsChannelSchema>;
export type TeamsAppConfig = z.output<typeof teamsApp>;
export const TEAMS_APP_URLS = ['website_url', 'privacy_url', 'terms_url'] as const;
/** The app settings once `teams package` has checked its pages are set. */
export type PackagedTeamsApp = TeamsAppConfig & Record<(typeof TEAMS_APP_URLS)[number], string>;
