import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRuleFiles } from '../../src/rules/check';

// The rules the product ships are data a test can break: every file in rules/ must stay valid.
const rulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));

function shippedRuleFiles(): string[] {
  try {
    return readdirSync(rulesDir).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

describe('the rules shipped in rules/', () => {
  it('exist', () => {
    expect(shippedRuleFiles(), `no *.yaml files in ${rulesDir}: the product ships rules/default.yaml`).not.toEqual([]);
  });

  it.each(shippedRuleFiles())('%s parses with no errors', async (name) => {
    const check = await checkRuleFiles([`${rulesDir}${name}`]);
    expect(check.output).toMatch(/^\d+ rules? OK in /);
    expect(check.ruleCount).toBeGreaterThan(0);
  });
});
