// The I/O around parseRuleSet: turns the paths a config lists (files or folders) into texts.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParseError } from '../config/parse-error';
import { fileError, readTextFile } from '../config/read-text-file';
import { parseRuleSet, type RuleFileText, type RuleSetResult } from './parse';

const RULES_FILE = /\.ya?ml$/;

/** Reads and parses every rules file; a folder stands for its *.yaml and *.yml files, sorted by name. */
export async function loadRuleFiles(paths: readonly string[]): Promise<RuleSetResult & { files: string[] }> {
  const files: string[] = [];
  const errors: ParseError[] = [];
  for (const path of paths) {
    const expanded = await expand(path);
    if (expanded.ok) files.push(...expanded.files);
    else errors.push(expanded.error);
  }
  const texts: RuleFileText[] = [];
  for (const file of files) {
    const read = await readTextFile(file);
    if (read.ok) texts.push({ file, text: read.text });
    else errors.push(read.error);
  }
  const parsed = parseRuleSet(texts);
  if (errors.length > 0) return { ok: false, errors: [...errors, ...(parsed.ok ? [] : parsed.errors)], files };
  return { ...parsed, files };
}

async function expand(path: string): Promise<{ ok: true; files: string[] } | { ok: false; error: ParseError }> {
  try {
    if (!(await stat(path)).isDirectory()) return { ok: true, files: [path] };
    const names = (await readdir(path)).filter((name) => RULES_FILE.test(name)).sort();
    // An empty folder would silently run no rules at all; that is never what was meant.
    if (names.length === 0) {
      return {
        ok: false,
        error: {
          file: path,
          line: 1,
          col: 1,
          message: 'this folder has no .yaml or .yml files',
          hint: 'put the rules files in it, or name the files directly',
        },
      };
    }
    return { ok: true, files: names.map((name) => join(path, name)) };
  } catch (err) {
    return { ok: false, error: fileError(path, err) };
  }
}
