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
    /** SYNC_SENTINEL_SECRET_KEY: encrypts the stored QuickBooks tokens. */
    secretKey?: string;
    webhookVerifierToken?: string;
  };
  /** SLACK_API_URL points the app at another Web API (a loopback fake in tests). */
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string };
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
      webhookVerifierToken: env['QBO_WEBHOOK_VERIFIER_TOKEN'],
    },
    slack: {
      botToken: env['SLACK_BOT_TOKEN'],
      appToken: env['SLACK_APP_TOKEN'],
      signingSecret: env['SLACK_SIGNING_SECRET'],
      apiUrl: env['SLACK_API_URL'],
    },
  };
}
