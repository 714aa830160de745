// Where the company's checked history begins. A field tool often holds years of invoices from before
// the QuickBooks sync was switched on; those never synced and never will, and are not failures.
// The start is the configured company.history_from, else the day the sync was plainly at work from.
import { DateTime } from 'luxon';
import type { CanonicalRecord, InvoiceRecord } from '../domain/records';
import type { Reconciliation } from '../trace/reconcile';

export interface HistoryStart {
  /** First calendar day in scope (YYYY-MM-DD, company time zone). */
  from: string;
  /** Read from the data rather than set in the config: the backlog before it is reported once. */
  inferred: boolean;
  /** The company time zone, in which record instants are turned into calendar days. */
  zone: string;
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of a date or instant in the zone; undefined when absent or unreadable. */
export function dayIn(value: string | null | undefined, zone: string): string | undefined {
  if (!value) return undefined;
  if (CALENDAR_DAY.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // One formatter per zone: a poll turns thousands of instants into days, and building a zoned
  // date-time for each one costs more than the whole evaluation.
  let format = dayFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  const day = format.format(ms);
  return CALENDAR_DAY.test(day) ? day : (DateTime.fromMillis(ms, { zone }).toISODate() ?? undefined);
}

/**
 * The day a record belongs to for the history start: the latest of its business dates, so a record
 * touched after the start by any of them stays checked. QuickBooks records also count their creation
 * (a backdated invoice typed in last week is recent work). Undefined: no date, always in scope.
 */
export function recordDay(r: CanonicalRecord, zone: string): string | undefined {
  const cached = days.get(r);
  if (cached !== undefined && cached.zone === zone) return cached.day;
  const day = dayOf(r, zone);
  days.set(r, { zone, day });
  return day;
}

const days = new WeakMap<CanonicalRecord, { zone: string; day: string | undefined }>();

function dayOf(r: CanonicalRecord, zone: string): string | undefined {
  const qb = r.side === 'quickbooks' ? [r.createdAt] : [];
  let dates: Array<string | null | undefined>;
  switch (r.entity) {
    case 'invoice':
      dates = [r.issuedAt, r.txnDate, ...qb];
      break;
    case 'payment':
      dates = [r.receivedAt, r.date, ...qb];
      break;
    case 'job':
      dates = [r.completedAt ?? r.createdAt];
      break;
    case 'deposit':
      dates = [r.date, ...qb];
      break;
    case 'customer':
      dates = [r.createdAt];
      break;
    default:
      return undefined;
  }
  let latest: string | undefined;
  for (const d of dates) {
    const day = dayIn(d, zone);
    if (day !== undefined && (latest === undefined || day > latest)) latest = day;
  }
  return latest ?? (r.entity === 'customer' ? undefined : dayIn(r.createdAt, zone));
}

/** Invoices the sync is expected to carry: drafts stay in the field tool and voids often never leave it. */
function expectedToSync(inv: InvoiceRecord): boolean {
  return inv.status !== 'draft' && inv.status !== 'void';
}

/** A month's tail that decides the start must rest on this many synced invoices, not on a stray one. */
const MIN_TAIL_LINKED = 3;

/**
 * The day the sync plainly began: in the earliest calendar month in which at least half of the upstream
 * invoices have a QuickBooks twin, the day of its first synced invoice — or earlier, in the month before,
 * from the day on which that month's remaining invoices were mostly synced too (a sync switched on
 * mid-month). A handful of old invoices typed into QuickBooks by hand (numbers that happen to match)
 * leave their months far below half, so they do not pull the start back. No linked invoice: no start.
 */
export function inferHistoryStart(recon: Reconciliation, zone: string): string | undefined {
  const months = new Map<string, Array<{ day: string; linked: boolean }>>();
  for (const inv of recon.sides.upstream.invoices) {
    if (!expectedToSync(inv)) continue;
    const day = recordDay(inv, zone);
    if (day === undefined) continue;
    const month = day.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push({ day, linked: recon.qbInvoicesByUpstream.has(inv) });
    months.set(month, list);
  }
  let earliest: string | undefined;
  for (const [month, list] of months) {
    const linked = list.filter((x) => x.linked).length;
    if (linked > 0 && linked * 2 >= list.length && (earliest === undefined || month < earliest)) earliest = month;
  }
  if (earliest === undefined) return undefined;
  const firstSynced = months
    .get(earliest)!
    .filter((x) => x.linked)
    .reduce((d, x) => (x.day < d ? x.day : d), '9999-12-31');
  return mostlySyncedTail(months.get(previousMonth(earliest)) ?? []) ?? firstSynced;
}

/** The earliest synced day of a month from which at least half of its remaining invoices are synced. */
function mostlySyncedTail(list: ReadonlyArray<{ day: string; linked: boolean }>): string | undefined {
  const sorted = [...list].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let linkedAfter = sorted.filter((x) => x.linked).length;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (x.linked && linkedAfter >= MIN_TAIL_LINKED && linkedAfter * 2 >= sorted.length - i) return x.day;
    if (x.linked) linkedAfter--;
  }
  return undefined;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The configured start wins; otherwise the inferred one; otherwise everything is checked. */
export function historyStart(recon: Reconciliation, configured: string | undefined, zone: string): HistoryStart | undefined {
  if (configured !== undefined) return { from: configured, inferred: false, zone };
  const from = inferHistoryStart(recon, zone);
  return from === undefined ? undefined : { from, inferred: true, zone };
}
