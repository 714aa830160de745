// The weekly digest lands once in a Teams channel even when Teams started the thread (or posted a
// reply) but its answer never reached the bot: the retry looks for the marked cards through
// Microsoft Graph, and otherwise continues from what the last attempt recorded.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../../adapters/storage/digest-store';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { graphTokenSource } from '../../../adapters/teams/botbuilder/auth';
import { createChannelMessageReader } from '../../../adapters/teams/graph/channel-messages';
import { createTeamsDigestSender } from '../../../adapters/teams/digest-sender';
import { computeSnapshot } from '../../../src/digest/compute-snapshot';
import { renderDigestCard } from '../../../adapters/teams/cards/digest-card';
import { renderTrendChart } from '../../../src/digest/render-chart';
import { sendDigest, viewWithHistory, type PreparedDigest } from '../../../src/digest/run-digest';
import type { DigestSnapshot } from '../../../src/digest/snapshot';
import type { DigestStorePort } from '../../../src/ports/digest-store';
import type { Logger } from '../../../src/ports/logger';
import { COMPANY, ZONE } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { weekInput, WEEK12 } from '../../digest/history';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { aSigningKey, channelToken, credentialsViaFake } from '../../fakes/teams/bot-framework-identity';
import { startFaultProxy, type FaultProxy, type ProxiedRequest, type ProxyFault } from '../../proof/support/fault-proxy';
import { installedInTeam, OPS, TENANT } from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

const APP_ID = '0c0c0c0c-1111-4222-8333-444444444444';
const SECRET = 'test-client-secret';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
/** Enough branches that the rest of the list takes at least two replies. */
const manyBranches = (s: DigestSnapshot): DigestSnapshot => ({
  ...s,
  moneyAtRisk: {
    ...s.moneyAtRisk,
    byLocation: Array.from({ length: 300 }, (_, i) => ({
      location: `Branch ${i + 1} ${'North Territory '.repeat(4)}`,
      cents: 1_000_000 - i,
    })),
  },
});

let world: TeamsWorld | undefined;
let proxy: FaultProxy | undefined;
const stores: SqliteStore[] = [];
afterEach(async () => {
  await world?.close();
  await proxy?.close();
  for (const s of stores.splice(0)) await s.close();
  world = undefined;
  proxy = undefined;
});

const openStore = (): DigestStorePort => {
  const store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-once-teams-')), 'sentinel.db'));
  stores.push(store);
  return openDigestStore(store);
};

const snapshot = manyBranches(computeSnapshot(weekInput(12)));
const view = viewWithHistory('Summit Comfort Services', ZONE, snapshot, [], WEEK12);
const prepared: PreparedDigest = { snapshot, view, chart: renderTrendChart(view) };
const rendered = renderDigestCard(view);

/**
 * A production-mode bot (app id, secret, tenant; keys, login and Graph on the fake), installed
 * through a proxy that applies `fault` to the connector calls it picks, and its digest sender.
 * With `graph` false the sender has no reader, as in anonymous mode.
 */
async function lossyDigest(fault: (req: ProxiedRequest) => ProxyFault | null, opts: { graph?: boolean } = {}) {
  const fake = await new BotConnectorFake().start();
  proxy = await startFaultProxy({ target: fake.url, decide: fault });
  const key = aSigningKey('bf-key-digest');
  fake.publishKeys({ keys: [key.jwk] });
  const credentials = { appId: APP_ID, password: SECRET, tenantId: TENANT };
  const credentialsFactory = credentialsViaFake(fake, APP_ID, SECRET, TENANT);
  world = await teamsWorld([aRule('missing', { id: 'missing-invoice' })], {
    fake,
    credentials,
    endpoints: { openIdMetadataUrl: fake.openIdMetadataUrl },
    credentialsFactory,
  });
  const serviceUrl = `${proxy.url}/`;
  const res = await world.send(installedInTeam(serviceUrl), channelToken(key, { aud: APP_ID, serviceurl: serviceUrl }));
  if (res.status >= 300) throw new Error(`install answered ${res.status}`);
  const token = graphTokenSource(credentials, fake.url, credentialsFactory)!;
  const reader = opts.graph === false ? undefined : createChannelMessageReader({ graphUrl: fake.url, token });
  const sender = createTeamsDigestSender({
    name: 'ops',
    channelId: OPS,
    companyId: COMPANY,
    transport: world.transport,
    conversations: world.conversations,
    ...(reader ? { reader } : {}),
    log: quiet,
  });
  return {
    fake,
    sender,
    send: (digests: DigestStorePort) => sendDigest(prepared, [sender], digests, { force: false, now: () => WEEK12, log: quiet }),
  };
}

const isNewThread = (req: ProxiedRequest) => req.method === 'POST' && /\/v3\/conversations\/?$/.test(req.path);
const isReply = (req: ProxiedRequest) => req.method === 'POST' && /\/activities(\/[^/]+)?$/.test(req.path);
const nth = (match: (req: ProxiedRequest) => boolean, n: number, fault: ProxyFault) => {
  let seen = 0;
  return (req: ProxiedRequest): ProxyFault | null => (match(req) && ++seen === n ? fault : null);
};

/** What a person sees: the digest threads, and the replies of the first, by their first line. */
function channelView(fake: BotConnectorFake) {
  const threads = fake.threadsIn(OPS);
  const root = threads[0];
  return {
    threads: threads.length,
    replies: root ? fake.repliesIn(`${OPS};messageid=${root.id}`).map((m) => cardLines(cardOf(m.activity))[0]) : [],
  };
}
const expectedReplies = rendered.thread.map((c) => cardLines(c as never)[0]);

describe('the weekly digest in Teams, retried after a failure', () => {
  it('whose thread Teams started but the answer was lost: the retry finds it through Graph, one digest with its replies', async () => {
    expect(rendered.thread.length).toBeGreaterThanOrEqual(2);
    const t = await lossyDigest(nth(isNewThread, 1, { kind: 'lost' }));
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ channel: 'ops', status: 'failed' })]);
    expect(t.fake.threadsIn(OPS)).toHaveLength(1); // Teams did start it

    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
    expect(t.fake.graphCalls().length).toBeGreaterThan(0);
    const root = t.fake.threadsIn(OPS)[0]!;
    expect(JSON.stringify(cardOf(root.activity))).toContain(`"id":"sync-sentinel-digest-${COMPANY}-2026-W14"`);
    expect(JSON.stringify(cardOf(t.fake.repliesIn(`${OPS};messageid=${root.id}`)[1]!.activity))).toContain(
      `"id":"sync-sentinel-digest-${COMPANY}-2026-W14-reply-2"`,
    );
  });

  it('whose second reply failed: the retry posts only that reply, none twice', async () => {
    const t = await lossyDigest(nth(isReply, 2, { kind: 'reset' }));
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(channelView(t.fake).replies).toHaveLength(1);

    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
  });

  it('whose reply Teams posted but the answer was lost: the retry finds it by its marker and posts the rest', async () => {
    const t = await lossyDigest(nth(isReply, 1, { kind: 'lost' }));
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
  });

  it('whose process stopped after starting the thread (nothing recorded): a new process finds the digest and finishes it', async () => {
    const t = await lossyDigest(nth(isReply, 1, { kind: 'reset' }));
    expect(await t.send(openStore())).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await t.send(openStore())).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
  });

  it('whose root card was deleted by hand before the retry: the retry starts a new thread with the whole digest', async () => {
    const t = await lossyDigest(nth(isReply, 2, { kind: 'reset' }));
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    const first = t.fake.threadsIn(OPS)[0]!;
    t.fake.messages.splice(t.fake.messages.indexOf(first), 1);

    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    const roots = t.fake.threadsIn(OPS);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.id).not.toBe(first.id);
    expect(cardLines(cardOf(roots[0]!.activity))[0]).toBe('Weekly sync digest · Summit Comfort Services · 2026-W14');
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
  });

  it('whose root card was deleted by hand, without a Graph reader (anonymous mode): the connector says so and the digest is posted again', async () => {
    const t = await lossyDigest(nth(isReply, 1, { kind: 'reset' }), { graph: false });
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    const first = t.fake.threadsIn(OPS)[0]!;
    t.fake.messages.splice(t.fake.messages.indexOf(first), 1);

    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(t.fake.threadsIn(OPS).map((m) => m.id)).not.toContain(first.id);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
    expect(t.fake.graphCalls()).toEqual([]);
  });

  it('without a Graph reader (anonymous mode) still continues its own recorded digest after a failed reply', async () => {
    const t = await lossyDigest(nth(isReply, 2, { kind: 'reset' }), { graph: false });
    const digests = openStore();
    expect(await t.send(digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await t.send(digests)).toEqual([{ channel: 'ops', status: 'sent' }]);
    expect(channelView(t.fake)).toEqual({ threads: 1, replies: expectedReplies });
    expect(t.fake.graphCalls()).toEqual([]);
  });
});
