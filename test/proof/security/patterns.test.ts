// `matching` patterns run over PrivateNote text anyone with QuickBooks access can write. They are
// compiled when the config loads — an invalid one, one without the `(?<id>…)` group, or one that
// needs backtracking is an error at its line and column — and they run on RE2, so a crafted note
// against a pattern with nested repetition returns at once instead of blocking the event loop.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse';
import { formatError } from '../../../src/config/parse-error';
import { compileMatchKeys } from '../../../src/trace/match-keys';
import { anInvoice } from '../../builders/records';

const configWith = (pattern: string) =>
  [
    'sources:',
    '  - { id: fieldpro, type: files, path: upstream }',
    'matching:',
    '  invoice:',
    `    - { by: private_note, pattern: '${pattern}' }`,
    '',
  ].join('\n');

const errorsOf = (pattern: string) => {
  const result = parseConfig(configWith(pattern), 'sync-sentinel.yaml');
  return result.ok ? [] : result.errors.map(formatError);
};

describe('matching patterns', () => {
  it('accepts a pattern with the id group', () => {
    expect(errorsOf('FieldPro invoice (?<id>\\S+)')).toEqual([]);
  });

  const refused: Array<[string, string, RegExp]> = [
    ['an invalid pattern', 'FieldPro invoice (?<id>\\S+', /missing \)|not a pattern/],
    ['a pattern without the (?<id>…) group', 'FieldPro invoice (\\S+)', /named group \(\?<id>…\)/],
    ['a backreference', '(?<id>\\w+) again \\1', /not a pattern sync-sentinel can run/],
    ['a lookbehind', '(?<=invoice )(?<id>\\S+)', /not a pattern sync-sentinel can run/],
  ];
  for (const [what, pattern, why] of refused) {
    it(`refuses ${what} when the config loads, at its line and column`, () => {
      const errors = errorsOf(pattern);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^sync-sentinel\.yaml:5:\d+/);
      expect(errors[0]).toMatch(why);
    });
  }

  it('extracts the id from a PrivateNote', () => {
    const [key] = compileMatchKeys([{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }]);
    expect(key!.extract(anInvoice({ privateNote: 'Synced. FieldPro invoice INV-1043 ' }))).toBe('INV-1043');
  });

  it('returns at once on a crafted note against a pattern with nested repetition (no catastrophic backtracking)', () => {
    // On a backtracking engine this note takes 2^40 steps: the poll, and the event loop, never return.
    const [key] = compileMatchKeys([{ by: 'private_note', pattern: '^(?<id>(a+)+)$' }]);
    expect(key!.extract(anInvoice({ privateNote: `${'a'.repeat(40)}!` }))).toBeUndefined();
    expect(key!.extract(anInvoice({ privateNote: 'a'.repeat(100_000) }))).toBe('a'.repeat(100_000));
  });
});
