// One zod issue → the sentence a person needs: what is wrong at which key of which item, and how to
// fix it. Only the kind of value the schema wanted is taken from zod; the words are ours.
import type { z } from 'zod';
import { closest } from './closest';
import type { Target } from './locate';
import { pathPattern, valueAt, type Path } from './path';
import { allowedKeys, namedValue, optionsWithKey } from './schema-at';
import type { KeyNotes, Vocabulary } from './vocabulary';
import { expectedType, found, list, named, placeOf, subject, within, type Place } from './wording';

/** The message zod gives an issue the schema did not word itself (see parseYaml's error map). */
export const UNWORDED = '\u0000unworded';

export interface Described {
  path: Path;
  target: Target;
  message: string;
  hint: string;
}

export interface IssueContext {
  schema: z.ZodType;
  data: unknown;
  vocabulary: Vocabulary;
}

/** Everything about the place an issue is at, worked out once. */
interface Spot {
  path: Path;
  value: unknown;
  place: Place;
  notes: KeyNotes;
  /** The schema's own words for the issue, when it has them. */
  own?: string;
}

export function describeIssue(issue: z.core.$ZodIssue, ctx: IssueContext): Described[] {
  const path = issue.path;
  const spot: Spot = {
    path,
    value: valueAt(ctx.data, path),
    place: placeOf(path, ctx.data, ctx.vocabulary),
    notes: ctx.vocabulary.notes[pathPattern(path)] ?? {},
    ...(issue.message !== UNWORDED && { own: issue.message }),
  };
  const { place, value, notes, own } = spot;
  const at = (message: string, hint: string): Described => ({ path, target: 'value', message, hint });

  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownKey(path, key, ctx));
  const last = path[path.length - 1];
  if (value === undefined && typeof last === 'string') return [missingKey(spot, last, issue, ctx)];
  const key = String([...path].reverse().find((s) => typeof s === 'string') ?? 'value');

  switch (issue.code) {
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        return [at(`${named(place, value)} is not ${notes.noun ?? `an allowed ${key}`}`, `use one of ${list(issue.options)}`)];
      }
      return [wrongType(spot, unionExpectation(issue.errors), ctx)];
    case 'invalid_type':
      return [wrongType(spot, expectedType(issue.expected), ctx)];
    case 'invalid_value': {
      const one = issue.values.length === 1;
      const noun = notes.noun ?? (one ? 'allowed here' : `an allowed ${key}`);
      return [at(`${named(place, value)} is not ${noun}`, `use ${one ? '' : 'one of '}${list(issue.values)}`)];
    }
    case 'too_small':
    case 'too_big':
      return [outOfRange(spot, issue)];
    case 'invalid_format':
      if (issue.format === 'url') return [at(`${named(place, value)} is not a web address`, 'write a full address starting with https://')];
      return [at(`${named(place, value)} is not written the right way`, own ?? `it must match ${issue.pattern ?? issue.format}`)];
    case 'custom': {
      if (own === undefined) return [at(`${subject(place)} is not valid`, 'check this value')];
      // Value types word their own errors as "what — how"; add the place, which they cannot know.
      const [what, how] = splitDash(own);
      return [at(`${what} (${subject(place)})`, how ?? 'check this value')];
    }
    default:
      return [at(`${subject(place)} is not valid`, own ?? issue.message)];
  }
}

function unknownKey(parent: Path, key: string, ctx: IssueContext): Described {
  const allowed = allowedKeys(ctx.schema, ctx.data, parent);
  const elsewhere = optionsWithKey(ctx.schema, ctx.data, parent, key);
  const guess = closest(key, allowed);
  let hint: string;
  // A key copied from a rule of another kind is no typo; say which kinds it belongs to.
  if (elsewhere) {
    const { discriminator, values } = elsewhere;
    hint = `only ${discriminator}: ${values.join(' or ')} uses ${key}; remove it, or change the ${discriminator}`;
  } else if (guess) hint = `did you mean "${guess}"?`;
  else hint = `remove it, or use one of ${list(allowed)}`;
  const where = within(placeOf(parent, ctx.data, ctx.vocabulary));
  return { path: [...parent, key], target: 'key', message: `unknown key "${key}" ${where}`, hint };
}

/** Reported at the mapping that lacks the key: there is no line of its own to point at. */
function missingKey({ path, notes }: Spot, key: string, issue: z.core.$ZodIssue, ctx: IssueContext): Described {
  const parentPath = path.slice(0, -1);
  const parent = placeOf(parentPath, ctx.data, ctx.vocabulary);
  const choices = issue.code === 'invalid_value' ? issue.values : 'options' in issue ? issue.options : undefined;
  let hint: string;
  if (notes.hint) hint = notes.hint;
  else if (notes.example) hint = `add ${notes.example}${why(notes)}`;
  else if (choices) hint = `add ${key}: with one of ${list(choices)}`;
  else hint = `add ${key}: followed by ${(namedValue(ctx.schema, ctx.data, path) ?? expectedType(expected(issue))).name}`;
  const owner = parent.root ? 'the file' : subject(parent);
  return { path: parentPath, target: 'value', message: `${owner} is missing "${key}"`, hint };
}

function wrongType({ path, value, place, notes }: Spot, fallback: { name: string; hint: string }, ctx: IssueContext): Described {
  const type = namedValue(ctx.schema, ctx.data, path) ?? fallback;
  const hint = notes.hint ?? (notes.example ? `write ${notes.example}${why(notes)}` : type.hint);
  if (value === null) {
    return { path, target: 'value', message: place.root ? 'the file is empty' : `${subject(place)} is empty`, hint };
  }
  return { path, target: 'value', message: `${subject(place)} has the wrong type: expected ${type.name}, found ${found(value)}`, hint };
}

function outOfRange({ path, value, place, notes, own }: Spot, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Described {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const at = (message: string, hint: string): Described => ({ path, target: 'value', message, hint: own ?? hint });

  if (issue.origin === 'array' || issue.origin === 'string') {
    const unit = issue.origin === 'array' ? 'item' : 'character';
    if ((Array.isArray(value) || typeof value === 'string') && value.length === 0) {
      return at(
        `${subject(place)} is empty`,
        notes.example ? `write ${notes.example}${why(notes)}` : `write at least ${count(limit, unit)}`,
      );
    }
    if (issue.exact) return at(`${named(place, value)} has the wrong length`, `write exactly ${count(limit, unit)}`);
    return at(`${named(place, value)} is too ${small ? 'short' : 'long'}`, `write ${small ? 'at least' : 'at most'} ${count(limit, unit)}`);
  }
  const inclusive = issue.inclusive !== false;
  if (small) return at(`${named(place, value)} is below ${limit}`, inclusive ? `use ${limit} or more` : `use more than ${limit}`);
  return at(`${named(place, value)} is above ${limit}`, inclusive ? `use ${limit} or less` : `use less than ${limit}`);
}

/** For a plain union (a number or a text), what its options wanted together. */
function unionExpectation(errors: z.core.$ZodIssue[][]): { name: string; hint: string } {
  const types = errors.flatMap((branch) => branch.flatMap((i) => (i.path.length === 0 ? [expectedType(expected(i))] : [])));
  return { name: types.map((t) => t.name).join(' or ') || 'another value', hint: types[0]?.hint ?? 'check this value' };
}

function expected(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_type' ? issue.expected : 'value';
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function why(notes: KeyNotes): string {
  return notes.why ? ` (${notes.why})` : '';
}

function splitDash(message: string): [string, string | undefined] {
  const at = message.indexOf(' — ');
  return at < 0 ? [message, undefined] : [message.slice(0, at), message.slice(at + 3)];
}
