// In production mode (an app id configured) the Teams bot acts only on activities Bot Framework
// signed for this app. Expired, unsigned, self-signed, alg-none and mis-addressed tokens — on an
// install, a /sync-status message and a card button — are refused and change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { aSigningKey, channelToken, credentialsViaFake } from '../../fakes/teams/bot-framework-identity';
import { cardExecute, installedInTeam, mentionInChannel, OPS, TENANT } from '../../adapters/teams/activities';
import { teamsWorld, type TeamsWorld } from '../../adapters/teams/harness';

const APP_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

let world: TeamsWorld;
afterEach(async () => world?.close());

describe('Teams activities in production mode', () => {
  it('are refused unless Bot Framework signed them for this app, and refused ones change nothing', async () => {
    const fake = await new BotConnectorFake().start();
    const key = aSigningKey('bf-key-1');
    fake.publishKeys({ keys: [key.jwk] });
    fake.requireToken = 'bot-access-token-from-entra';
    world = await teamsWorld([rule], {
      fake,
      credentials: { appId: APP_ID, password: 'proof-secret', tenantId: TENANT },
      endpoints: { openIdMetadataUrl: fake.openIdMetadataUrl },
      credentialsFactory: credentialsViaFake(fake, APP_ID, 'proof-secret', TENANT),
    });
    const url = fake.serviceUrl;
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: url, nbf: now - 60, iat: now - 60, exp: now + 3600 };
    const tokens: Record<string, string | undefined> = {
      none: undefined,
      expired: channelToken(key, { aud: APP_ID, serviceurl: url, expiresInSeconds: -600 }),
      selfSigned: channelToken(aSigningKey('bf-key-1'), { aud: APP_ID, serviceurl: url }),
      unknownKey: channelToken(aSigningKey('someone-elses-key'), { aud: APP_ID, serviceurl: url }),
      algNone: `${b64({ alg: 'none', typ: 'JWT', kid: 'bf-key-1' })}.${b64(claims)}.`,
      otherApp: channelToken(key, { aud: 'ffffffff-1111-4222-8333-444444444444', serviceurl: url }),
      garbage: 'not.a.jwt',
    };
    const activities = {
      install: installedInTeam(url),
      status: mentionInChannel(url, 'sync-status'),
      button: cardExecute(url, `${OPS};messageid=1`, 'acknowledge', { incident: '1' }),
    };
    const statuses: string[] = [];
    for (const [tokenName, token] of Object.entries(tokens)) {
      for (const [activityName, activity] of Object.entries(activities)) {
        const res = await world.send(activity, token);
        statuses.push(`${activityName} with ${tokenName}: ${res.status}`);
      }
    }
    expect(statuses.filter((s) => !s.endsWith(': 401'))).toEqual([]);
    expect(await world.conversations.listConversations(COMPANY)).toEqual([]);
    expect(fake.apiCalls()).toEqual([]);
  });
});
