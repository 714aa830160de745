import { describe, expect, it } from 'vitest';
import { closest } from '../../src/config/closest';

describe('closest', () => {
  it('finds a one-letter slip', () => expect(closest('grase', ['grace', 'limit'])).toBe('grace'));
  it('finds swapped letters in a short word', () => expect(closest('titel', ['title', 'kind'])).toBe('title'));
  it('ignores case', () => expect(closest('Grace', ['grace'])).toBe('grace'));
  it('suggests nothing when every candidate is far off', () => expect(closest('colour', ['amount_over', 'count_over'])).toBeUndefined());
});
