// Rules and config files with syntax broken in thousands of seeded ways: the parser answers, never
// throws, and every error points at the file, a line and a column inside it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse';
import { parseRules } from '../../../src/rules/parse';
import { PACKAGE_ROOT } from '../../../src/app/paths';
import { anyText, mutated, runs, FUZZ_TIMEOUT_MS } from './arbitraries';
import { badLocations } from './parse-errors';

const fixture = (rel: string) => readFileSync(path.join(PACKAGE_ROOT, rel), 'utf8');
const RULES = fixture('test/fixtures/rules/good.yaml');
const DEFAULT_RULES = fixture('rules/default.yaml');
const CONFIG = fixture('test/fixtures/config/good.yaml');

describe('fuzzing the rules and config parsers', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers every broken rules file with errors at file:line:col, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 6, arbitrary: mutated(RULES) },
          { weight: 1, arbitrary: mutated(DEFAULT_RULES) },
          { weight: 2, arbitrary: anyText },
        ),
        (text) => {
          const result = parseRules(text, 'rules/custom.yaml');
          if (!result.ok) expect(badLocations(result.errors, 'rules/custom.yaml', text)).toEqual([]);
        },
      ),
      runs(2_000),
    );
  });

  it('answers every broken config file with errors at file:line:col, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: mutated(CONFIG) }, { weight: 1, arbitrary: anyText }), (text) => {
        const result = parseConfig(text, 'sync-sentinel.yaml');
        if (!result.ok) expect(badLocations(result.errors, 'sync-sentinel.yaml', text)).toEqual([]);
      }),
      runs(2_000),
    );
  });
});
