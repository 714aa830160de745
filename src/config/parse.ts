// The config file → the typed config, or every error in it: a pure parseConfig(text) and a thin
// loadConfigFile(path) beside it, as Alertmanager's Load and LoadFile.
import { configVocabulary } from './config-vocabulary';
import type { ParseResult } from './parse-error';
import { parseYaml } from './parse-yaml';
import { readTextFile } from './read-text-file';
import { configSchema, type Config } from './schema';

export function parseConfig(text: string, file: string): ParseResult<Config> {
  return parseYaml(text, file, configSchema, configVocabulary);
}

export async function loadConfigFile(path: string): Promise<ParseResult<Config>> {
  const read = await readTextFile(path);
  return read.ok ? parseConfig(read.text, path) : { ok: false, errors: [read.error] };
}
