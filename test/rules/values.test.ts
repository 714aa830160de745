import { describe, expect, it } from 'vitest';
import { calendarDate, duration, money } from '../../src/rules/values';

describe('rule values', () => {
  it('reads durations as milliseconds', () => {
    expect(['90s', '30m', '24h', '3d', '2w'].map((d) => duration.parse(d))).toEqual([
      90_000, 1_800_000, 86_400_000, 259_200_000, 1_209_600_000,
    ]);
  });

  it('reads dollars as integer cents', () => {
    expect([500, 12.5, '$1,000', '0.01'].map((m) => money.parse(m))).toEqual([50_000, 1_250, 100_000, 1]);
  });

  it('rejects money that is negative or not a number at all', () => {
    expect(money.safeParse(-5).success).toBe(false);
    expect(money.safeParse('five hundred').success).toBe(false);
  });

  it('rejects a calendar date that does not exist rather than rolling it into the next month', () => {
    expect(calendarDate.safeParse('2024-02-29').success).toBe(true);
    expect(calendarDate.safeParse('2024-02-31').success).toBe(false);
    expect(calendarDate.safeParse('2023-02-29').success).toBe(false);
  });
});
