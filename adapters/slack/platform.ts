// Slack as a chat platform: the Web API client and a pacer shared by every Slack channel, and in
// `serve` the Bolt app (Socket Mode unless the first Slack channel says `receiver: http`), with
// App Home refreshed after every poll.
import { ConfigError } from '../../src/domain/errors';
import type { SlackChannelConfig } from '../../src/config/schema-slack';
import type { ChatHost, ChatPlatform, ChatRuntime, ChatService } from '../../src/ports/chat-platform';
import type { createSlackInteractions as createSlackInteractionsType } from './interactions';
import { createSlackDigestSender, createSlackPortfolioSender } from './digest-sender';
import { createPacer } from './pacer';
import { createSlackChannel } from './slack-channel';
import { createWebClient } from './web-client';

type Vars = Readonly<Record<string, string | undefined>>;

/** SLACK_API_URL points the app at another Web API (a loopback fake in tests). */
export function readSlackEnv(vars: Vars): { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string } {
  const pick = (name: string) => vars[name] || undefined;
  return {
    botToken: pick('SLACK_BOT_TOKEN'),
    appToken: pick('SLACK_APP_TOKEN'),
    signingSecret: pick('SLACK_SIGNING_SECRET'),
    apiUrl: pick('SLACK_API_URL'),
  };
}

/** Each opened runtime's host: the runtime that serves a deployment routes to the other companies' hosts. */
const hostOf = new WeakMap<ChatRuntime, { host: ChatHost; entries: SlackChannelConfig[] }>();

function interactionsFor(host: ChatHost, service: ChatService, create: typeof createSlackInteractionsType) {
  return create({
    config: host.config,
    store: host.store,
    health: host.health,
    command: (ref, action, actor) => service.command(ref, action, actor),
    retryHeld: (name) => service.retryHeld(name),
  });
}

export const slackPlatform: ChatPlatform<SlackChannelConfig> = {
  type: 'slack',
  label: 'Slack',
  secrets(vars) {
    const env = readSlackEnv(vars);
    return [env.botToken, env.appToken, env.signingSecret];
  },
  async open(host, entries) {
    const env = readSlackEnv(host.vars);
    const first = entries[0]!;
    if (!env.botToken) {
      throw new ConfigError(
        `Channel "${first.name}" is a Slack channel, but SLACK_BOT_TOKEN is not set. Create the app from manifest.json (see README → Slack), install it, and set SLACK_BOT_TOKEN to its Bot User OAuth Token (xoxb-…).`,
        { setting: `channels[${host.config.channels.indexOf(first)}]` },
      );
    }
    const client = createWebClient({ botToken: env.botToken, log: host.log, ...(env.apiUrl ? { apiUrl: env.apiUrl } : {}) });
    const paceOf = new Map(entries.map((c) => [c.channel_id, c.pace_seconds * 1000]));
    const pacer = createPacer({ intervalMs: (channelId) => paceOf.get(channelId) ?? 1000 });
    const companyId = host.config.company.id;
    const runtime: ChatRuntime<SlackChannelConfig> = {
      channel: (entry) => createSlackChannel({ name: entry.name, channelId: entry.channel_id, client, pacer, now: host.now }),
      digestSender: (entry) => createSlackDigestSender({ name: entry.name, channelId: entry.channel_id, companyId, client }),
      portfolioSender: (entry) => createSlackPortfolioSender({ name: entry.name, channelId: entry.channel_id, client }),
      async serve(service, others = []) {
        // Bolt loads only when the service runs, not for `run` or `digest`.
        const [{ createSlackApp }, { createSlackInteractions }, { routeInteractions }, { glanceAt }] = await Promise.all([
          import('./slack-app'),
          import('./interactions'),
          import('./route-companies'),
          import('../../src/commands/status-glance'),
        ]);
        // One app (one Socket Mode connection or HTTP endpoint) for every company on this Slack workspace.
        const served = [
          { host, entries, service },
          ...others.flatMap((o) => {
            const known = hostOf.get(o.runtime);
            return known ? [{ ...known, service: o.service }] : [];
          }),
        ];
        const interactions =
          served.length === 1
            ? interactionsFor(host, service, createSlackInteractions)
            : routeInteractions(
                served.map((s) => ({
                  id: s.host.config.company.id,
                  channelIds: s.entries.map((e) => e.channel_id),
                  interactions: interactionsFor(s.host, s.service, createSlackInteractions),
                })),
                () =>
                  glanceAt(
                    served.map((s) => ({ config: s.host.config, store: s.host.store })),
                    host.now,
                  ),
              );
        const app = createSlackApp({
          mode: first.receiver,
          botToken: env.botToken ?? '',
          ...(env.appToken ? { appToken: env.appToken } : {}),
          ...(env.signingSecret ? { signingSecret: env.signingSecret } : {}),
          ...(env.apiUrl ? { apiUrl: env.apiUrl } : {}),
          port: first.port,
          host: first.host,
          interactions,
          log: host.log,
        });
        const started = await app.start();
        host.log.info({ mode: first.receiver, ...(started.port ? { port: started.port } : {}) }, 'Slack app connected');
        return {
          afterPoll: () => app.refreshHomes().catch((err: Error) => host.log.warn({}, `App Home not refreshed: ${err.message}`)),
          stop: () => app.stop(),
        };
      },
    };
    hostOf.set(runtime as ChatRuntime, { host, entries });
    return runtime;
  },
};
