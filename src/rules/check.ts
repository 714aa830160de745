// `sync-sentinel rules check`: validates rules files and says, line by line, what to fix.
import { formatError } from '../config/parse-error';
import { loadRuleFiles } from './load-files';

export { formatError };

export interface RuleCheck {
  ok: boolean;
  /** Every error as `file:line:col: what — how`, one per line; or `N rules OK in <files>`. */
  output: string;
  ruleCount: number;
}

export async function checkRuleFiles(paths: readonly string[]): Promise<RuleCheck> {
  const loaded = await loadRuleFiles(paths);
  if (!loaded.ok) return { ok: false, output: loaded.errors.map(formatError).join('\n'), ruleCount: 0 };
  const count = loaded.rules.length;
  return { ok: true, output: `${count} ${count === 1 ? 'rule' : 'rules'} OK in ${loaded.files.join(', ')}`, ruleCount: count };
}
