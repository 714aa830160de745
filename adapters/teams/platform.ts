// Teams as a chat platform: one bot shared by every Teams channel, built only when a Teams channel is
// configured, so the demo and console-only runs never load botbuilder. Its endpoint listens in `serve`.
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { ConfigError } from '../../src/domain/errors';
import type { TeamsChannelConfig } from '../../src/config/schema-teams';
import type { ChatPlatform } from '../../src/ports/chat-platform';
import { readTeamsEnv } from './env';

/** What an in-process test may put in place of the real Microsoft login (MSAL's network): `seams.teams`. */
export interface TeamsSeams {
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export const teamsPlatform: ChatPlatform<TeamsChannelConfig> = {
  type: 'teams',
  label: 'Teams',
  secrets: (vars) => [readTeamsEnv(vars, '.').password],
  async open(host) {
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
    return {
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
        // One endpoint per deployment; routing its commands across companies is not built yet.
        if (others.length > 0)
          host.log.warn(
            { company: host.config.company.id, others: others.length },
            'Teams commands and buttons answer for this company only; other companies are reached from the CLI with --company',
          );
        runtime.attach(service);
        await runtime.listen();
        return {};
      },
      close: () => runtime.close(),
    };
  },
};
