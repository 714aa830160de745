// OAuth 2 tokens for connectors: client credentials (ServiceTitan) and refresh tokens with optional
// rotation (Jobber). Tokens live in memory; refreshes are serialised so two reads never spend the
// same rotating refresh token.
import { rememberSecrets } from '../../src/domain/scrub-secrets';
import { SentinelError } from '../../src/domain/errors';
import type { HttpClient } from './http-client';

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch. */
  expiresAt?: number;
}

export interface TokenKeeper {
  /** A token valid for at least the early-refresh margin. */
  accessToken(): Promise<string>;
  /** Forces a new token (after a 401); false when there is no way to get one. */
  renew(): Promise<boolean>;
  current(): TokenSet | undefined;
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

export interface ClientCredentialsOptions {
  http: HttpClient;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Refresh this long before expiry (default 60 s). */
  earlyMs?: number;
  now?: () => number;
}

export function clientCredentials(opts: ClientCredentialsOptions): TokenKeeper {
  const now = opts.now ?? Date.now;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: opts.clientId,
    client_secret: opts.clientSecret,
  }).toString();
  return keeper(opts.earlyMs ?? 60_000, now, undefined, async () => {
    const res = await opts.http.json<TokenResponse>(opts.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return toTokenSet(opts.http.connector, res.body, now(), undefined);
  });
}

export interface RefreshTokenOptions {
  http: HttpClient;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  initial: TokenSet;
  /** Called with every new set, so a rotated refresh token can be persisted before it is needed. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  earlyMs?: number;
  now?: () => number;
}

export function refreshTokens(opts: RefreshTokenOptions): TokenKeeper {
  const now = opts.now ?? Date.now;
  return keeper(opts.earlyMs ?? 60_000, now, opts.initial, async (previous) => {
    const refresh = previous?.refreshToken ?? opts.initial.refreshToken;
    if (!refresh)
      throw new SentinelError(
        `upstream.${opts.http.connector}.auth`,
        'auth',
        `${opts.http.connector}: the access token expired and there is no refresh token — reconnect the app`,
      );
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
    }).toString();
    const res = await opts.http.json<TokenResponse>(opts.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    // Rotation off: the old refresh token stays good, and the answer may not repeat it.
    const set = toTokenSet(opts.http.connector, res.body, now(), refresh);
    await opts.onTokens?.(set);
    return set;
  });
}

function keeper(
  earlyMs: number,
  now: () => number,
  initial: TokenSet | undefined,
  fetchNew: (previous: TokenSet | undefined) => Promise<TokenSet>,
): TokenKeeper {
  let tokens = initial;
  let inFlight: Promise<TokenSet> | undefined;
  const renewOnce = () => {
    inFlight ??= fetchNew(tokens).then(
      (t) => {
        tokens = t;
        inFlight = undefined;
        return t;
      },
      (err: unknown) => {
        inFlight = undefined;
        throw err;
      },
    );
    return inFlight;
  };
  return {
    async accessToken() {
      if (tokens && (tokens.expiresAt === undefined || tokens.expiresAt - earlyMs > now())) return tokens.accessToken;
      return (await renewOnce()).accessToken;
    },
    async renew() {
      await renewOnce();
      return true;
    },
    current: () => tokens,
  };
}

function toTokenSet(connector: string, body: TokenResponse, at: number, keptRefresh: string | undefined): TokenSet {
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new SentinelError(
      `upstream.${connector}.token`,
      'malformed',
      `${connector}: the token endpoint answered without an access_token — check the token URL`,
    );
  }
  const refreshToken = body.refresh_token ?? keptRefresh;
  // Issued tokens are credentials too: a vendor echoing one back in an error must not show it.
  rememberSecrets([body.access_token, refreshToken]);
  return {
    accessToken: body.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    ...(typeof body.expires_in === 'number'
      ? { expiresAt: at + body.expires_in * 1000 }
      : jwtExpiry(body.access_token) !== undefined
        ? { expiresAt: jwtExpiry(body.access_token)! }
        : {}),
  };
}

/** Jobber sends no `expires_in`: the access token is a JWT whose `exp` says when it lapses. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
