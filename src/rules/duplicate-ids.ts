// Rule ids name incidents and their history, so two rules with one id would share (and corrupt)
// each other's incidents. Checked on the raw data, so a file with other errors still reports these.
import type { Locate } from '../config/locate';
import type { ParseError } from '../config/parse-error';
import { isRecord } from '../config/path';

/**
 * Errors for ids already in `seen` (id → "file:line:col" of its first definition), reported at the
 * later definition; records the new ids in `seen` so the next file is checked against this one.
 */
export function findDuplicateIds(data: unknown, locate: Locate, file: string, seen: Map<string, string>): ParseError[] {
  const rules = isRecord(data) && Array.isArray(data.rules) ? data.rules : [];
  const errors: ParseError[] = [];
  rules.forEach((rule: unknown, index) => {
    const id = isRecord(rule) ? rule.id : undefined;
    if (typeof id !== 'string') return;
    const at = { file, ...locate(['rules', index, 'id']) };
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, `${at.file}:${at.line}:${at.col}`);
      return;
    }
    errors.push({ ...at, message: `rule id "${id}" is already defined at ${first}`, hint: 'give each rule its own id' });
  });
  return errors;
}
