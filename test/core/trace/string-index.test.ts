import { describe, expect, it } from 'vitest';
import { StringIndex } from '../../../src/trace/string-index';

// The index reconcile keeps its ids, DocNumbers and references in: a wrong answer here would link an
// invoice to the wrong twin, or call a synced one missing.
describe('StringIndex', () => {
  it('finds each of 100,000 ids, and nothing that was not put in', () => {
    const index = new StringIndex<number>();
    for (let i = 0; i < 100_000; i++) index.set(`INV-${i}`, i);
    expect(index.size).toBe(100_000);
    for (let i = 0; i < 100_000; i++) expect(index.get(`INV-${i}`)).toBe(i);
    expect(index.get('INV-100000')).toBeUndefined();
    expect(index.has('INV-')).toBe(false);
    expect(index.get('inv-1')).toBeUndefined();
  });

  it('keeps the last value set for a key, and counts the key once', () => {
    const index = new StringIndex<string | null>();
    index.set('1001', 'first');
    index.set('1001', null);
    expect(index.get('1001')).toBeNull();
    expect(index.has('1001')).toBe(true);
    expect(index.size).toBe(1);
  });

  it('tells apart keys that differ only in case, accents, padding or length, and holds the empty key', () => {
    const keys = ['', ' ', 'a', 'A', 'á', 'a ', ' a', 'aa', '\u0000', 'Café', 'Cafe\u0301', '100000', '0100000'];
    const index = new StringIndex<number>();
    keys.forEach((k, i) => index.set(k, i));
    expect(keys.map((k) => index.get(k))).toEqual(keys.map((_, i) => i));
    expect(index.size).toBe(keys.length);
  });
});
