// Bot Framework's identity side, faked: a signing key published as a JWK (with the `endorsements`
// Bot Framework adds), tokens the "channel" signs for inbound activities, and an MSAL network module
// that sends the bot's client-credentials request to the fake's token endpoint instead of Entra ID.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotConnectorFake } from './bot-connector-fake';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function aSigningKey(kid: string, endorsements = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements },
  };
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An RS256 JWT as the Bot Connector service sends in `Authorization: Bearer …`. */
export function channelToken(
  key: SigningKey,
  claims: { aud: string; serviceurl: string; iss?: string; expiresInSeconds?: number },
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: claims.iss ?? 'https://api.botframework.com',
    aud: claims.aud,
    serviceurl: claims.serviceurl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.expiresInSeconds ?? 3600),
  };
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${b64(payload)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key.privateKey).toString('base64url')}`;
}

const LOGIN_HOST = 'login.fake-entra.test';

/**
 * botbuilder's own MSAL credential factory, with MSAL's network module pointed at the fake: the
 * request MSAL builds (client id, secret, scope) really goes out and its token comes back.
 */
export function credentialsViaFake(
  fake: BotConnectorFake,
  appId: string,
  secret: string,
  tenantId: string,
): MsalServiceClientCredentialsFactory {
  const authority = `https://${LOGIN_HOST}/${tenantId}`;
  const networkClient: INetworkModule = {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => forward<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => forward<T>('POST', url, options),
  };
  async function forward<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const target = url.replace(`https://${LOGIN_HOST}`, fake.url);
    const res = await fetch(target, { method, headers: options?.headers ?? {}, ...(options?.body ? { body: options.body } : {}) });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { status: res.status, headers, body: (await res.json()) as T };
  }
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: appId,
      clientSecret: secret,
      authority,
      knownAuthorities: [LOGIN_HOST],
      authorityMetadata: JSON.stringify({
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        issuer: `${authority}/v2.0`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        jwks_uri: `${authority}/discovery/v2.0/keys`,
      }),
    },
    system: { networkClient },
  });
  return new MsalServiceClientCredentialsFactory(appId, app);
}
