import { describe, expect, it } from 'vitest';
import { parseCalendarDate, parseInstant } from '../../../adapters/files/parse-time';

describe('reading export timestamps', () => {
  it('reads a naive time in the given zone, across daylight saving', () => {
    expect(parseInstant('2026-07-01 08:00', 'America/Chicago')).toBe('2026-07-01T13:00:00.000Z');
    expect(parseInstant('2026-12-01 08:00', 'America/Chicago')).toBe('2026-12-01T14:00:00.000Z');
    expect(parseInstant('2026-12-01 08:00', 'America/Los_Angeles')).toBe('2026-12-01T16:00:00.000Z');
  });

  it('keeps the offset a timestamp carries, whatever the zone', () => {
    expect(parseInstant('2026-12-01T08:00:00+01:00', 'America/Chicago')).toBe('2026-12-01T07:00:00.000Z');
  });

  it('gives the calendar date in the company zone for an instant near midnight', () => {
    expect(parseCalendarDate('2026-11-03T02:00:00Z', 'America/Chicago')).toBe('2026-11-02');
    expect(parseCalendarDate('11/02/2026', 'America/Chicago')).toBe('2026-11-02');
    expect(parseCalendarDate('2026-11-02 23:30', 'America/Chicago')).toBe('2026-11-02');
  });

  it('returns nothing for text that is not a time', () => {
    expect(parseInstant('next Tuesday', 'America/Chicago')).toBeUndefined();
    expect(parseInstant('2026-02-30', 'America/Chicago')).toBeUndefined();
    expect(parseCalendarDate('13/45/2026', 'America/Chicago')).toBeUndefined();
  });
});
