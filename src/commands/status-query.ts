// The words after `/sync-status` (Slack) or `@bot sync-status` (Teams) or `sync-sentinel status`:
// parsed once here so every surface understands the same filters and sub-commands.
import { SEVERITIES, type Severity } from '../config/schema';
import { closest } from '../config/closest';
import type { EntityKind } from '../domain/records';

export interface StatusFilters {
  entity?: EntityKind;
  location?: string;
  severity?: Severity;
}

export type StatusQuery =
  | { kind: 'status'; filters: StatusFilters; public: boolean }
  | { kind: 'trace'; ref: string; public: boolean }
  | { kind: 'close'; public: boolean }
  | { kind: 'help' }
  | { kind: 'unknown'; message: string };

const ENTITIES: Record<string, EntityKind> = {
  customer: 'customer',
  customers: 'customer',
  job: 'job',
  jobs: 'job',
  invoice: 'invoice',
  invoices: 'invoice',
  payment: 'payment',
  payments: 'payment',
  deposit: 'deposit',
  deposits: 'deposit',
};
const FILTER_KEYS: Record<string, keyof StatusFilters> = {
  entity: 'entity',
  type: 'entity',
  location: 'location',
  loc: 'location',
  severity: 'severity',
  sev: 'severity',
};
const SUBCOMMANDS = ['help', 'trace', 'close', 'public'];

/** The sub-commands and filters, for `help` and for unknown input. */
export const STATUS_HELP: ReadonlyArray<{ usage: string; what: string }> = [
  { usage: '', what: 'overall health, each source, open incidents by severity, money at risk, oldest unsynced record' },
  { usage: 'high', what: 'only incidents of that severity (critical, high, medium, low); also `severity:high`' },
  {
    usage: 'invoices',
    what: 'only incidents about that kind of record (invoices, payments, jobs, customers, deposits); also `entity:invoice`',
  },
  { usage: 'location:denver', what: 'only incidents at that location (a bare place name works too)' },
  { usage: 'trace 1043', what: 'the chain job → invoice → QuickBooks invoice → payment for a job or invoice number' },
  { usage: 'trace check 7781', what: 'the same chain from a payment: its reference (check number) on either side → the invoices it pays' },
  { usage: 'close', what: 'what must be corrected by hand before this month’s books close, with the money' },
  { usage: 'public', what: 'add to any of the above to share the answer in the channel' },
  { usage: 'help', what: 'this list' },
];

export function parseStatusQuery(text: string): StatusQuery {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const shared = words.some((w) => w.toLowerCase() === 'public');
  const rest = words.filter((w) => w.toLowerCase() !== 'public');
  const first = rest[0]?.toLowerCase();

  if (first === 'help' || first === '?') return { kind: 'help' };
  if (first === 'trace') {
    const ref = rest.slice(1).join(' ').trim();
    if (!ref)
      return { kind: 'unknown', message: '`trace` needs a job number, invoice number, payment reference or record id, e.g. `trace 1043`.' };
    return { kind: 'trace', ref, public: shared };
  }
  if (first === 'close') {
    if (rest.length > 1)
      return { kind: 'unknown', message: '`close` takes nothing after it: it lists everything to correct before the books close.' };
    return { kind: 'close', public: shared };
  }

  const filters: StatusFilters = {};
  const place: string[] = [];
  for (const word of rest) {
    const pair = /^([a-z]+)[:=](.*)$/i.exec(word);
    if (pair) {
      const key = FILTER_KEYS[pair[1]!.toLowerCase()];
      if (!key) {
        const near = closest(pair[1]!, Object.keys(FILTER_KEYS));
        return {
          kind: 'unknown',
          message: `"${pair[1]}" is not a filter${near ? ` — did you mean \`${near}:\`?` : ''}. Filters are \`severity:\`, \`entity:\` and \`location:\`.`,
        };
      }
      const problem = setFilter(filters, key, pair[2]!);
      if (problem) return { kind: 'unknown', message: problem };
      continue;
    }
    const lower = word.toLowerCase();
    if ((SEVERITIES as readonly string[]).includes(lower)) filters.severity = lower as Severity;
    else if (ENTITIES[lower]) filters.entity = ENTITIES[lower];
    else place.push(word);
  }
  if (place.length > 0) {
    // A lone word that is a typo of a sub-command is more likely that than a place.
    const near =
      place.length === 1 && rest.length === 1 ? closest(place[0]!, [...SUBCOMMANDS, ...SEVERITIES, ...Object.keys(ENTITIES)]) : undefined;
    if (near)
      return { kind: 'unknown', message: `"${place[0]}" is not something sync-status knows — did you mean \`${near}\`? Try \`help\`.` };
    // `location:salt lake`: the words after a location filter continue its name.
    filters.location = [filters.location, ...place].filter(Boolean).join(' ');
  }
  return { kind: 'status', filters, public: shared };
}

function setFilter(filters: StatusFilters, key: keyof StatusFilters, raw: string): string | undefined {
  const value = raw.trim();
  if (!value)
    return `\`${key}:\` needs a value, e.g. \`${key === 'severity' ? 'severity:high' : key === 'entity' ? 'entity:invoice' : 'location:denver'}\`.`;
  if (key === 'severity') {
    if (!(SEVERITIES as readonly string[]).includes(value.toLowerCase()))
      return `"${value}" is not a severity — use critical, high, medium or low.`;
    filters.severity = value.toLowerCase() as Severity;
  } else if (key === 'entity') {
    const entity = ENTITIES[value.toLowerCase()];
    if (!entity) {
      const near = closest(value, Object.keys(ENTITIES));
      return `"${value}" is not a kind of record${near ? ` — did you mean \`${near}\`?` : ''}. Use invoice, payment, job, customer or deposit.`;
    }
    filters.entity = entity;
  } else {
    filters.location = value;
  }
  return undefined;
}
