import { afterEach, describe, expect, it } from 'vitest';
import { buildAuth } from '../../../adapters/teams/botbuilder/auth';
import { drainChannel } from '../../../src/notify/deliver';
import { NOW } from '../../builders/clock';
import { COMPANY } from '../../builders/incidents';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { aSigningKey, channelToken, credentialsViaFake } from '../../fakes/teams/bot-framework-identity';
import { BOT, installedInTeam, installedPersonally, mentionInChannel, OPS, TEAM, TENANT } from './activities';
import { teamsWorld, type TeamsWorld } from './harness';

const APP_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const SECRET = 'test-client-secret';
const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });

let world: TeamsWorld;
afterEach(async () => world?.close());

/** A production-mode bot: app id, secret and tenant; keys, login and connector all on the fake. */
async function productionWorld(appId = APP_ID) {
  const fake = await new BotConnectorFake().start();
  const key = aSigningKey('bf-key-1');
  fake.publishKeys({ keys: [key.jwk] });
  fake.requireToken = 'bot-access-token-from-entra';
  const w = await teamsWorld([rule], {
    fake,
    credentials: { appId, password: SECRET, tenantId: TENANT },
    endpoints: { openIdMetadataUrl: fake.openIdMetadataUrl },
    credentialsFactory: credentialsViaFake(fake, appId, SECRET, TENANT),
  });
  const token = (claims: Partial<{ aud: string; serviceurl: string; iss: string }> = {}, signer = key) =>
    channelToken(signer, { aud: appId, serviceurl: fake.serviceUrl, ...claims });
  return { w, fake, key, token };
}

describe('production-mode authentication', () => {
  it('accepts an activity signed by Bot Framework for this app', async () => {
    const { w, token } = await productionWorld();
    world = w;
    const res = await world.send(installedPersonally(world.fake.serviceUrl), token());
    expect(res.status).toBe(200);
    expect(await world.conversations.findConversation(COMPANY, 'a:1personal-chat-with-dana')).not.toBeNull();
  });

  it('refreshes the service URL of the whole team from any activity Bot Framework signed', async () => {
    // An app of its own: botbuilder caches tokens per app, and another test counts the token requests.
    const { w, token } = await productionWorld('0b0b0b0b-2222-4222-8333-444444444444');
    world = w;
    expect((await world.send(installedInTeam(world.fake.serviceUrl), token())).status).toBe(200);
    const moved = world.fake.serviceUrl.replace('127.0.0.1', 'localhost');
    expect((await world.send(mentionInChannel(moved, 'sync-status help', TEAM), token({ serviceurl: moved }))).status).toBe(200);
    const stored = await world.conversations.listConversations(COMPANY);
    expect(stored.length).toBeGreaterThan(0);
    for (const c of stored) expect(c.serviceUrl).toBe(moved);
  });

  it('refuses unsigned, forged, mis-addressed and replayed-elsewhere activities, and acts on none', async () => {
    const { w, token } = await productionWorld();
    world = w;
    const url = world.fake.serviceUrl;
    const attempts = {
      unsigned: await world.send(installedPersonally(url)),
      forged: await world.send(installedPersonally(url), token({}, aSigningKey('bf-key-1'))),
      otherApp: await world.send(installedPersonally(url), token({ aud: 'ffffffff-1111-4222-8333-444444444444' })),
      otherIssuer: await world.send(installedPersonally(url), token({ iss: 'https://evil.example' })),
      otherServiceUrl: await world.send(installedPersonally(url), token({ serviceurl: 'https://smba.trafficmanager.net/emea/' })),
    };
    for (const [name, res] of Object.entries(attempts)) expect([name, res.status]).toEqual([name, 401]);
    expect(await world.conversations.listConversations(COMPANY)).toEqual([]);
  });

  it('gets a token from the login endpoint with the app’s secret and sends it on every connector call', async () => {
    const { w, fake, token } = await productionWorld();
    world = w;
    expect((await world.send(installedInTeam(fake.serviceUrl), token())).status).toBe(200);
    await world.poll([aFinding()], NOW);
    await world.send(mentionInChannel(fake.serviceUrl, 'sync-status'), token());

    expect(fake.threadsIn(OPS)).toHaveLength(1);
    const api = fake.apiCalls();
    expect(api.map((c) => c.path.split(' ')[0])).toEqual(['GET', 'POST', 'POST']);
    for (const call of api) expect(call.authorization).toBe('Bearer bot-access-token-from-entra');
    expect(fake.tokenRequests[0]).toMatchObject({
      client_id: APP_ID,
      client_secret: SECRET,
      grant_type: 'client_credentials',
      scope: 'https://api.botframework.com/.default',
    });
  });
  it('keeps the alert and says which settings to check when Entra ID refuses the app’s secret', async () => {
    // An app of its own: botbuilder keeps tokens per app in a process-wide cache until they expire.
    const { w, fake } = await productionWorld('0b0b0b0b-9999-4222-8333-444444444444');
    world = w;
    // Refused from the start; the install was stored earlier.
    fake.fail({
      op: 'token',
      status: 401,
      body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] },
    });
    await world.conversations.saveConversation({
      companyId: COMPANY,
      conversationId: OPS,
      kind: 'channel',
      teamId: TEAM,
      serviceUrl: fake.serviceUrl,
      botId: BOT.id,
      tenantId: TENANT,
      status: 'active',
      updatedAt: NOW.toISOString(),
    });
    const seen: string[] = [];
    await world.poll([aFinding()], NOW, { deliver: false });
    await drainChannel(world.store, world.channel, { now: () => NOW, onError: (_item, message) => seen.push(message) });
    expect(fake.threadsIn(OPS)).toHaveLength(0);
    expect(await world.store.pendingDeliveryCount('ops')).toBe(1);
    expect(seen.join('\n')).toMatch(/could not get its token from Microsoft Entra ID.*check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD/);
    expect(seen.join('\n')).not.toContain(SECRET);

    fake.clearFaults();
    await world.deliver(new Date(NOW.getTime() + 60_000));
    expect(fake.threadsIn(OPS)).toHaveLength(1);
  });
});

describe('anonymous mode', () => {
  it('is what runs with no app id: no token is fetched or sent', async () => {
    world = await teamsWorld([rule]);
    expect(world.transport.authenticated).toBe(false);
    await world.install();
    await world.poll([aFinding()], NOW);
    expect(world.fake.tokenRequests).toEqual([]);
    for (const call of world.fake.apiCalls()) expect(call.authorization).toBeUndefined();
    expect(BOT.id).toMatch(/^28:/);
  });
});

describe('credentials from the environment', () => {
  it('says what is missing instead of starting half-configured', () => {
    expect(() => buildAuth({ appId: APP_ID, tenantId: TENANT })).toThrow(
      /MICROSOFT_APP_ID is set but no credential: set MICROSOFT_APP_PASSWORD/,
    );
    expect(() => buildAuth({ appId: APP_ID, password: SECRET, appType: 'SingleTenant' })).toThrow(/needs MICROSOFT_APP_TENANT_ID/);
    expect(() => buildAuth({ appId: APP_ID, password: SECRET, tenantId: TENANT, appType: 'UserAssignedMSI' })).toThrow(
      /UserAssignedMSI: a managed identity has no secret.*unset MICROSOFT_APP_PASSWORD/,
    );
    expect(() => buildAuth({ appId: APP_ID, password: SECRET, appType: 'Tenantless' })).toThrow(
      /use SingleTenant, MultiTenant or UserAssignedMSI/,
    );
    expect(() => buildAuth({ appId: APP_ID, certThumbprint: 'AB12', tenantId: TENANT })).toThrow(/MICROSOFT_APP_CERT_KEY_FILE/);
    expect(buildAuth({ appId: APP_ID, password: SECRET }).authenticated).toBe(true); // multi-tenant
    expect(buildAuth({}).authenticated).toBe(false);
  });
});
