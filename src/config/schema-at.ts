// Looks up the part of a schema that governs one place in a file, so an error can name what belongs
// there: the keys a mapping allows, or "a duration" rather than the "string" zod checked first.
import { z } from 'zod';
import { calendarDate, duration, money } from '../rules/values';
import { isRecord, valueAt, type Path } from './path';

/** Value types whose zod shape (a string, a union) says less than their name. */
const NAMED = new Map<z.ZodType, { name: string; hint: string }>([
  [duration, { name: 'a duration', hint: 'write a number and a unit, e.g. 30m, 24h, 3d or 2w' }],
  [money, { name: 'an amount of money', hint: 'write dollars, e.g. 500 or 12.50' }],
  [calendarDate, { name: 'a date', hint: 'write it as YYYY-MM-DD' }],
]);

/** The keys a mapping at `path` may hold, in the schema's order. */
export function allowedKeys(schema: z.ZodType, data: unknown, path: Path): string[] {
  const at = settle(schemaAt(schema, data, path), valueAt(data, path));
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

/**
 * When the mapping at `path` is one option of a discriminated union and `key` belongs to others:
 * the discriminator and the values that take the key (`kind`, [`duplicate`]), for "keys is only
 * for duplicate rules" instead of a guess at a typo.
 */
export function optionsWithKey(
  schema: z.ZodType,
  data: unknown,
  path: Path,
  key: string,
): { discriminator: string; values: string[] } | undefined {
  const union = strip(schemaAt(schema, data, path));
  if (!(union instanceof z.ZodDiscriminatedUnion)) return undefined;
  const discriminator = union.def.discriminator;
  const values = (union.options as z.ZodType[]).flatMap((o) => {
    const literal = o instanceof z.ZodObject && key in o.shape ? o.shape[discriminator] : undefined;
    return literal instanceof z.ZodLiteral ? [String(literal.value)] : [];
  });
  return values.length > 0 ? { discriminator, values } : undefined;
}

/** "a duration" and how to write one, when the value at `path` is one of the named value types. */
export function namedValue(schema: z.ZodType, data: unknown, path: Path): { name: string; hint: string } | undefined {
  for (let at = schemaAt(schema, data, path); at !== undefined; at = unwrapOnce(at)) {
    const named = NAMED.get(at);
    if (named) return named;
  }
  return undefined;
}

/** The schema as declared for `path` (wrappers kept), walking the data alongside to pick union options. */
function schemaAt(schema: z.ZodType, data: unknown, path: Path): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const [i, segment] of path.entries()) {
    const settled = settle(at, valueAt(data, path.slice(0, i)));
    at = settled && child(settled, segment);
  }
  return at;
}

function child(schema: z.ZodType, segment: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) return (schema.shape as Record<string, z.ZodType>)[String(segment)];
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  return undefined;
}

/** Picks the option of a discriminated union the data chose, past optional/default wrappers. */
function settle(schema: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
  const at = strip(schema);
  if (at instanceof z.ZodDiscriminatedUnion) {
    const key = at.def.discriminator;
    const options = at.options as z.ZodType[];
    return options.find((o) => o instanceof z.ZodObject && isRecord(value) && (o.shape[key] as z.ZodType).safeParse(value[key]).success);
  }
  return at;
}

function strip(schema: z.ZodType | undefined): z.ZodType | undefined {
  let at = schema;
  for (let inner = at && unwrapOnce(at); inner !== undefined; inner = unwrapOnce(inner)) at = inner;
  return at;
}

function unwrapOnce(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return schema.unwrap() as z.ZodType;
  }
  // A transform (duration, money) is checked by its input schema first.
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
  return undefined;
}
