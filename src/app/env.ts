import path from 'node:path';

/** The environment the service reads, in one place, so tests pass their own instead of touching globals. */
export interface Env {
  configPath?: string;
  dataDir: string;
  logLevel?: string;
  qbo: { clientId?: string; clientSecret?: string; accessToken?: string; refreshToken?: string; realmId?: string };
  /** Every variable, for upstream credentials whose names the config gives (ST_CLIENT_SECRET …). */
  vars?: Readonly<Record<string, string | undefined>>;
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
    },
    vars: env,
  };
}
