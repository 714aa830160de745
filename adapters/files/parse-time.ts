// Exports write time every which way. Instants become UTC ISO strings; a time without an offset is
// read in the company's zone (where the office that exported it sits), never in the server's.
import { DateTime, type TokenParser } from 'luxon';

/** Layouts luxon's ISO parser does not cover: a space instead of `T`, and US month-first dates. */
const LOCAL_LAYOUTS = [
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'M/d/yyyy h:mm:ss a',
  'M/d/yyyy h:mm a',
  'M/d/yyyy H:mm:ss',
  'M/d/yyyy H:mm',
  'M/d/yyyy',
];

const DATE_LAYOUTS = ['yyyy-MM-dd', 'M/d/yyyy'];

// Built once per layout: `fromFormat` re-reads its layout on every call, which dominated reading a
// large export (a million rows, several layouts tried per cell).
const parsers = new Map<string, TokenParser>();
function fromLayout(text: string, layout: string, zone: string): DateTime {
  let parser = parsers.get(layout);
  if (parser === undefined) {
    parser = DateTime.buildFormatParser(layout);
    parsers.set(layout, parser);
  }
  return DateTime.fromFormatParser(text, parser, { zone });
}

function parseLocal(text: string, zone: string): DateTime | undefined {
  // ISO covers offsets (`…-06:00`, `Z`), `YYYY-MM-DD` and `YYYY-MM-DDTHH:mm`; without an offset it is local.
  const iso = DateTime.fromISO(text, { zone });
  if (iso.isValid) return iso;
  for (const layout of LOCAL_LAYOUTS) {
    const dt = fromLayout(text, layout, zone);
    if (dt.isValid) return dt;
  }
  return undefined;
}

/** An instant as UTC ISO-8601 (`2026-11-02T15:30:00.000Z`), or undefined when the text is not a time. */
export function parseInstant(text: string, zone: string): string | undefined {
  return parseLocal(text.trim(), zone)?.toUTC().toISO() ?? undefined;
}

/**
 * A calendar date (`YYYY-MM-DD`). A bare date is taken as written; a time with an offset is the
 * date it was in the company's zone, which is the date on the paper invoice.
 */
export function parseCalendarDate(text: string, zone: string): string | undefined {
  const trimmed = text.trim();
  for (const layout of DATE_LAYOUTS) {
    const dt = fromLayout(trimmed, layout, zone);
    if (dt.isValid) return dt.toISODate() ?? undefined;
  }
  return parseLocal(trimmed, zone)?.setZone(zone).toISODate() ?? undefined;
}
