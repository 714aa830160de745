// Inputs people and other programs really produce, as fast-check arbitraries: a valid file with a
// few characters changed where syntax lives, wholly random text, and values from the far ends
// (control characters, right-to-left marks, emoji, huge numbers, quotes and backslashes).
import fc from 'fast-check';
import { LONG, SEED } from '../support/seeded';

/**
 * A fuzz test runs a fixed number of cases, not for a time: on a loaded machine those take longer, so
 * they get room beyond the suite's 30 s default (ten times more in the long run).
 */
export const FUZZ_TIMEOUT_MS = LONG ? 1_200_000 : 180_000;

/** Thousands of cases in `npm test`, ten times more in `npm run test:long`; always seeded. */
export function runs(normal: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: LONG ? normal * 10 : normal };
}

const SYNTAX = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ',',
  '?',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\\',
  '~',
  'null',
  'true',
  '1e999',
  '-0',
  '0x1F',
  '$',
  '.',
  '/',
  '=',
  '<!channel>',
  '\u0000',
  '\u0007',
  '\u202e',
  '\ufeff',
  '😀',
  'é',
  '\u200b',
];

export const nasty = fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }));

/** The base text with one to five edits (delete a few characters, insert syntax) at random places. */
export function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: fc.array(nasty, { maxLength: 3 }).map((a) => a.join('')) });
  return fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) =>
    edits.reduce((t, e) => {
      const i = e.at % (t.length + 1);
      return t.slice(0, i) + e.ins + t.slice(i + e.del);
    }, base),
  );
}

/** Any text at all, biased towards syntax characters. */
export const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(nasty, { maxLength: 40 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** A wire value with one field at some path replaced by anything JSON can hold (or undefined). */
export function corrupted(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = leafPaths(base);
  const odd = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      undefined,
      null,
      '',
      ' ',
      'NaN',
      '1e309',
      -0,
      1e308,
      -1e308,
      0.1 + 0.2,
      Number.MAX_SAFE_INTEGER + 2,
      '2026-02-30',
      '2026-11-27T25:61:00Z',
      '12,3O.00',
      'O\'Brien \\ "x"',
    ),
  );
  return fc.array(fc.tuple(fc.constantFrom(...paths), odd), { minLength: 1, maxLength: 4 }).map((changes) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    for (const [p, v] of changes) setPath(copy, p, v);
    return copy;
  });
}

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null) return [prefix];
  const own = Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return prefix.length > 0 ? [prefix, ...own] : own;
}

function setPath(obj: Record<string, unknown>, p: string[], value: unknown): void {
  let at: Record<string, unknown> = obj;
  for (const k of p.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== 'object' || next === null) return;
    at = next as Record<string, unknown>;
  }
  const last = p[p.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}
