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
  /**
   * Every variable: upstream credentials whose names the config gives (ST_CLIENT_SECRET …), and each
   * chat platform's own (read in its adapter folder).
   */
  vars?: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths in the variables resolve against. */
  cwd?: string;
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
    vars: env,
    cwd,
  };
}
