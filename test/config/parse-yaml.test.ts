// The machinery under parseRules and parseConfig, on a small schema of its own.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatError } from '../../src/config/parse-error';
import { parseYaml } from '../../src/config/parse-yaml';
import { ownersByList, type Vocabulary } from '../../src/config/vocabulary';
import { money } from '../../src/rules/values';

const schema = z.strictObject({
  crews: z.array(
    z.strictObject({
      name: z.string().min(1),
      size: z.number().int().min(1),
      rate: money.optional(),
      shift: z.enum(['day', 'night']).default('day'),
    }),
  ),
});

const vocabulary: Vocabulary = {
  owner: ownersByList({ crews: { noun: 'crew', nameKey: 'name' } }),
  notes: { 'crews[].size': { example: 'size: 3', why: 'technicians on the truck' } },
};

function messages(text: string): string[] {
  const result = parseYaml(text, 'crews.yaml', schema, vocabulary);
  return result.ok ? [] : result.errors.map(formatError);
}

describe('parseYaml', () => {
  it('returns the typed value when the text fits the schema', () => {
    expect(parseYaml('crews:\n  - name: north\n    size: 2\n    rate: "$85.50"\n', 'crews.yaml', schema, vocabulary)).toEqual({
      ok: true,
      value: { crews: [{ name: 'north', size: 2, rate: 8_550, shift: 'day' }] },
    });
  });

  it('points at the key for an empty value, since the value sits at the end of the line', () => {
    expect(messages('crews:\n  - name: north\n    size:\n')).toEqual([
      'crews.yaml:3:5: size in crew "north" is empty — write size: 3 (technicians on the truck)',
    ]);
  });

  it('names the parts of a union the value fits none of', () => {
    expect(messages('crews:\n  - name: north\n    size: 2\n    rate: [85]\n')).toEqual([
      'crews.yaml:4:11: rate in crew "north" has the wrong type: expected an amount of money, found a list — write dollars, e.g. 500 or 12.50',
    ]);
  });

  it('names an item by its number when its name is what is wrong', () => {
    expect(messages('crews:\n  - name: ""\n    size: 2\n')).toEqual([
      'crews.yaml:2:11: name in crew #1 is empty — write at least 1 character',
    ]);
  });

  it('points at an alias where a shared value is used', () => {
    expect(messages('crews:\n  - name: north\n    size: &two 0\n  - name: south\n    size: *two\n')).toEqual([
      'crews.yaml:3:16: size 0 in crew "north" is below 1 — use 1 or more',
      'crews.yaml:5:11: size 0 in crew "south" is below 1 — use 1 or more',
    ]);
  });

  it('follows an alias into the anchored mapping for the keys inside it', () => {
    expect(messages('crews:\n  - &north { name: north, size: 0 }\n  - *north\n')).toEqual([
      'crews.yaml:2:33: size 0 in crew "north" is below 1 — use 1 or more',
      'crews.yaml:2:33: size 0 in crew "north" is below 1 — use 1 or more',
    ]);
  });

  it('reports an alias to an anchor that does not exist', () => {
    expect(messages('crews:\n  - name: north\n    size: *two\n')).toEqual([
      'crews.yaml:3:11: *two refers to an anchor &two that is not defined above it — define &two before this line, or write the value out in full',
    ]);
  });

  it('rejects a second document in one file', () => {
    expect(messages('crews: []\n---\ncrews: []\n')).toEqual([
      'crews.yaml:2:1: the file holds more than one YAML document (a "---" line) — keep one document per file and remove the "---" line',
    ]);
  });

  it('tells a missing colon from an indentation slip', () => {
    expect(messages('crews:\n  - name north\n    size: 2\n')).toEqual([
      'crews.yaml:2:5: a key here spans more than one line — add the missing ":" after the key, or fix the indentation of the line below',
    ]);
  });

  it('asks for quotes around a value that starts with a reserved character', () => {
    expect(messages('crews:\n  - name: @north\n    size: 2\n')).toEqual([
      'crews.yaml:2:11: a value cannot start with "@" — put the whole value in quotes',
    ]);
  });
});
