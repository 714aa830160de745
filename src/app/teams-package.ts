// `sync-sentinel teams package`: reads the config's Teams app settings and writes the zip.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfigFile } from '../config/parse';
import { configErrorOf } from '../config/parse-error';
import { ConfigError } from '../domain/errors';
import { teamsChannelSchema, type TeamsAppConfig } from '../config/schema-teams';
import { buildTeamsPackage } from '../../adapters/teams/package/build-package';
import type { Env } from './env';

export async function writeTeamsPackage(env: Env, out: string): Promise<string> {
  const configPath = env.configPath ?? (existsSync('sync-sentinel.yaml') ? path.resolve('sync-sentinel.yaml') : undefined);
  let app: TeamsAppConfig;
  let baseDir = process.cwd();
  if (configPath) {
    const loaded = await loadConfigFile(configPath);
    if (!loaded.ok) throw configErrorOf(loaded.errors);
    const teams = loaded.value.channels.find((c) => c.type === 'teams');
    if (!teams) throw new ConfigError(`${configPath} has no Teams channel: add one under channels (type: teams, name, channel_id) before packaging the app.`, { file: configPath, setting: 'channels' });
    app = teams.app;
    baseDir = path.dirname(configPath);
  } else {
    // No config yet: the defaults make a package good enough to install and try.
    app = teamsChannelSchema.parse({ type: 'teams', name: 'teams', channel_id: '19:placeholder@thread.tacv2' }).app;
  }
  const { zip } = buildTeamsPackage({ app, appId: env.teams.appId, baseDir });
  const file = path.resolve(out);
  writeFileSync(file, zip);
  return `Wrote ${file} (${zip.length.toLocaleString('en-US')} bytes): manifest ${app.version} for "${app.short_name}", bot ${env.teams.appId}. Upload it in Teams → Apps → Manage your apps → Upload an app, then add it to the team that holds your alert channels.`;
}
