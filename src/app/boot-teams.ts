// Teams in the composition root: built only when a Teams channel is configured, so the demo and
// console-only runs never load botbuilder.
import type { Config } from '../config/schema';
import type { Logger } from '../ports/logger';
import type { SqliteStore } from '../../adapters/storage/sqlite-store';
import type { TeamsRuntime } from '../../adapters/teams/teams-runtime';
import type { Env } from './env';

export async function bootTeams(config: Config, env: Env, store: SqliteStore, log: Logger): Promise<TeamsRuntime | null> {
  if (!config.channels.some((c) => c.type === 'teams')) return null;
  const [{ createTeamsRuntime }, { createTeamsStore }, { createChannelHealthStore }] = await Promise.all([
    import('../../adapters/teams/teams-runtime'),
    import('../../adapters/storage/teams-store'),
    import('../../adapters/storage/channel-health-store'),
  ]);
  return createTeamsRuntime({ config, credentials: env.teams, store, conversations: createTeamsStore(store.db, store.path), health: createChannelHealthStore(store.db), log });
}
