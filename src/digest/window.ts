// The digest's week: the seven days up to the moment it is computed, labelled with the company-zone
// ISO week of its end.
import { DAY, isoWeek } from '../domain/time';

export interface DigestWindow {
  week: string;
  /** ISO instants; the window is [start, end). */
  start: string;
  end: string;
}

export function digestWindow(now: Date, zone: string): DigestWindow {
  return { week: isoWeek(now, zone), start: new Date(now.getTime() - 7 * DAY).toISOString(), end: now.toISOString() };
}

/** The ISO week `weeks` before the one of `now` (for "since" queries over the trend). */
export function weeksBefore(now: Date, zone: string, weeks: number): string {
  return isoWeek(new Date(now.getTime() - weeks * 7 * DAY), zone);
}

/** (start, end]: an event of the poll that ran just before the digest belongs to this week. */
export function inDigestWindow(at: string, window: DigestWindow): boolean {
  const ms = Date.parse(at);
  return ms > Date.parse(window.start) && ms <= Date.parse(window.end);
}
