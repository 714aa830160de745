// Intuit's own OAuth 2 client (intuit-oauth) for the authorization-code exchange and refreshes, with
// the endpoints made configurable so the same code talks to the sandbox. Its errors are reduced to a
// SentinelError that never carries a token: `invalid_grant` means the connection is gone.
import OAuthClient from 'intuit-oauth';
import { rememberSecrets } from '../../src/domain/scrub-secrets';
import { SentinelError } from '../../src/domain/errors';
import type { TokenSet } from '../../src/ports/token-store';

export const PRODUCTION_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The token endpoint gets this long before the call counts as failed (intuit-oauth sets none). */
  timeoutMs: number;
}

export interface OAuthApp {
  authorizeUri(redirectUri: string, state: string): string;
  /** Exchanges the callback's `code` (the full callback URL) for tokens. */
  exchangeCode(callbackUrl: string, redirectUri: string, now: Date): Promise<TokenSet>;
  refresh(refreshToken: string, now: Date): Promise<TokenSet>;
}

/** The refresh token is no longer accepted: only a new `connect` helps. */
export const DISCONNECTED_CODE = 'quickbooks.disconnected';

export function disconnectedError(detail: string): SentinelError {
  return new SentinelError(DISCONNECTED_CODE, 'auth', `QuickBooks disconnected — run \`sync-sentinel connect quickbooks\` (${detail})`, {
    retryable: false,
  });
}

export function createOAuthApp(settings: OAuthSettings): OAuthApp {
  const client = (redirectUri = 'http://127.0.0.1/callback') => {
    const c = new OAuthClient({
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      environment: 'production',
      redirectUri,
      includeRefreshTokenHardExpiresIn: true,
    });
    // The endpoints are class-wide in intuit-oauth and read when a request is built, which happens
    // synchronously inside the call that follows.
    OAuthClient.authorizeEndpoint = settings.authorizeUrl;
    OAuthClient.tokenEndpoint = settings.tokenUrl;
    return c;
  };

  return {
    authorizeUri(redirectUri, state) {
      return client(redirectUri).authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
    },
    async exchangeCode(callbackUrl, redirectUri, now) {
      const c = client(redirectUri);
      const reply = await withDeadline(c.createToken(callbackUrl), settings.timeoutMs, 'exchange the authorization code');
      return tokenSet(reply, now, 'exchange the authorization code');
    },
    async refresh(refreshToken, now) {
      const c = client();
      const reply = await withDeadline(c.refreshUsingToken(refreshToken), settings.timeoutMs, 'refresh the access token');
      return tokenSet(reply, now, 'refresh the access token');
    },
  };
}

interface TokenJson {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  x_refresh_token_expires_in?: unknown;
  x_refresh_token_hard_expires_in?: unknown;
}

function tokenSet(reply: unknown, now: Date, what: string): TokenSet {
  const json = ((reply as { json?: TokenJson } | null)?.json ?? reply) as TokenJson | null;
  if (typeof json?.access_token !== 'string' || typeof json.refresh_token !== 'string') {
    throw new SentinelError('quickbooks.oauth', 'malformed', `QuickBooks could not ${what}: the token endpoint's answer had no tokens`);
  }
  rememberSecrets([json.access_token, json.refresh_token]);
  const at = (seconds: unknown) =>
    typeof seconds === 'number' && seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : undefined;
  const refreshExpiresAt = at(json.x_refresh_token_expires_in);
  const hardExpiresAt = at(json.x_refresh_token_hard_expires_in);
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    accessExpiresAt: at(json.expires_in) ?? new Date(now.getTime() + 3_600_000).toISOString(),
    ...(refreshExpiresAt ? { refreshExpiresAt } : {}),
    ...(hardExpiresAt ? { hardExpiresAt } : {}),
  };
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SentinelError('quickbooks.oauth', 'timeout', `QuickBooks could not ${what}: no answer within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (err) {
    throw oauthError(err, what);
  } finally {
    clearTimeout(timer);
  }
}

/** Only the OAuth error code and status survive: intuit-oauth errors carry the whole response. */
function oauthError(err: unknown, what: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const e = (err ?? {}) as {
    error?: unknown;
    authResponse?: { response?: { status?: unknown } };
    originalMessage?: unknown;
    code?: unknown;
  };
  const code = typeof e.error === 'string' ? e.error : '';
  const status = typeof e.authResponse?.response?.status === 'number' ? e.authResponse.response.status : undefined;
  if (code === 'invalid_grant') return disconnectedError('the refresh token was rejected: invalid_grant');
  if (code === 'invalid_client' || status === 401) {
    return new SentinelError(
      'quickbooks.oauth_client',
      'auth',
      `QuickBooks could not ${what}: the app's client id or secret was rejected (invalid_client). Fix: check QBO_CLIENT_ID and QBO_CLIENT_SECRET`,
      { retryable: false },
    );
  }
  const text =
    [status ? `HTTP ${status}` : undefined, code && code.length < 80 ? code : undefined].filter(Boolean).join(' · ') || 'no answer';
  const reason = status !== undefined && status < 500 ? 'client' : 'network';
  return new SentinelError('quickbooks.oauth', reason, `QuickBooks could not ${what}: ${text}`);
}
