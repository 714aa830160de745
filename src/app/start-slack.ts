// `serve` with Slack configured: starts the Bolt app (Socket Mode unless the first Slack channel
// says `receiver: http`) and refreshes App Home after every poll.
import { createSlackApp, type SlackApp } from '../../adapters/slack/slack-app';
import { createSlackInteractions } from '../../adapters/slack/interactions';
import type { Booted } from './boot';
import type { Env } from './env';
import type { Service } from './service';

export interface RunningSlack {
  app: SlackApp;
  /** The service, with App Home refreshed after each poll. */
  service: Service;
  port?: number;
  stop(): Promise<void>;
}

export async function startSlack(booted: Booted, service: Service, env: Env, opts: { host?: string } = {}): Promise<RunningSlack | null> {
  if (!booted.slack) return null;
  const first = booted.slack.channels[0]!;
  const app = createSlackApp({
    mode: first.receiver,
    botToken: env.slack.botToken ?? '',
    ...(env.slack.appToken ? { appToken: env.slack.appToken } : {}),
    ...(env.slack.signingSecret ? { signingSecret: env.slack.signingSecret } : {}),
    ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
    port: first.port,
    host: opts.host ?? first.host,
    interactions: createSlackInteractions({
      config: booted.config,
      store: booted.store,
      health: booted.health,
      command: (ref, action, actor) => service.command(ref, action, actor),
      retryHeld: (name) => service.retryHeld(name),
    }),
    log: booted.log,
  });
  const started = await app.start();
  booted.log.info({ mode: first.receiver, ...(started.port ? { port: started.port } : {}) }, 'Slack app connected');
  const watched: Service = {
    ...service,
    async runOnce() {
      const result = await service.runOnce();
      await app.refreshHomes().catch((err: Error) => booted.log.warn({}, `App Home not refreshed: ${err.message}`));
      return result;
    },
  };
  return { app, service: watched, ...(started.port ? { port: started.port } : {}), stop: () => app.stop() };
}
