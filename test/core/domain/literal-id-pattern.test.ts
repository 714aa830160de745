import { describe, expect, it } from 'vitest';
import { compileLinear, linearRegex } from '../../../src/domain/linear-regex';
import { literalIdPattern } from '../../../src/domain/literal-id-pattern';

const PATTERNS = [
  'FieldPro invoice (?<id>\\S+)',
  '(?:FieldPro|Card) payment (?<id>\\S+)',
  '(?<id>\\S+)',
  '(?:ab|a)(?<id>\\S+)',
  'x(?:a|ab)(?:b|)(?P<id>\\S+)',
];
const PIECES = [
  'FieldPro invoice ',
  'Card payment ',
  'FieldPro payment ',
  'a',
  'b',
  'x',
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u2028',
  'é',
  '😀',
  '\ud800',
  'INV-1',
];

/** Every note of up to three pieces: the shapes a note can take around the fixed words. */
function notes(): string[] {
  const out = [''];
  for (let len = 1; len <= 3; len++) {
    const next = out.filter((n) => n.length > 0 || len === 1).flatMap((n) => PIECES.map((p) => n + p));
    out.push(...next.filter((n) => !out.includes(n)));
  }
  return out;
}

const shape = (m: ReturnType<ReturnType<typeof linearRegex>['exec']>) => (m ? [m[0], m[1], m.groups?.['id']] : null);

describe('fixed-words match keys', () => {
  it.each(PATTERNS)('finds the same id as RE2 in every note for %s', (pattern) => {
    const compiled = compileLinear(pattern);
    if (!compiled.ok) throw new Error(compiled.message);
    const fast = literalIdPattern(pattern, compiled.re);
    expect(fast).toBeDefined();
    for (const note of notes()) expect([note, shape(fast!.exec(note))]).toEqual([note, shape(compiled.re.exec(note))]);
  });

  it('leaves any other pattern to RE2', () => {
    const compiled = compileLinear('^(?<id>(a+)+)$');
    if (!compiled.ok) throw new Error(compiled.message);
    expect(literalIdPattern('^(?<id>(a+)+)$', compiled.re)).toBeUndefined();
    expect(literalIdPattern('Paid (?<id>\\d+)', compiled.re)).toBeUndefined();
    expect(literalIdPattern('Inv\\. (?<id>\\S+)', compiled.re)).toBeUndefined();
  });

  it('reads past thousands of fixed words with no id after them, as RE2 does', () => {
    const compiled = compileLinear('FieldPro invoice (?<id>\\S+)');
    if (!compiled.ok) throw new Error(compiled.message);
    const key = linearRegex('FieldPro invoice (?<id>\\S+)');
    const noise = 'FieldPro invoice  '.repeat(5_000);
    expect(key.exec(noise)).toBeNull();
    expect(key.exec(`${noise}FieldPro invoice INV-7`)?.groups?.['id']).toBe('INV-7');
    expect(compiled.re.exec(`${noise}FieldPro invoice INV-7`)?.groups?.['id']).toBe('INV-7');
  });
});
