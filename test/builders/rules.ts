// Rules as the rules file gives them: parsed through the real schema so defaults apply. The shipped
// rules come straight from rules/default.yaml, so tests run on the thresholds users get.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { rulesFileSchema, ruleSchema, type Rule } from '../../src/rules/schema';

const DEFAULT_RULES = fileURLToPath(new URL('../../rules/default.yaml', import.meta.url));

let shipped: Rule[] | undefined;

/** Every rule in rules/default.yaml. */
export function shippedRules(): Rule[] {
  shipped ??= rulesFileSchema.parse(YAML.parse(readFileSync(DEFAULT_RULES, 'utf8'))).rules;
  return shipped;
}

/** One shipped rule by id (a copy: tests may change it). */
export function shippedRule(id: string): Rule {
  const rule = shippedRules().find((r) => r.id === id);
  if (!rule) throw new Error(`rules/default.yaml has no rule "${id}"`);
  return structuredClone(rule);
}

const KIND_DEFAULTS: Record<Rule['kind'], Record<string, unknown>> = {
  late: { entity: 'invoice', grace: '24h' },
  missing: { entity: 'invoice', limit: '3d' },
  orphan: { entity: 'invoice' },
  duplicate: { entity: 'customer', side: 'quickbooks' },
  incomplete: { entity: 'invoice', side: 'quickbooks', required: ['class'] },
  mismatch: { entity: 'invoice', fields: [{ field: 'total' }] },
  stale: { max_age: '2h' },
  unapplied: {},
  malformed: {},
  backlog: {},
};

/** A rule of `kind` written as in a rules file (`{ grace: '24h', impact: ['billing'] }`). */
export function aRule(kind: Rule['kind'], overrides: Record<string, unknown> = {}): Rule {
  return ruleSchema.parse({
    id: `test-${kind}`,
    title: `Test ${kind} rule`,
    impact: ['billing'],
    kind,
    ...KIND_DEFAULTS[kind],
    ...overrides,
  });
}
