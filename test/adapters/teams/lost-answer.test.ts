// A post Teams acted on while its answer never reached the bot (a dropped connection): the retry
// looks in the channel through Microsoft Graph for the card's marker before posting again.
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/ports/logger';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { aSigningKey, channelToken, credentialsViaFake } from '../../fakes/teams/bot-framework-identity';
import { startFaultProxy, type FaultProxy, type ProxiedRequest, type ProxyFault } from '../../proof/support/fault-proxy';
import { installedInTeam, OPS, TENANT } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

const APP_ID = '0c0c0c0c-1111-4222-8333-444444444444';
const SECRET = 'test-client-secret';
const rule = aRule('missing', {
  id: 'missing-invoice',
  title: 'Invoice missing from QuickBooks',
  impact: ['billing'],
  cause: 'item not mapped',
});
const first = aFinding({ key: 'invoice:1043', amountCents: 10_000 });
const second = aFinding({ key: 'invoice:1044', amountCents: 20_000 });
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);
/** Past the first retry's backoff (5 s). */
const later = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

let world: TeamsWorld | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await world?.close();
  await proxy?.close();
  world = undefined;
  proxy = undefined;
});

/**
 * A production-mode bot whose connector traffic goes through a proxy that loses the answer to the
 * calls `lose` picks (Teams acts, the bot hears nothing); Graph is read on the fake directly.
 */
async function lossyWorld(lose: (req: ProxiedRequest) => boolean, warnings: string[] = []) {
  const fake = await new BotConnectorFake(() => clockOf()).start();
  let clock = NOW;
  const clockOf = () => clock;
  proxy = await startFaultProxy({ target: fake.url, decide: (req): ProxyFault | null => (lose(req) ? { kind: 'lost' } : null) });
  world = await productionWorld(fake, proxy, { info() {}, error() {}, warn: (_o, msg) => warnings.push(msg) });
  const w = world;
  return {
    fake,
    world: w,
    async poll(findings: Parameters<TeamsWorld['poll']>[0], now: Date, opts?: { deliver?: boolean }) {
      clock = now;
      await w.poll(findings, now, opts);
    },
    async deliver(now: Date) {
      clock = now;
      await w.deliver(now);
    },
  };
}

/** A production-mode bot (app id, secret, tenant; keys and login on the fake), installed through the proxy. */
async function productionWorld(fake: BotConnectorFake, via: FaultProxy, log?: Logger): Promise<TeamsWorld> {
  const key = aSigningKey('bf-key-lost');
  fake.publishKeys({ keys: [key.jwk] });
  const w = await teamsWorld([rule], {
    fake,
    credentials: { appId: APP_ID, password: SECRET, tenantId: TENANT },
    endpoints: { openIdMetadataUrl: fake.openIdMetadataUrl },
    credentialsFactory: credentialsViaFake(fake, APP_ID, SECRET, TENANT),
    ...(log ? { log } : {}),
  });
  const serviceUrl = `${via.url}/`;
  const res = await w.send(installedInTeam(serviceUrl), channelToken(key, { aud: APP_ID, serviceurl: serviceUrl }));
  if (res.status >= 300) throw new Error(`install answered ${res.status}`);
  return w;
}

const isNewThread = (req: ProxiedRequest) => req.method === 'POST' && /\/v3\/conversations\/?$/.test(req.path);
const isReply = (req: ProxiedRequest) => req.method === 'POST' && /\/activities(\/[^/]+)?$/.test(req.path);

describe('a Teams post whose answer was lost', () => {
  it('is found in the channel through Graph and not posted again: one thread, and the next reply goes into it', async () => {
    let lost = 0;
    const t = await lossyWorld((req) => isNewThread(req) && lost++ === 0);
    await t.poll([first], at(0));
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(1);
    expect(t.fake.threadsIn(OPS)).toHaveLength(1); // Teams did create it

    await t.deliver(later(at(0), 10));
    await t.poll([first, second], at(1));

    const threads = t.fake.threadsIn(OPS);
    expect(threads).toHaveLength(1);
    expect(t.fake.graphCalls().length).toBeGreaterThan(0);
    expect(t.fake.repliesIn(threads[0]!.conversationId).map((m) => cardLines(cardOf(m.activity))[0])).toEqual(['1 new record']);
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('is found for a thread reply too: the reply shows once', async () => {
    let lost = 0;
    const t = await lossyWorld((req) => isReply(req) && lost++ === 0);
    await t.poll([first], at(0));
    await t.poll([first, second], at(1));
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(1);

    await t.deliver(later(at(1), 10));
    const root = t.fake.threadsIn(OPS)[0]!;
    expect(t.fake.repliesIn(root.conversationId).map((m) => cardLines(cardOf(m.activity))[0])).toEqual(['1 new record']);
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('posts when the first attempt never reached Teams (nothing to find)', async () => {
    let dropped = 0;
    const fake = await new BotConnectorFake().start();
    proxy = await startFaultProxy({ target: fake.url, decide: (req) => (isNewThread(req) && dropped++ === 0 ? { kind: 'reset' } : null) });
    world = await productionWorld(fake, proxy);
    await world.poll([first], NOW);
    expect(fake.threadsIn(OPS)).toHaveLength(0);
    await world.deliver(later(NOW, 10));
    expect(fake.threadsIn(OPS)).toHaveLength(1);
    expect(fake.graphCalls().length).toBeGreaterThan(0);
  });

  it('waits while Graph is unavailable rather than risk a second copy, then finds the first', async () => {
    let lost = 0;
    const t = await lossyWorld((req) => isNewThread(req) && lost++ === 0);
    await t.poll([first], at(0));
    t.fake.fail({ op: 'graphListMessages', status: 503, times: 1 });
    await t.deliver(later(at(0), 10));
    expect(t.fake.threadsIn(OPS)).toHaveLength(1);
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(1);

    await t.deliver(later(at(0), 60));
    expect(t.fake.threadsIn(OPS)).toHaveLength(1);
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(0);
  });

  it('without the read permission, posts again rather than hold the alert, and says what to grant', async () => {
    let lost = 0;
    const warnings: string[] = [];
    const t = await lossyWorld((req) => isNewThread(req) && lost++ === 0, warnings);
    t.fake.graphConsent = false;
    await t.poll([first], at(0));
    await t.deliver(later(at(0), 10));
    expect(t.fake.threadsIn(OPS)).toHaveLength(2);
    expect(await t.world.store.pendingDeliveryCount('ops')).toBe(0);
    expect(warnings.join('\n')).toMatch(/ChannelMessage\.Read\.Group.*may appear twice/s);
  });
});
