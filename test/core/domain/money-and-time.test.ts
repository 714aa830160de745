import { describe, expect, it } from 'vitest';
import { formatCents, parseMoneyToCents } from '../../../src/domain/money';
import { daysToClose, humanAge, isoWeek } from '../../../src/domain/time';
import { DAY, HOUR, MINUTE } from '../../builders/clock';

describe('reading money into cents', () => {
  it.each([
    ['1,234.50', 123_450],
    ['$99', 9_900],
    ['-12.3', -1_230],
    ['(45.00)', -4_500],
    ['12.345', 1_235],
    [1.005, 101],
    [0.1 + 0.2, 30],
    ['0', 0],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseMoneyToCents(input)).toBe(cents);
  });

  it.each(['12,3O.00', '', 'n/a', null, undefined, Number.NaN])('refuses %j', (input) => {
    expect(parseMoneyToCents(input)).toBeUndefined();
  });

  it('writes cents as dollars with thousands separators', () => {
    expect([formatCents(123_450), formatCents(-8_500), formatCents(7)]).toEqual(['$1,234.50', '-$85.00', '$0.07']);
  });
});

describe('ages and calendars people read', () => {
  it.each([
    [20 * MINUTE, '20 min'],
    [30 * HOUR, '30 h'],
    [3 * DAY, '3 days'],
    [21 * DAY, '3 weeks'],
  ])('says %i ms as "%s"', (ms, text) => {
    expect(humanAge(ms)).toBe(text);
  });

  it('counts the days to the close in the company’s zone', () => {
    // 03:00 UTC on the 5th is still the 4th in Chicago: the books close tomorrow, not today.
    expect(daysToClose(new Date('2026-03-05T03:00:00Z'), 'America/Chicago', 5)).toBe(1);
    expect(daysToClose(new Date('2026-03-05T18:00:00Z'), 'America/Chicago', 5)).toBe(0);
    expect(daysToClose(new Date('2026-01-31T18:00:00Z'), 'America/Chicago', 5)).toBe(5);
  });

  it('names the ISO week in the company’s zone', () => {
    // Sunday evening in Chicago is already Monday in UTC.
    expect(isoWeek('2026-03-16T03:00:00Z', 'America/Chicago')).toBe('2026-W11');
    expect(isoWeek('2026-03-16T03:00:00Z', 'UTC')).toBe('2026-W12');
  });
});
