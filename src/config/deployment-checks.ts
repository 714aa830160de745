// What no single company's file can see: two companies under one id, two companies on one QuickBooks
// realm, one channel name meaning two chat channels (the outbox and channel health are keyed by
// channel name across the deployment), and a company under the portfolio's reserved id. Each refusal
// names both places.
import { isDeepStrictEqual } from 'node:util';
import type { Locate } from './locate';
import type { ParseError } from './parse-error';
import type { Config } from './schema';

export interface PlacedCompany {
  config: Config;
  /** Positions carry their file (see mergedLocator). */
  locate: Locate;
  file: string;
}

/** The key the portfolio digest's deliveries and lease use in place of a company id (src/portfolio/run-portfolio.ts). */
const RESERVED_ID = 'portfolio';

interface Seen {
  company: PlacedCompany;
  at: ParseError;
}

export function crossCompanyErrors(companies: readonly PlacedCompany[]): ParseError[] {
  const errors: ParseError[] = [];
  const ids = new Map<string, Seen>();
  const realms = new Map<string, Seen>();
  const channels = new Map<string, Seen & { settings: unknown }>();
  for (const company of companies) {
    const id = company.config.company.id;
    const idAt = place(company, ['company', 'id']);
    const other = ids.get(id);
    if (id === RESERVED_ID)
      errors.push({
        ...idAt,
        message: `company id "${id}" is reserved: the portfolio digest's delivery records and lease are kept under it`,
        hint: 'give the company another id, e.g. its name in lower case',
      });
    else if (other)
      errors.push({
        ...idAt,
        message: `company id "${id}" is already used by the company at ${where(other.at)}`,
        hint: 'give every company its own id: incidents, tokens and `--company` are keyed by it',
      });
    else ids.set(id, { company, at: idAt });

    company.config.sources.forEach((s, i) => {
      if (s.type !== 'quickbooks') return;
      const at = place(company, ['sources', i, 'realm_id']);
      const first = realms.get(s.realm_id);
      if (first && first.company.config.company.id !== id)
        errors.push({
          ...at,
          message: `QuickBooks realm ${s.realm_id} is already watched by company "${first.company.config.company.id}" (${where(first.at)})`,
          hint: 'each QuickBooks company (realm) belongs to one company here; set realm_id to this company’s own realm',
        });
      else if (!first) realms.set(s.realm_id, { company, at });
    });

    company.config.channels.forEach((c, i) => {
      const at = place(company, ['channels', i, 'name']);
      const first = channels.get(c.name);
      if (first && !isDeepStrictEqual(first.settings, c))
        errors.push({
          ...at,
          message: `channel "${c.name}" of company "${id}" is set differently from channel "${c.name}" of company "${first.company.config.company.id}" (${where(first.at)})`,
          hint: 'in one deployment a channel name means one chat channel: give this one its own name (and use it in routes)',
        });
      else if (!first) channels.set(c.name, { company, at, settings: c });
    });
  }
  return errors;
}

function place(company: PlacedCompany, path: Array<string | number>): ParseError {
  const pos = company.locate(path, 'value') as { line: number; col: number; file?: string };
  return { file: pos.file ?? company.file, line: pos.line, col: pos.col, message: '', hint: '' };
}

function where(at: ParseError): string {
  return `${at.file}:${at.line}:${at.col}`;
}
