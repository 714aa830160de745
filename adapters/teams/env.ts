// The Teams bot's Microsoft Entra app registration (Azure Bot), read from the environment. No app id:
// anonymous local mode.
import path from 'node:path';

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

/** Bot Framework's own variable names (MicrosoftAppId …) work too, as Azure's templates set them. */
export function readTeamsEnv(env: Readonly<Record<string, string | undefined>>, cwd: string): TeamsEnv {
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
