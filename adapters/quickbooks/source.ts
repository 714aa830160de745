// QuickBooks Online as a SourcePort: a full read of every entity the rules look at, plus the company
// settings that shape them. A read either returns everything or throws; a partial company would look
// like mass deletions to the store.
import { isSupportedCountry } from 'libphonenumber-js';
import { SentinelError } from '../../src/domain/errors';
import type { SourcePort, SourceRead } from '../../src/ports/source';
import type { CanonicalRecord, RecordProblem } from '../../src/domain/records';
import { createQuickbooksClient, type Criterion, type QueryEntity } from './client';
import { mapCompany } from './map-company';
import { mapCustomer, mapDeposit, mapInvoice, mapPayment, mapReference, type MapContext } from './map';
import type { Mapped } from './map-support';

export interface QuickbooksSourceOptions {
  id: string;
  displayName?: string;
  realmId: string;
  /** Ends in /v3/company/. */
  baseUrl: string;
  tokenUrl?: string;
  minorVersion: number;
  timeoutMs: number;
  credentials: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
  /** ISO country for phone numbers without a country code (default US). */
  defaultCountry?: string;
}

/** Name lists hide inactive rows unless asked; deactivated customers and items still matter. */
const ACTIVE_OR_NOT: Criterion[] = [{ field: 'Active', value: [true, false], operator: 'IN' }];

/** What to read, in summary order, and how each row becomes a record. */
const READS: Array<{ entity: QueryEntity; plural: string; filters: Criterion[]; map: (raw: unknown, ctx: MapContext) => Mapped<CanonicalRecord> }> = [
  { entity: 'Invoice', plural: 'invoices', filters: [], map: mapInvoice },
  { entity: 'Payment', plural: 'payments', filters: [], map: mapPayment },
  { entity: 'Deposit', plural: 'deposits', filters: [], map: mapDeposit },
  { entity: 'Customer', plural: 'customers', filters: ACTIVE_OR_NOT, map: mapCustomer },
  { entity: 'Class', plural: 'classes', filters: ACTIVE_OR_NOT, map: (raw, ctx) => mapReference('Class', raw, ctx) },
  { entity: 'Department', plural: 'locations', filters: ACTIVE_OR_NOT, map: (raw, ctx) => mapReference('Department', raw, ctx) },
  { entity: 'Item', plural: 'items', filters: ACTIVE_OR_NOT, map: (raw, ctx) => mapReference('Item', raw, ctx) },
];

export function createQuickbooksSource(opts: QuickbooksSourceOptions): SourcePort {
  const country = (opts.defaultCountry ?? 'US').toUpperCase();
  // An unknown country would silently turn every local phone number into bare digits.
  if (!isSupportedCountry(country)) {
    throw new SentinelError('config.default_country', 'config', `Unknown default country "${country}" for phone numbers: use a two-letter ISO code such as US, CA or GB.`);
  }
  const client = createQuickbooksClient(opts);
  const ctx: MapContext = { source: opts.id, resourceBase: `${opts.baseUrl}${opts.realmId}`, defaultCountry: country };

  return {
    id: opts.id,
    side: 'quickbooks',
    displayName: opts.displayName ?? 'QuickBooks Online',
    async read(): Promise<SourceRead> {
      const records: CanonicalRecord[] = [];
      const problems: RecordProblem[] = [];
      const counts: string[] = [];
      // One request at a time keeps a full read well inside QuickBooks' per-company rate limits.
      for (const { entity, plural, filters, map } of READS) {
        const rows = await client.queryAll(entity, filters);
        let mapped = 0;
        for (const raw of rows) {
          const result = map(raw, ctx);
          if (result.problem) {
            problems.push(result.problem);
          } else {
            records.push(result.record);
            mapped++;
          }
        }
        counts.push(`${mapped} ${plural}`);
      }
      const company = mapCompany(await client.preferences(), await client.companyInfo(), ctx);
      problems.push(...company.problems);
      const skipped = problems.length > 0 ? `; ${problems.length} could not be mapped` : '';
      return { mode: 'full', records, problems, preferences: company.preferences, summary: `${counts.join(', ')}${skipped}` };
    },
  };
}
