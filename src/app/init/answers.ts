// What `sync-sentinel init` needs to know, checked the same way whether it came from a flag or a
// prompt: each value is refused with a sentence that says how to write it.
import { isTimeZone, timeZoneHint } from '../../config/time-zone';

export const UPSTREAMS = ['files', 'servicetitan', 'jobber', 'housecallpro', 'http'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export interface InitAnswers {
  companyName: string;
  /** Lower-case id stored with every record and incident (from the name). */
  companyId: string;
  timeZone: string;
  closeDay: number;
  upstream: Upstream;
}

/** The machine's own zone: what a person setting up on their office computer most likely means. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Chicago';
}

export const DEFAULTS = { companyName: 'My company', closeDay: 5, upstream: 'files' as Upstream };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkCompanyName(text: string): Checked<string> {
  const name = text.trim();
  if (!name) return { ok: false, message: 'the company name is empty — write it as people in the office say it, e.g. Acme Heating & Air' };
  return { ok: true, value: name };
}

export function checkTimeZone(text: string): Checked<string> {
  const zone = text.trim();
  if (!isTimeZone(zone)) return { ok: false, message: `"${zone}" is not a time zone — ${timeZoneHint(zone)}` };
  return { ok: true, value: zone };
}

export function checkCloseDay(text: string): Checked<number> {
  const day = Number(text.trim());
  if (!Number.isInteger(day) || day < 1 || day > 28)
    return { ok: false, message: `"${text.trim()}" is not a close day — write the day of the month the books close, 1 to 28` };
  return { ok: true, value: day };
}

export function checkUpstream(text: string): Checked<Upstream> {
  const kind = text.trim().toLowerCase();
  if ((UPSTREAMS as readonly string[]).includes(kind)) return { ok: true, value: kind as Upstream };
  return { ok: false, message: `"${text.trim()}" is not an upstream sync-sentinel reads — use one of ${UPSTREAMS.join(', ')}` };
}

/** "Acme Heating & Air" → "acme-heating-air": the config's company.id. */
export function companyIdOf(name: string): string {
  const id = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return id || 'company';
}
