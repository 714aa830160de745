// Bot Framework authentication from our settings: anonymous when no app id is set (local runs and
// tests), otherwise the app id with a password or a certificate, single- or multi-tenant.
import { readFileSync } from 'node:fs';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  CertificateAppCredentials,
  CertificateServiceClientCredentialsFactory,
  JwtTokenProviderFactory,
  ManagedIdentityAppCredentials,
  MicrosoftAppCredentials,
  type AppCredentials,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { SentinelError } from '../../../src/domain/errors';

export interface TeamsCredentials {
  appId?: string;
  password?: string;
  tenantId?: string;
  appType?: string;
  certThumbprint?: string;
  /** PEM private key of the certificate (the file's content). */
  certPrivateKey?: string;
  certKeyFile?: string;
}

/**
 * Where Bot Framework's identity endpoints are. Production leaves these alone; tests point them at
 * fakes on 127.0.0.1 (OpenID metadata and signing keys for inbound requests, the login endpoint).
 */
export interface AuthEndpoints {
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  loginUrl?: string;
  oauthScope?: string;
}

export interface BuiltAuth {
  auth: ConfigurationBotFrameworkAuthentication;
  appId: string;
  authenticated: boolean;
}

const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'];

export function buildAuth(
  creds: TeamsCredentials,
  endpoints: AuthEndpoints = {},
  credentialsFactory?: ServiceClientCredentialsFactory,
): BuiltAuth {
  const appId = creds.appId?.trim() ?? '';
  if (!appId) return { auth: new ConfigurationBotFrameworkAuthentication({}), appId: '', authenticated: false };

  const appType = creds.appType ?? (creds.tenantId ? 'SingleTenant' : 'MultiTenant');
  if (!APP_TYPES.includes(appType))
    throw configError(
      `MICROSOFT_APP_TYPE is "${appType}"; use SingleTenant, MultiTenant or UserAssignedMSI (as in the Azure Bot's Configuration page).`,
    );
  if (appType !== 'MultiTenant' && !creds.tenantId)
    throw configError(
      `A ${appType} bot needs MICROSOFT_APP_TENANT_ID: the Directory (tenant) id shown on the app registration's Overview page.`,
    );
  const usesCert = !!(creds.certThumbprint || creds.certKeyFile || creds.certPrivateKey);
  if (appType === 'UserAssignedMSI' && (creds.password || usesCert)) {
    throw configError(
      'MICROSOFT_APP_TYPE is UserAssignedMSI: a managed identity has no secret or certificate of its own — unset MICROSOFT_APP_PASSWORD and the MICROSOFT_APP_CERT_* variables (its tokens come from the host, e.g. App Service’s IDENTITY_ENDPOINT).',
    );
  }
  if (appType !== 'UserAssignedMSI' && !usesCert && !creds.password) {
    throw configError(
      'MICROSOFT_APP_ID is set but no credential: set MICROSOFT_APP_PASSWORD to a client secret of the app registration, or MICROSOFT_APP_CERT_THUMBPRINT and MICROSOFT_APP_CERT_KEY_FILE for a certificate.',
    );
  }

  let factory = credentialsFactory;
  if (!factory && usesCert) {
    const cert = certificateOf(creds);
    factory = new CertificateServiceClientCredentialsFactory(appId, cert.thumbprint, cert.key, creds.tenantId);
  }

  const config: Record<string, unknown> = {
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(creds.password ? { MicrosoftAppPassword: creds.password } : {}),
    ...(creds.tenantId ? { MicrosoftAppTenantId: creds.tenantId } : {}),
  };
  if (endpoints.openIdMetadataUrl || endpoints.tokenIssuer || endpoints.loginUrl || endpoints.oauthScope) {
    // Setting any endpoint makes botbuilder expect all of them: fill the rest with the public cloud's.
    Object.assign(config, {
      ToChannelFromBotLoginUrl: endpoints.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: endpoints.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: endpoints.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: true,
    });
  }
  return {
    auth: refuseBadTokensWith401(new ConfigurationBotFrameworkAuthentication(config as never, factory)),
    appId,
    authenticated: true,
  };
}

/**
 * botbuilder answers a token with a bad signature, a malformed token or an unknown key with 500 (the
 * JWT library's errors are not its AuthenticationError): each is the caller's fault, so say 401.
 */
function refuseBadTokensWith401(auth: ConfigurationBotFrameworkAuthentication): ConfigurationBotFrameworkAuthentication {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      const name = (err as Error | undefined)?.name ?? '';
      if (['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError', 'SyntaxError'].includes(name))
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, 401);
      throw err;
    }
  };
  return auth;
}

function certificateOf(creds: TeamsCredentials): { thumbprint: string; key: string } {
  if (!creds.certThumbprint)
    throw configError('Certificate credentials need MICROSOFT_APP_CERT_THUMBPRINT (the thumbprint shown under Certificates & secrets).');
  if (creds.certPrivateKey) return { thumbprint: creds.certThumbprint, key: creds.certPrivateKey };
  if (!creds.certKeyFile) throw configError('Certificate credentials need MICROSOFT_APP_CERT_KEY_FILE: the path of the PEM private key.');
  try {
    return { thumbprint: creds.certThumbprint, key: readFileSync(creds.certKeyFile, 'utf8') };
  } catch (err) {
    throw configError(`Cannot read the certificate key ${creds.certKeyFile} (MICROSOFT_APP_CERT_KEY_FILE): ${(err as Error).message}`);
  }
}

/**
 * App-only tokens for Microsoft Graph (`<graph origin>/.default`) from the bot's own app
 * registration, per tenant: Graph answers for the tenant the team lives in (a managed identity's
 * tokens are always for its own tenant). Undefined when the bot has no identity of its own
 * (anonymous local mode).
 */
export function graphTokenSource(
  creds: TeamsCredentials,
  graphUrl: string,
  credentialsFactory?: ServiceClientCredentialsFactory,
): ((tenantId: string | undefined) => Promise<string>) | undefined {
  const appId = creds.appId?.trim() ?? '';
  if (!appId) return undefined;
  const scope = new URL(graphUrl).origin;
  const usesCert = !!(creds.certThumbprint || creds.certKeyFile || creds.certPrivateKey);
  const managed = creds.appType === 'UserAssignedMSI';
  if (!credentialsFactory && !managed && !usesCert && !creds.password) return undefined;
  const byTenant = new Map<string, Promise<AppCredentials>>();
  const credentialsFor = async (tenantId: string | undefined): Promise<AppCredentials> => {
    const tenant = tenantId ?? creds.tenantId;
    if (credentialsFactory)
      return (await credentialsFactory.createCredentials(
        appId,
        scope,
        AuthenticationConstants.ToChannelFromBotLoginUrlPrefix,
        true,
      )) as AppCredentials;
    if (managed) return new ManagedIdentityAppCredentials(appId, scope, new JwtTokenProviderFactory());
    if (usesCert) {
      const cert = certificateOf(creds);
      return new CertificateAppCredentials(appId, cert.thumbprint, cert.key, tenant, scope);
    }
    return new MicrosoftAppCredentials(appId, creds.password!, tenant, scope);
  };
  return async (tenantId) => {
    const key = tenantId ?? creds.tenantId ?? '';
    let c = byTenant.get(key);
    if (!c) {
      c = credentialsFor(tenantId);
      byTenant.set(key, c);
      c.catch(() => byTenant.delete(key));
    }
    return (await c).getToken();
  };
}

function configError(message: string): SentinelError {
  return new SentinelError('teams.config', 'config', message, { retryable: false });
}
