// The real Slack app (Bolt over its HTTP receiver) wired to the real service, command layer and
// store, with the Slack Web API faked on loopback. An incident is opened by a poll first.
import { createSlackApp, type SlackApp } from '../../../adapters/slack/slack-app';
import { createSlackInteractions } from '../../../adapters/slack/interactions';
import { createService, type Service } from '../../../src/app/service';
import { configSchema, type ActionAllow, type Config } from '../../../src/config/schema';
import { guardChannel } from '../../../src/notify/guard-channel';
import { silentLogger } from '../../../src/ports/logger';
import type { Rule } from '../../../src/rules/schema';
import { COMPANY, ZONE } from '../../builders/incidents';
import { OPS, slackWorld, type SlackWorld } from './harness';
import { SECRET, signedPost } from './requests';

export interface AppWorld {
  world: SlackWorld;
  config: Config;
  service: Service;
  slack: SlackApp;
  post(body: string, opts?: { type?: string; secret?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function slackAppWorld(rules: Rule[], opts: { allow?: ActionAllow[]; now: Date }): Promise<AppWorld> {
  const world = await slackWorld(rules, {
    wrap: (channel, self, now) => guardChannel(channel, { health: self.health, channels: ['ops'], now, log: silentLogger }),
  });
  const config = configSchema.parse({
    company: { id: COMPANY, time_zone: ZONE },
    sources: [{ id: 'quickbooks', type: 'quickbooks' }],
    channels: [{ type: 'slack', name: 'ops', channel_id: OPS }],
    actions: { allow: opts.allow ?? [] },
  });
  const now = () => opts.now;
  const service = await createService({
    config,
    loadRules: async () => ({ ok: true, rules }),
    store: world.store,
    sources: [],
    channels: [world.channel],
    log: silentLogger,
    now,
  });
  const slack = createSlackApp({
    mode: 'http',
    botToken: world.fake.botToken,
    signingSecret: SECRET,
    apiUrl: world.fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    botId: 'B_BOT',
    botUserId: 'U_BOT',
    interactions: createSlackInteractions({
      config,
      store: world.store,
      health: world.health,
      command: (ref, action, actor) => service.command(ref, action, actor),
      retryHeld: (name) => service.retryHeld(name),
      now,
    }),
    log: silentLogger,
  });
  const { port } = await slack.start();
  return {
    world,
    config,
    service,
    slack,
    post: (body, o = {}) => signedPost(port!, body, o),
    async close() {
      await slack.stop();
      await world.close();
    },
  };
}
