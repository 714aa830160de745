import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/rules/check';
import { parseRuleSet, type RuleFileText } from '../../src/rules/parse';

function fixture(name: string): RuleFileText {
  return { file: `test/fixtures/rules/${name}`, text: readFileSync(new URL(`../fixtures/rules/${name}`, import.meta.url), 'utf8') };
}

const orphanPayments: RuleFileText = {
  file: 'rules/extra.yaml',
  text: [
    'rules:',
    '  - id: orphan-payment',
    '    title: Payment only in QuickBooks',
    '    kind: orphan',
    '    entity: payment',
    '    impact: [accounting]',
    '',
  ].join('\n'),
};

describe('parseRuleSet', () => {
  it('merges the rules of several files in file order', () => {
    const result = parseRuleSet([fixture('good.yaml'), orphanPayments]);
    expect(result.ok && result.rules.map((r) => r.id)).toEqual(['late-invoice', 'total-mismatch', 'stale-quickbooks', 'orphan-payment']);
  });

  it('reports a rule id defined in an earlier file at its second definition', () => {
    const result = parseRuleSet([fixture('duplicate-across-a.yaml'), fixture('duplicate-across-b.yaml')]);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'test/fixtures/rules/duplicate-across-b.yaml:9:9: rule id "late-invoice" is already defined at test/fixtures/rules/duplicate-across-a.yaml:2:9 — give each rule its own id',
    ]);
  });

  it('reports the errors of every file, file by file', () => {
    const result = parseRuleSet([fixture('bad-kind.yaml'), orphanPayments, fixture('tab-indent.yaml')]);
    expect(result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}`)).toEqual([
      'test/fixtures/rules/bad-kind.yaml:4',
      'test/fixtures/rules/tab-indent.yaml:3',
    ]);
  });

  it('still finds a repeated id in a file that has other errors', () => {
    const text = fixture('duplicate-ids.yaml').text.replace('grace: 24h', 'grace: soon');
    const result = parseRuleSet([{ file: 'rules/acme.yaml', text }]);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'rules/acme.yaml:6:12: "soon" is not a duration (grace in rule "late-invoice") — write a number and a unit, e.g. 30m, 24h, 3d or 2w',
      'rules/acme.yaml:9:9: rule id "late-invoice" is already defined at rules/acme.yaml:2:9 — give each rule its own id',
    ]);
  });

  it('accepts no files as an empty set of rules', () => {
    expect(parseRuleSet([])).toEqual({ ok: true, rules: [] });
  });
});
