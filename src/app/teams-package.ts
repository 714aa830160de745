// `sync-sentinel teams package`: reads the config's Teams app settings and writes the zip. Teams
// shows the company's website, privacy and terms pages in the app's store entry, so those three are
// required here, blamed at the Teams channel in the config when they are missing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configErrorOf } from '../config/parse-error';
import { readYaml } from '../config/read-yaml';
import { TEAMS_APP_URLS, type PackagedTeamsApp, type TeamsAppConfig } from '../config/schema-teams';
import { buildTeamsPackage } from '../../adapters/teams/package/build-package';
import { readTeamsEnv } from '../../adapters/teams/env';
import { ConfigError } from '../domain/errors';
import { findConfigFile, loadConfigAt } from './config-file';
import type { Env } from './env';

const EXAMPLE = {
  website_url: 'https://acme.example/sync',
  privacy_url: 'https://acme.example/privacy',
  terms_url: 'https://acme.example/terms',
};

export async function writeTeamsPackage(env: Env, out: string): Promise<string> {
  const configPath = findConfigFile(env);
  if (!configPath) {
    throw new ConfigError(
      'No sync-sentinel.yaml here (nor SYNC_SENTINEL_CONFIG): the package is built from the Teams channel in the config. Add a channel with type: teams and ' +
        `its app's ${TEAMS_APP_URLS.join(', ')} (see the README's Microsoft Teams section), then run this again.`,
    );
  }
  const loaded = await loadConfigAt(configPath);
  if (!loaded.ok) throw configErrorOf(loaded.errors);
  const index = loaded.config.channels.findIndex((c) => c.type === 'teams');
  const teams = loaded.config.channels[index];
  if (!teams || teams.type !== 'teams')
    throw new ConfigError(
      `${configPath} has no Teams channel: add one under channels (type: teams, name, channel_id) before packaging the app.`,
      { file: configPath, setting: 'channels' },
    );
  const teamsEnv = readTeamsEnv(env.vars ?? {}, env.cwd ?? process.cwd());
  const app = withPages(teams.app, configPath, index);
  const { zip } = buildTeamsPackage({ app, appId: teamsEnv.appId, baseDir: loaded.baseDir });
  const file = path.resolve(out);
  writeFileSync(file, zip);
  return `Wrote ${file} (${zip.length.toLocaleString('en-US')} bytes): manifest ${app.version} for "${app.short_name}", bot ${teamsEnv.appId}. Upload it in Teams → Apps → Manage your apps → Upload an app, then add it to the team that holds your alert channels.`;
}

function withPages(app: TeamsAppConfig, configPath: string, index: number): PackagedTeamsApp {
  const missing = TEAMS_APP_URLS.filter((k) => !app[k]);
  if (missing.length === 0) return app as PackagedTeamsApp;
  const read = readYaml(readFileSync(configPath, 'utf8'), configPath);
  const at = read.ok ? read.locate(['channels', index, 'app']) : { line: 1, col: 1 };
  const names = missing.map((k) => `app.${k}`);
  throw configErrorOf([
    {
      file: configPath,
      ...at,
      message: `the Teams app package needs ${names.join(', ')} (channels[${index}]): Teams links them from the app's store entry`,
      hint: `add ${missing.map((k) => `${k}: ${EXAMPLE[k]}`).join(', ')} under app: — your company's own https:// pages`,
    },
  ]);
}
