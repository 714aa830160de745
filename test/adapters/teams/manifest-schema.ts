// The parts of the Teams app manifest schema v1.16 a bot-only app uses, written from Microsoft's
// documentation (learn.microsoft.com → Teams → App manifest reference): required fields, lengths,
// formats, enums and the bot's command lists. Strict: unknown properties fail, as in the real schema.
const guid = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' };
const httpsUrl = { type: 'string', pattern: '^[Hh][Tt][Tt][Pp][Ss]://', maxLength: 2048 };
const relativePath = { type: 'string', pattern: '^(?!https?://)[^\\\\/:*?"<>|]+$', maxLength: 2048 };
const scope = { enum: ['team', 'personal', 'groupChat'] };

export const MANIFEST_SCHEMA_V1_16 = {
  type: 'object',
  additionalProperties: false,
  required: ['manifestVersion', 'version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    manifestVersion: { const: '1.16' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+', maxLength: 256 },
    id: guid,
    developer: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 32 },
        websiteUrl: httpsUrl,
        privacyUrl: httpsUrl,
        termsOfUseUrl: httpsUrl,
      },
    },
    name: {
      type: 'object',
      additionalProperties: false,
      required: ['short', 'full'],
      properties: { short: { type: 'string', minLength: 1, maxLength: 30 }, full: { type: 'string', maxLength: 100 } },
    },
    description: {
      type: 'object',
      additionalProperties: false,
      required: ['short', 'full'],
      properties: { short: { type: 'string', minLength: 1, maxLength: 80 }, full: { type: 'string', minLength: 1, maxLength: 4000 } },
    },
    icons: {
      type: 'object',
      additionalProperties: false,
      required: ['outline', 'color'],
      properties: { outline: relativePath, color: relativePath },
    },
    accentColor: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
    bots: {
      type: 'array',
      maxItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['botId', 'scopes'],
        properties: {
          botId: guid,
          needsChannelSelector: { type: 'boolean' },
          isNotificationOnly: { type: 'boolean' },
          supportsFiles: { type: 'boolean' },
          supportsCalling: { type: 'boolean' },
          supportsVideo: { type: 'boolean' },
          scopes: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: scope },
          commandLists: {
            type: 'array',
            maxItems: 3,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['scopes', 'commands'],
              properties: {
                scopes: { type: 'array', maxItems: 3, items: scope },
                commands: {
                  type: 'array',
                  maxItems: 10,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['title', 'description'],
                    properties: { title: { type: 'string', minLength: 1, maxLength: 32 }, description: { type: 'string', maxLength: 128 } },
                  },
                },
              },
            },
          },
        },
      },
    },
    permissions: { type: 'array', maxItems: 2, items: { enum: ['identity', 'messageTeamMembers'] } },
    validDomains: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 2048 } },
    webApplicationInfo: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: { id: guid, resource: { type: 'string', maxLength: 2048 } },
    },
    authorization: {
      type: 'object',
      additionalProperties: false,
      properties: {
        permissions: {
          type: 'object',
          additionalProperties: false,
          properties: {
            resourceSpecific: {
              type: 'array',
              maxItems: 16,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'type'],
                properties: { name: { type: 'string', maxLength: 128 }, type: { enum: ['Application', 'Delegated'] } },
              },
            },
          },
        },
      },
    },
  },
} as const;
