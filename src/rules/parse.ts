// Rules files → the typed rules the evaluator runs, or every error in them. Pure: the caller reads
// the files (see load-files.ts), so a running service can check new rules before swapping them in.
import { byPosition, type ParseError } from '../config/parse-error';
import { validate } from '../config/parse-yaml';
import { readYaml } from '../config/read-yaml';
import { findDuplicateIds } from './duplicate-ids';
import { rulesFileSchema, type Rule } from './schema';
import { rulesVocabulary } from './vocabulary';

export interface RuleFileText {
  file: string;
  text: string;
}

export type RuleSetResult = { ok: true; rules: Rule[] } | { ok: false; errors: ParseError[] };

/** One rules file. */
export function parseRules(text: string, file: string): RuleSetResult {
  return parseRuleSet([{ file, text }]);
}

/** Several rules files as one set: rules in file order; errors grouped by file, each file top to bottom. */
export function parseRuleSet(files: readonly RuleFileText[]): RuleSetResult {
  const rules: Rule[] = [];
  const errors: ParseError[] = [];
  const seenIds = new Map<string, string>();
  for (const { file, text } of files) {
    const read = readYaml(text, file);
    if (!read.ok) {
      errors.push(...read.errors);
      continue;
    }
    const fileErrors = findDuplicateIds(read.data, read.locate, file, seenIds);
    const result = validate(read.data, read.locate, file, rulesFileSchema, rulesVocabulary);
    if (result.ok) rules.push(...result.value.rules);
    else fileErrors.push(...result.errors);
    errors.push(...fileErrors.sort(byPosition));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}
