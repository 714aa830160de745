import path from 'node:path';

/** The environment the service reads, in one place, so tests pass their own instead of touching globals. */
export interface Env {
  configPath?: string;
  dataDir: string;
  logLevel?: string;
  qbo: {
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    refreshToken?: string;
    realmId?: string;
    /** SYNC_SENTINEL_SECRET_KEY: encrypts the stored QuickBooks and upstream connector tokens. */
    secretKey?: string;
    /** SYNC_SENTINEL_OLD_SECRET_KEY: the key being retired, read only by `rotate-key`. */
    oldSecretKey?: string;
    webhookVerifierToken?: string;
  };
  /** SLACK_API_URL points the app at another Web API (a loopback fake in tests). */
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
  teams: TeamsEnv;
  /** Every variable, for upstream credentials whose names the config gives (ST_CLIENT_SECRET …). */
  vars?: Readonly<Record<string, string | undefined>>;
}

/** The Teams bot's Microsoft Entra app registration (Azure Bot). No app id: anonymous local mode. */
export interface TeamsEnv {
  appId?: string;
  password?: string;
  tenantId?: string;
  /** SingleTenant (default when a tenant is set), MultiTenant or UserAssignedMSI. */
  appType?: string;
  /** Certificate credentials instead of a password: the thumbprint and a PEM private key file. */
  certThumbprint?: string;
  certKeyFile?: string;
  /** MICROSOFT_GRAPH_URL: Microsoft Graph's origin, for a national cloud (default https://graph.microsoft.com). */
  graphUrl?: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Env {
  return {
    ...(env['SYNC_SENTINEL_CONFIG'] ? { configPath: path.resolve(cwd, env['SYNC_SENTINEL_CONFIG']) } : {}),
    dataDir: path.resolve(cwd, env['SYNC_SENTINEL_DATA_DIR'] ?? 'data'),
    ...(env['LOG_LEVEL'] ? { logLevel: env['LOG_LEVEL'] } : {}),
    qbo: {
      clientId: env['QBO_CLIENT_ID'],
      clientSecret: env['QBO_CLIENT_SECRET'],
      accessToken: env['QBO_ACCESS_TOKEN'],
      refreshToken: env['QBO_REFRESH_TOKEN'],
      realmId: env['QBO_REALM_ID'],
      secretKey: env['SYNC_SENTINEL_SECRET_KEY'],
      oldSecretKey: env['SYNC_SENTINEL_OLD_SECRET_KEY'],
      webhookVerifierToken: env['QBO_WEBHOOK_VERIFIER_TOKEN'],
    },
    slack: {
      botToken: env['SLACK_BOT_TOKEN'],
      appToken: env['SLACK_APP_TOKEN'],
      signingSecret: env['SLACK_SIGNING_SECRET'],
      apiUrl: env['SLACK_API_URL'],
    },
    teams: readTeamsEnv(env, cwd),
    vars: env,
  };
}

/** Bot Framework's own variable names (MicrosoftAppId …) work too, as Azure's templates set them. */
function readTeamsEnv(env: NodeJS.ProcessEnv, cwd: string): TeamsEnv {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v);
  const keyFile = pick('MICROSOFT_APP_CERT_KEY_FILE');
  const out: TeamsEnv = {};
  const set = (key: keyof TeamsEnv, value: string | undefined) => {
    if (value) out[key] = value;
  };
  set('appId', pick('MICROSOFT_APP_ID', 'MicrosoftAppId'));
  set('password', pick('MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'));
  set('tenantId', pick('MICROSOFT_APP_TENANT_ID', 'MicrosoftAppTenantId'));
  set('appType', pick('MICROSOFT_APP_TYPE', 'MicrosoftAppType'));
  set('certThumbprint', pick('MICROSOFT_APP_CERT_THUMBPRINT'));
  set('certKeyFile', keyFile ? path.resolve(cwd, keyFile) : undefined);
  set('graphUrl', pick('MICROSOFT_GRAPH_URL'));
  return out;
}
