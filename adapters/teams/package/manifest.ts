// The Teams app manifest (schema v1.16) from the config: the bot, its scopes and the commands the
// compose box suggests after @mentioning it.
import type { PackagedTeamsApp } from '../../../src/config/schema-teams';

export const MANIFEST_VERSION = '1.16';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

/** What people pick from the compose box; each is `@bot <title>`. */
export const BOT_COMMANDS: ReadonlyArray<{ title: string; description: string }> = [
  { title: 'sync-status', description: 'Sync health, each source, open incidents by severity and the money at risk' },
  { title: 'sync-status high', description: 'Only incidents of one severity (critical, high, medium, low), kind of record or location' },
  {
    title: 'sync-status trace',
    description: 'The chain job → invoice → QuickBooks invoice → payment for a job, invoice or check number, e.g. trace 1043',
  },
  { title: 'sync-status close', description: 'What must be corrected by hand before this month’s books close, with the money' },
  { title: 'sync-status help', description: 'Everything sync-status understands' },
];

export interface ManifestInput {
  app: PackagedTeamsApp;
  /** The Microsoft Entra app (client) id of the Azure Bot; also the Teams app id. */
  appId: string;
}

export function buildManifest({ app, appId }: ManifestInput): Record<string, unknown> {
  const scopes = ['team', 'personal', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: app.version,
    id: appId,
    developer: { name: app.developer, websiteUrl: app.website_url, privacyUrl: app.privacy_url, termsOfUseUrl: app.terms_url },
    name: { short: app.short_name, full: app.full_name },
    description: {
      short: 'Threaded alerts when QuickBooks and your field tools disagree',
      full: 'Watches the sync between field-service tools (ServiceTitan, Jobber, Housecall Pro, exports) and QuickBooks Online. Posts one thread per problem with its severity, the broken hop of the trace, the money at risk and what to do next; updates the card as the problem changes; lets you acknowledge, snooze or record the root cause from the card; and answers @mentions of sync-status.',
    },
    icons: { color: ICON_FILES.color, outline: ICON_FILES.outline },
    accentColor: app.accent_color,
    bots: [
      {
        botId: appId,
        scopes,
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          { scopes: ['team', 'groupChat'], commands: BOT_COMMANDS },
          { scopes: ['personal'], commands: BOT_COMMANDS },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [new URL(app.website_url).hostname],
    // Resource-specific consent: the team that adds the app lets it read that team's channel
    // messages (nothing else, no other team), so a card whose answer was lost is found, not posted twice.
    webApplicationInfo: { id: appId, resource: `api://${new URL(app.website_url).hostname}/${appId}` },
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  };
}
