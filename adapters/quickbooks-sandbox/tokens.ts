// The OAuth 2.0 endpoints, as far as the bot uses them: an authorize page that approves at once and
// redirects with a code (the sandbox has no user to ask), the authorization-code exchange, and
// refresh_token grants that rotate the refresh token, so the old one stops working. Access tokens
// expire after `accessTtlSeconds`; tests can expire them at once.
import { randomBytes } from 'node:crypto';

export interface TokenReply {
  status: number;
  body: Record<string, unknown>;
}

export interface TokenBookOptions {
  accessToken: string;
  /** The refresh token the first refresh must present; any when omitted. */
  refreshToken?: string;
  accessTtlSeconds?: number;
  /** Seconds left before the refresh token's five-year limit, sent when the client asks for it. */
  hardExpiresInSeconds?: number;
  now?: () => number;
}

export class TokenBook {
  private readonly accessTokens = new Map<string, number>();
  private readonly codes = new Map<string, string>();
  private refreshToken: string | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** refresh_token grants answered with new tokens. */
  refreshes = 0;
  revoked = false;

  constructor(private readonly opts: TokenBookOptions) {
    this.now = opts.now ?? Date.now;
    this.ttlMs = (opts.accessTtlSeconds ?? 3600) * 1000;
    this.accessTokens.set(opts.accessToken, Number.MAX_SAFE_INTEGER);
    this.refreshToken = opts.refreshToken;
  }

  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    const expires = this.accessTokens.get(match?.[1] ?? '');
    return !this.revoked && expires !== undefined && expires > this.now();
  }

  /** Every access token issued so far stops working (as an hour passing would do). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  /** The user disconnected the app: every token stops working. */
  revoke(): void {
    this.revoked = true;
    this.refreshToken = `revoked-${randomBytes(6).toString('hex')}`;
  }

  /** The authorize page: approves and returns the redirect target with a one-time code. */
  authorize(params: URLSearchParams, realmId: string): { location: string } | TokenReply {
    const redirect = params.get('redirect_uri');
    if (!params.get('client_id') || !redirect) return { status: 400, body: { error: 'invalid_request' } };
    const code = `sandbox-code-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, redirect);
    const target = new URL(redirect);
    target.searchParams.set('code', code);
    target.searchParams.set('state', params.get('state') ?? '');
    target.searchParams.set('realmId', realmId);
    return { location: target.toString() };
  }

  token(authorization: string | undefined, form: string, headers: Record<string, string | string[] | undefined> = {}): TokenReply {
    if (!hasClientCredentials(authorization)) return { status: 401, body: { error: 'invalid_client' } };
    const params = new URLSearchParams(form);
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') {
      const code = params.get('code') ?? '';
      const redirect = this.codes.get(code);
      this.codes.delete(code);
      if (!redirect || redirect !== params.get('redirect_uri')) return { status: 400, body: { error: 'invalid_grant' } };
      this.revoked = false;
      return this.issue(headers);
    }
    if (grant !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const presented = params.get('refresh_token');
    if (!presented || (this.refreshToken !== undefined && presented !== this.refreshToken)) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    this.refreshes++;
    return this.issue(headers);
  }

  private issue(headers: Record<string, string | string[] | undefined>): TokenReply {
    const accessToken = `sandbox-at-${randomBytes(12).toString('hex')}`;
    this.refreshToken = `sandbox-rt-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, this.now() + this.ttlMs);
    const body: Record<string, unknown> = {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: Math.round(this.ttlMs / 1000),
      refresh_token: this.refreshToken,
      x_refresh_token_expires_in: 8_640_000,
    };
    if (headers['x-include-refresh-token-hard-expires-in'] === 'true') {
      body.x_refresh_token_hard_expires_in = this.opts.hardExpiresInSeconds ?? 5 * 365 * 86_400;
    }
    return { status: 200, body };
  }
}

/** `Basic base64(client_id:client_secret)` with both parts present. */
function hasClientCredentials(authorization: string | undefined): boolean {
  const match = /^Basic (\S+)$/.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return Boolean(id) && Boolean(secret);
}
