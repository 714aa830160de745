// Teams in the composition root: built only when a Teams channel is configured, so the demo and
// console-only runs never load botbuilder.
import type { Config } from '../config/schema';
import type { Logger } from '../ports/logger';
import type { SqliteStore } from '../../adapters/storage/sqlite-store';
import type { TeamsRuntime } from '../../adapters/teams/teams-runtime';
import type { Env } from './env';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/** What an in-process test may put in place of the real Microsoft login (MSAL's network). */
export interface TeamsSeams {
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export async function wireTeams(
  config: Config,
  env: Env,
  store: SqliteStore,
  log: Logger,
  seams: TeamsSeams = {},
): Promise<TeamsRuntime | null> {
  if (!config.channels.some((c) => c.type === 'teams')) return null;
  const [{ createTeamsRuntime }, { createTeamsStore }, { createChannelHealthStore }] = await Promise.all([
    import('../../adapters/teams/teams-runtime'),
    import('../../adapters/storage/teams-store'),
    import('../../adapters/storage/channel-health-store'),
  ]);
  return createTeamsRuntime({
    config,
    credentials: env.teams,
    ...(env.teams.graphUrl ? { graphUrl: env.teams.graphUrl } : {}),
    ...(seams.credentialsFactory ? { credentialsFactory: seams.credentialsFactory } : {}),
    store,
    conversations: createTeamsStore(store.db, store.path),
    health: createChannelHealthStore(store.db),
    log,
  });
}
