// Drives the product's own poll cycle from what a poll found (decideAndCommit: lifecycle, classifier, planner,
// one SQLite commit) and the delivery worker into the real Slack adapter, which talks to the fake Web API.
// One call = one poll.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configSchema } from '../../../src/config/schema';
import type { Finding } from '../../../src/domain/finding';
import { drainChannel, recoverInFlight } from '../../../src/notify/deliver';
import type { ChannelPort } from '../../../src/ports/channel';
import type { ChannelHealthStore } from '../../../src/ports/channel-health';
import type { Storage } from '../../../src/ports/storage';
import type { StorePort } from '../../../src/ports/store';
import type { Rule } from '../../../src/rules/schema';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { createPacer } from '../../../adapters/slack/pacer';
import { createSlackChannel } from '../../../adapters/slack/slack-channel';
import { createWebClient } from '../../../adapters/slack/web-client';
import { COMPANY, ZONE } from '../../builders/incidents';
import { pollFound } from '../../builders/poll';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';

export const OPS = 'C0OPS0001';

export interface SlackWorld {
  fake: SlackApiFake;
  store: StorePort;
  /** Channel problems, beside `store` as boot opens them. */
  health: ChannelHealthStore;
  channel: ChannelPort;
  others: ChannelPort[];
  /** Runs one poll that saw `findings` at `now`, then delivers. */
  poll(findings: Finding[], now: Date, opts?: { deliver?: boolean }): Promise<void>;
  deliver(now: Date): Promise<void>;
  /** A new process on the same database: recovery first, as the service does at start. */
  restart(now: Date): Promise<void>;
  close(): Promise<void>;
}

/** The Slack adapter on the fake, paced by the test's clock (no real waiting). */
export function slackChannelOn(fake: SlackApiFake, clock: () => Date = () => new Date(), channelId = OPS, name = 'ops'): ChannelPort {
  return createSlackChannel({
    name,
    channelId,
    client: createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 }),
    pacer: createPacer({ intervalMs: () => 0, now: () => clock().getTime() }),
    now: clock,
  });
}

export interface WorldOptions {
  fake?: SlackApiFake;
  /** More channels, drained after the Slack one; all are in the planner's channel list. */
  others?: ChannelPort[];
  /** Wraps the Slack channel (channel health). */
  wrap?: (channel: ChannelPort, world: SlackWorld, now: () => Date) => ChannelPort;
}

export async function slackWorld(rules: Rule[], opts: WorldOptions = {}): Promise<SlackWorld> {
  const fake = opts.fake ?? (await new SlackApiFake().start());
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-slack-')), 'sentinel.db');
  let clock = new Date();
  const now = () => clock;
  const config = configSchema.parse({
    company: { id: COMPANY, time_zone: ZONE },
    sources: [{ id: 'fieldpro', type: 'files', path: 'upstream' }],
    incidents: { resolve_after_clean_polls: 2 },
  });
  let storage: Storage = openSqliteStorage(file);
  const world: SlackWorld = {
    fake,
    store: storage.store,
    health: storage.health,
    channel: slackChannelOn(fake, now),
    others: opts.others ?? [],
    async poll(findings, now, o = {}) {
      clock = now;
      await pollFound({ config, rules, store: world.store, channels: ['ops', ...world.others.map((c) => c.name)] }, findings, now);
      if (o.deliver !== false) await world.deliver(now);
    },
    async deliver(at) {
      clock = at;
      await drainChannel(world.store, world.channel, { now });
      for (const c of world.others) await drainChannel(world.store, c, { now });
    },
    async restart(at) {
      clock = at;
      await storage.close();
      storage = openSqliteStorage(file);
      world.store = storage.store;
      world.health = storage.health;
      world.channel = wrap(slackChannelOn(fake, now));
      await recoverInFlight(world.store, world.channel, at);
    },
    async close() {
      await storage.close();
      await fake.stop();
    },
  };
  const wrap = (c: ChannelPort) => (opts.wrap ? opts.wrap(c, world, now) : c);
  world.channel = wrap(world.channel);
  return world;
}
