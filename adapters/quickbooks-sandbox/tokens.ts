// The OAuth 2.0 token endpoint, as far as the bot uses it: refresh_token grants that issue a new
// access token and rotate the refresh token, so the old refresh token stops working.
import { randomBytes } from 'node:crypto';

export interface TokenReply {
  status: number;
  body: Record<string, unknown>;
}

/** Access tokens stay valid once issued (they expire after an hour in QuickBooks; tests run shorter). */
export class TokenBook {
  private readonly accessTokens = new Set<string>();
  private refreshToken: string | undefined;

  /** `refreshToken` undefined: the first refresh accepts any token, later ones only the rotated one. */
  constructor(accessToken: string, refreshToken?: string) {
    this.accessTokens.add(accessToken);
    this.refreshToken = refreshToken;
  }

  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    return match !== null && this.accessTokens.has(match[1] ?? '');
  }

  refresh(authorization: string | undefined, form: string): TokenReply {
    if (!hasClientCredentials(authorization)) return { status: 401, body: { error: 'invalid_client' } };
    const params = new URLSearchParams(form);
    if (params.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const presented = params.get('refresh_token');
    if (!presented || (this.refreshToken !== undefined && presented !== this.refreshToken)) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    const accessToken = `sandbox-at-${randomBytes(12).toString('hex')}`;
    this.refreshToken = `sandbox-rt-${randomBytes(12).toString('hex')}`;
    this.accessTokens.add(accessToken);
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        access_token: accessToken,
        expires_in: 3600,
        refresh_token: this.refreshToken,
        x_refresh_token_expires_in: 8_640_000,
      },
    };
  }
}

/** `Basic base64(client_id:client_secret)` with both parts present. */
function hasClientCredentials(authorization: string | undefined): boolean {
  const match = /^Basic (\S+)$/.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return Boolean(id) && Boolean(secret);
}
