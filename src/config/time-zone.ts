// A time zone setting is checked when the config is read, so a typo is blamed on the setting at its
// line, not on the first source or schedule that happens to use the zone.
import { z } from 'zod';
import { closest } from './closest';

/** True for any zone name this Node's ICU knows (IANA names, and aliases such as UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** "did you mean America/Denver?" for "America/Denvr", when a known zone is that close. */
export function timeZoneHint(name: string): string {
  const guess = closest(name, Intl.supportedValuesOf('timeZone'));
  return guess ? `did you mean ${guess}?` : 'use an IANA name such as America/Chicago or Europe/London';
}

export const timeZone = z.string().superRefine((name, ctx) => {
  if (!isTimeZone(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a time zone — ${timeZoneHint(name)}` });
});
