// Shared pieces of the QuickBooks → canonical mappers: boundary validation that yields a RecordProblem,
// and the normalisations every side must agree on (cents, UTC instants, e-mail, phone).
import type { CountryCode } from 'libphonenumber-js';
export { normaliseEmail, normalisePhone } from '../../src/domain/contact';
import type { z } from 'zod';
import { recordHash } from '../../src/domain/hash';
import { parseMoneyToCents } from '../../src/domain/money';
import type { CanonicalRecord, EntityKind, RecordProblem } from '../../src/domain/records';
import type { WireMeta } from './wire';

export interface MapContext {
  /** The configured source id. */
  source: string;
  /** `${baseUrl}${realmId}`: records point at their API object, e.g. `…/v3/company/123/invoice/239`. */
  resourceBase: string;
  /** Country for phone numbers written without a country code. */
  defaultCountry: CountryCode;
}

export type Mapped<T> = { record: T; problem?: undefined } | { record?: undefined; problem: RecordProblem };

/** Validates a wire row; on failure names the QuickBooks entity, its Id (when readable) and the field. */
export function parseRow<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  qboEntity: string,
  /** Undefined for the company's singletons (Preferences, CompanyInfo), which carry no record id. */
  kind: EntityKind | undefined,
  ctx: MapContext,
): { row: z.output<S>; problem?: undefined } | { row?: undefined; problem: RecordProblem } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { row: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue ? pathText(issue.path) : undefined;
  const id = typeof raw === 'object' && raw !== null ? (raw as { Id?: unknown }).Id : undefined;
  const sourceId = typeof id === 'string' && id !== '' ? id : undefined;
  const what = sourceId ? `${qboEntity} ${sourceId}` : kind ? `${qboEntity} without an Id` : qboEntity;
  return {
    problem: {
      source: ctx.source,
      side: 'quickbooks',
      entity: kind,
      sourceId,
      field,
      message: `${what}: ${field ?? 'row'} — ${issue?.message ?? 'could not be read'}`,
    },
  };
}

/** Adds the content hash once every other field is set. */
export function withHash<T extends CanonicalRecord>(record: Omit<T, 'hash'>): T {
  return { ...record, hash: recordHash({ ...record }) } as T;
}

export function cents(amount: number): number;
export function cents(amount: number | undefined): number | undefined;
export function cents(amount: number | undefined): number | undefined {
  if (amount === undefined) return undefined;
  // The number's shortest decimal text is what QuickBooks wrote; rounding amount * 100 would turn
  // 1.005 into 100 cents. Exponent forms (never real money) take the numeric path.
  const text = String(amount);
  return parseMoneyToCents(/e/i.test(text) ? amount : text);
}

/** QuickBooks stamps times in the company's offset; records carry UTC. */
export function utc(text: string | undefined): string | null {
  return text === undefined ? null : new Date(text).toISOString();
}

export function times(meta: WireMeta): { createdAt: string | null; updatedAt: string | null } {
  return { createdAt: utc(meta?.CreateTime), updatedAt: utc(meta?.LastUpdatedTime) };
}

/** E.164 when the number is possible for its country, else its digits (so "ext. 12" still compares). */

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}
