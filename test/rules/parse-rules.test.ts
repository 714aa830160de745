import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { formatError } from '../../src/rules/check';
import { parseRules } from '../../src/rules/parse';

function parseFixture(name: string) {
  const file = `test/fixtures/rules/${name}`;
  return parseRules(readFileSync(new URL(`../fixtures/rules/${name}`, import.meta.url), 'utf8'), file);
}

function messagesFor(name: string): string[] {
  const result = parseFixture(name);
  return result.ok ? [] : result.errors.map(formatError);
}

const HOUR = 3_600_000;

describe('parseRules', () => {
  it('turns a good file into typed rules: durations in ms, money in cents, defaults filled in', () => {
    const result = parseFixture('good.yaml');
    expect(result).toEqual({
      ok: true,
      rules: [
        {
          id: 'late-invoice',
          title: 'Invoice not in QuickBooks yet',
          kind: 'late',
          entity: 'invoice',
          grace: 24 * HOUR,
          limit: 72 * HOUR,
          states: ['open', 'paid'],
          impact: ['billing', 'accounting'],
          urgency: { amount_over: 125_050, close_within_days: 3 },
          expect: 'quickbooks',
          group_by: 'none',
          enabled: true,
          low_impact: false,
        },
        {
          id: 'total-mismatch',
          title: 'Invoice totals disagree',
          kind: 'mismatch',
          entity: 'invoice',
          fields: [
            { field: 'total', tolerance: 1 },
            { field: 'class', tolerance: 0 },
          ],
          grace: HOUR, // the default: every comparison waits an hour after an edit
          impact: ['accounting'],
          group_by: 'none',
          enabled: true,
          low_impact: false,
        },
        {
          id: 'stale-quickbooks',
          title: 'QuickBooks stopped answering',
          kind: 'stale',
          entity: 'source',
          source: 'any',
          max_age: 2 * HOUR,
          suppress_records: true,
          impact: ['reporting'],
          route: { channels: ['ops'] },
          group_by: 'none',
          enabled: true,
          low_impact: false,
        },
      ],
    });
  });

  describe('YAML that does not parse', () => {
    it('says where a quote was opened and never closed', () => {
      expect(messagesFor('unclosed-quote.yaml')).toEqual([
        'test/fixtures/rules/unclosed-quote.yaml:8:1: the " opened on line 3 is never closed, so the file ends inside the quotes — add the closing " where the value on line 3 ends',
      ]);
    });

    it('names an unclosed [ list', () => {
      expect(messagesFor('bad-syntax.yaml')).toEqual([
        'test/fixtures/rules/bad-syntax.yaml:6:5: a list opened with [ is not closed before this line — add the closing ] where the list ends',
      ]);
    });

    it('rejects a tab used for indentation', () => {
      expect(messagesFor('tab-indent.yaml')).toEqual([
        'test/fixtures/rules/tab-indent.yaml:3:1: a tab is used for indentation — indent with spaces; YAML does not allow tabs there',
      ]);
    });

    it('points at a line indented out of step with its block', () => {
      expect(messagesFor('bad-indent.yaml')).toEqual([
        'test/fixtures/rules/bad-indent.yaml:4:1: this line is not indented to match the lines around it — line up the keys of one block in the same column, using spaces',
      ]);
    });

    it('reports a key written twice in one rule at the second one', () => {
      expect(messagesFor('duplicate-key.yaml')).toEqual([
        'test/fixtures/rules/duplicate-key.yaml:8:5: the key "grace" appears twice in the same block — keep one of them and delete the other',
      ]);
    });

    it('refuses a key that is a mapping at its line and column, printing nothing to stderr', () => {
      // The yaml library would make the key the text "{ a: 1 }" and warn on the process's stderr.
      const warned = vi.spyOn(process, 'emitWarning');
      const printed = vi.spyOn(process.stderr, 'write');
      try {
        expect(messagesFor('collection-key.yaml')).toEqual([
          'test/fixtures/rules/collection-key.yaml:8:1: a key here is a list or a mapping, not a name — write the key as plain text (name: value); a list or mapping belongs after the colon, as the value',
        ]);
        expect(messagesFor('collection-key-in-rule.yaml')).toEqual([
          'test/fixtures/rules/collection-key-in-rule.yaml:6:7: a key here is a list or a mapping, not a name — write the key as plain text (name: value); a list or mapping belongs after the colon, as the value',
        ]);
        expect(warned).not.toHaveBeenCalled();
        expect(printed).not.toHaveBeenCalled();
      } finally {
        warned.mockRestore();
        printed.mockRestore();
      }
    });

    it('refuses an alias or a tagged value as a key, saying which', () => {
      const messages = (text: string) => {
        const result = parseRules(text, 'rules.yaml');
        return result.ok ? [] : result.errors.map(formatError);
      };
      expect(messages('rules:\n  - id: &name late-invoice\n    *name : 1\n')).toEqual([
        'rules.yaml:3:5: the key *name is an alias, not a name — write the key out as plain text instead of *name',
      ]);
      expect(messages('rules:\n  - id: late-invoice\n    !!int 24: grace\n')).toEqual([
        'rules.yaml:3:5: the key has the tag !!int, so it is not plain text — remove !!int from the key; keys are names',
      ]);
    });
  });

  describe('the shape of the file', () => {
    it('asks for rules in an empty file', () => {
      expect(messagesFor('empty.yaml')).toEqual([
        'test/fixtures/rules/empty.yaml:1:1: the file is empty — start the file with "rules:" and list each rule below it, beginning with "- id:"',
      ]);
    });

    it('rejects a top level that is a list instead of a mapping', () => {
      expect(messagesFor('not-a-mapping.yaml')).toEqual([
        'test/fixtures/rules/not-a-mapping.yaml:1:1: the top level of the file has the wrong type: expected a mapping, found a list — start the file with "rules:" and list each rule below it, beginning with "- id:"',
      ]);
    });

    it('rejects a rule written as a list, naming it by its position', () => {
      expect(messagesFor('rule-is-list.yaml')).toEqual([
        'test/fixtures/rules/rule-is-list.yaml:8:5: rule #2 has the wrong type: expected a mapping, found a list — write the rule as key: value lines after its "- ", starting with "- id: some-name"',
      ]);
    });
  });

  describe('keys', () => {
    it('suggests the key a typo most likely meant, pointing at the key', () => {
      expect(messagesFor('unknown-key-near.yaml')).toEqual([
        'test/fixtures/rules/unknown-key-near.yaml:8:5: unknown key "titel" in rule "late-invoice" — did you mean "title"?',
      ]);
    });

    it('lists the allowed keys when an unknown key is close to none', () => {
      expect(messagesFor('unknown-key-far.yaml')).toEqual([
        'test/fixtures/rules/unknown-key-far.yaml:9:7: unknown key "colour" under urgency in rule "late-invoice" — remove it, or use one of amount_over, count_over, customer_facing, close_within_days',
      ]);
    });

    it('says which kind a key belongs to when it was copied from a rule of another kind', () => {
      expect(messagesFor('key-of-another-kind.yaml')).toEqual([
        'test/fixtures/rules/key-of-another-kind.yaml:9:5: unknown key "max_age" in rule "late-invoice" — only kind: stale uses max_age; remove it, or change the kind',
      ]);
    });

    it('reports a missing required key at the rule, with a line to add', () => {
      expect(messagesFor('missing-key.yaml')).toEqual([
        'test/fixtures/rules/missing-key.yaml:2:5: rule "late-invoice" is missing "grace" — add grace: 24h (how long the sync may take)',
      ]);
    });
  });

  describe('values', () => {
    it('rejects a duration without a unit it knows', () => {
      expect(messagesFor('bad-duration.yaml')).toEqual([
        'test/fixtures/rules/bad-duration.yaml:6:12: "3 days" is not a duration (grace in rule "late-invoice") — write a number and a unit, e.g. 30m, 24h, 3d or 2w',
      ]);
    });

    it('rejects money written in words', () => {
      expect(messagesFor('bad-money.yaml')).toEqual([
        'test/fixtures/rules/bad-money.yaml:9:20: "five hundred" is not an amount of money (urgency.amount_over in rule "late-invoice") — write dollars, e.g. 500 or 12.50',
      ]);
    });

    it('reports only the kind when the kind is not a rule kind', () => {
      expect(messagesFor('bad-kind.yaml')).toEqual([
        'test/fixtures/rules/bad-kind.yaml:4:11: kind "lately" in rule "late-invoice" is not a rule kind — use one of late, missing, orphan, duplicate, incomplete, mismatch, stale, unapplied, malformed, backlog',
      ]);
    });

    it('says what type was expected and what was found', () => {
      expect(messagesFor('wrong-type.yaml')).toEqual([
        'test/fixtures/rules/wrong-type.yaml:7:13: impact in rule "late-invoice" has the wrong type: expected a list, found the text "billing" — write impact: [billing, accounting]',
      ]);
    });

    it('lists the impact areas when one is not known', () => {
      expect(messagesFor('bad-impact.yaml')).toEqual([
        'test/fixtures/rules/bad-impact.yaml:7:23: impact "invoicing" in rule "late-invoice" is not an impact area — use one of billing, reporting, dispatch, accounting, customer_delivery, acquisition_integration',
      ]);
    });
  });

  it('reports every error in a file, top to bottom, checked against each rule’s own kind', () => {
    expect(messagesFor('many-errors.yaml')).toEqual([
      'test/fixtures/rules/many-errors.yaml:3:5: rule "duplicate-invoice" is missing "keys" — add keys: [[number], [email]] (sets of fields that make two records the same)',
      'test/fixtures/rules/many-errors.yaml:7:11: side "everywhere" in rule "duplicate-invoice" is not a side — use one of upstream, quickbooks, both',
      'test/fixtures/rules/many-errors.yaml:9:25: fuzzy.threshold 2 in rule "duplicate-invoice" is above 1 — use 1 or less',
      'test/fixtures/rules/many-errors.yaml:11:5: rule #2 is missing "id" — add id: late-invoice (lower-case letters, digits and dashes)',
      'test/fixtures/rules/many-errors.yaml:14:12: grace in rule #2 has the wrong type: expected a duration, found the number 24 — write grace: 24h (how long the sync may take)',
      'test/fixtures/rules/many-errors.yaml:15:13: impact in rule #2 is empty — name at least one impact area',
      'test/fixtures/rules/many-errors.yaml:16:20: "-5" is not an amount of money (minor_at_most in rule #2) — write dollars, e.g. 500 or 12.50',
    ]);
  });

  it('reports a rule id used twice in one file at the second rule', () => {
    expect(messagesFor('duplicate-ids.yaml')).toEqual([
      'test/fixtures/rules/duplicate-ids.yaml:9:9: rule id "late-invoice" is already defined at test/fixtures/rules/duplicate-ids.yaml:2:9 — give each rule its own id',
    ]);
  });

  it('keeps the parts of an error apart for callers that do not want the one-line form', () => {
    const result = parseFixture('bad-duration.yaml');
    expect(result.ok ? [] : result.errors).toEqual([
      {
        file: 'test/fixtures/rules/bad-duration.yaml',
        line: 6,
        col: 12,
        message: '"3 days" is not a duration (grace in rule "late-invoice")',
        hint: 'write a number and a unit, e.g. 30m, 24h, 3d or 2w',
      },
    ]);
  });
});
