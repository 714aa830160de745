// Which config file a command reads, and the one rule for paths written in it: a relative path is
// relative to the config file's folder, whichever folder the command is started from. Every command
// (run, serve, rules check, teams package, sources test) finds its files through here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema';
import { loadConfigFile } from '../config/parse';
import type { ParseError } from '../config/parse-error';
import type { Env } from './env';
import { DEFAULT_RULES } from './paths';

export const CONFIG_FILE = 'sync-sentinel.yaml';

/** SYNC_SENTINEL_CONFIG, else sync-sentinel.yaml in the working folder, else none (the demo runs). */
export function findConfigFile(env: Pick<Env, 'configPath'>, cwd = process.cwd()): string | undefined {
  if (env.configPath) return env.configPath;
  const here = path.resolve(cwd, CONFIG_FILE);
  return existsSync(here) ? here : undefined;
}

export type LoadedConfig = { ok: true; config: Config; file: string; baseDir: string } | { ok: false; errors: ParseError[] };

export async function loadConfigAt(file: string): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(file);
  return loaded.ok ? { ok: true, config: loaded.value, file, baseDir: path.dirname(file) } : loaded;
}

/** A path as written in the config (relative or absolute) → the file it means. */
export function fromConfig(baseDir: string, written: string): string {
  return path.resolve(baseDir, written);
}

/** The rules files a config runs with, as absolute paths. */
export function rulePathsOf(config: Pick<Config, 'rules'>, baseDir: string): string[] {
  return config.rules.map((r) => fromConfig(baseDir, r));
}

/**
 * What `rules check` checks: the files named on the command line (relative to where it is run), else
 * the rules the config runs with (the same files `run` loads), else the bundled rules.
 */
export async function rulesToCheck(
  named: readonly string[],
  env: Pick<Env, 'configPath'>,
): Promise<{ ok: true; paths: string[] } | { ok: false; errors: ParseError[] }> {
  if (named.length > 0) return { ok: true, paths: named.map((f) => path.resolve(f)) };
  const file = findConfigFile(env);
  if (!file) return { ok: true, paths: [DEFAULT_RULES] };
  const loaded = await loadConfigAt(file);
  return loaded.ok ? { ok: true, paths: rulePathsOf(loaded.config, loaded.baseDir) } : loaded;
}
