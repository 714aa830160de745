// Teams as a chat platform: one bot shared by every Teams channel, built only when a Teams channel is
// configured, so the demo and console-only runs never load botbuilder. Its endpoint listens in `serve`,
// once per deployment: with several companies it routes each activity to its company (route-companies.ts).
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { ConfigError } from '../../src/domain/errors';
import type { TeamsChannelConfig } from '../../src/config/schema-teams';
import type { ChatHost, ChatPlatform, ChatRuntime } from '../../src/ports/chat-platform';
import { readTeamsEnv } from './env';
import type { TeamsRuntime } from './teams-runtime';

/** What an in-process test may put in place of the real Microsoft login (MSAL's network): `seams.teams`. */
export interface TeamsSeams {
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** Each opened runtime's company: the runtime that serves a deployment routes to the other companies' bots. */
const opened = new WeakMap<ChatRuntime, { host: ChatHost; entries: TeamsChannelConfig[]; runtime: TeamsRuntime }>();

export const teamsPlatform: ChatPlatform<TeamsChannelConfig> = {
  type: 'teams',
  label: 'Teams',
  secrets: (vars) => [readTeamsEnv(vars, '.').password],
  async open(host, entries) {
    const env = readTeamsEnv(host.vars, host.cwd);
    const seams = (host.seams?.['teams'] ?? {}) as TeamsSeams;
    const { createTeamsRuntime } = await import('./teams-runtime');
    const runtime = createTeamsRuntime({
      config: host.config,
      credentials: env,
      ...(env.graphUrl ? { graphUrl: env.graphUrl } : {}),
      ...(seams.credentialsFactory ? { credentialsFactory: seams.credentialsFactory } : {}),
      store: host.store,
      conversations: host.conversations,
      health: host.health,
      log: host.log,
    });
    const chat: ChatRuntime<TeamsChannelConfig> = {
      channel(entry, setting) {
        const channel = runtime.channels.find((t) => t.name === entry.name);
        if (!channel)
          throw new ConfigError(`Channel "${entry.name}" is a Teams channel, but the Teams bot did not start for it.`, {
            setting: `${setting}.type`,
          });
        return channel;
      },
      digestSender: (entry) => runtime.digestSender(entry.name),
      portfolioSender: (entry) => runtime.portfolioSender(entry.name),
      async serve(service, others = []) {
        runtime.attach(service);
        const served = [
          { host, entries, runtime },
          ...others.flatMap((o) => {
            const known = opened.get(o.runtime);
            known?.runtime.attach(o.service);
            return known ? [known] : [];
          }),
        ];
        if (served.length > 1) {
          const [{ routeTeamsActivities }, { glanceAt }, { glanceCard }] = await Promise.all([
            import('./route-companies'),
            import('../../src/commands/status-glance'),
            import('./cards/portfolio-card'),
          ]);
          const glance = async () => {
            const view = await glanceAt(
              served.map((s) => ({ config: s.host.config, store: s.host.store })),
              host.now,
            );
            return { summary: `Sync health of ${view.totals.companies} companies`, card: glanceCard(view) };
          };
          runtime.route(
            routeTeamsActivities(
              served.map((s) => ({
                id: s.host.config.company.id,
                channelIds: s.entries.map((e) => e.channel_id),
                conversations: s.host.conversations,
                handler: s.runtime.bot,
              })),
              glance,
              host.log,
            ),
          );
        }
        await runtime.listen();
        return {};
      },
      close: () => runtime.close(),
    };
    opened.set(chat as ChatRuntime, { host, entries, runtime });
    return chat;
  },
};
