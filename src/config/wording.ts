// The words errors are built from: how to name a place in the file, a value found there, and the
// type that was expected instead, for a reader who knows YAML but not zod.
import type { Path } from './path';
import type { Vocabulary } from './vocabulary';

export interface Place {
  /** The named item the place is in: `rule "late-invoice"`. */
  owner?: string;
  /** Keys below the owner, dotted: `urgency.amount_over`; empty for the owner itself. */
  keys: string;
  /** The place is an entry of the list at `keys`, not the key itself. */
  item: boolean;
  /** The file's top level. */
  root: boolean;
}

export function placeOf(path: Path, data: unknown, vocabulary: Vocabulary): Place {
  const owner = vocabulary.owner(path, data);
  const rest = path.slice(owner?.depth ?? 0);
  return {
    ...(owner && { owner: owner.label }),
    keys: rest.filter((s) => typeof s === 'string').join('.'),
    item: rest.length > 0 && typeof rest[rest.length - 1] === 'number',
    root: path.length === 0,
  };
}

/** `grace in rule "late-invoice"`, `an item of impact in rule "x"`, `company.close_day`, `rule #2`. */
export function subject(place: Place): string {
  const keys = place.item && place.keys ? `an item of ${place.keys}` : place.keys;
  if (keys && place.owner) return `${keys} in ${place.owner}`;
  return keys || place.owner || 'the top level of the file';
}

/** `kind "lately" in rule "late-invoice"`: the key together with what is written there. */
export function named(place: Place, value: unknown): string {
  if (!place.keys) return `${show(value)} in ${subject(place)}`;
  return place.owner ? `${place.keys} ${show(value)} in ${place.owner}` : `${place.keys} ${show(value)}`;
}

/** Where an unknown key sits: `in rule "x"`, `under urgency in rule "x"`, `at the top level`. */
export function within(place: Place): string {
  if (place.root) return 'at the top level';
  return place.keys ? `under ${subject(place)}` : `in ${subject(place)}`;
}

/** A value as written in the file: strings quoted, numbers and booleans bare. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return String(value);
}

/** A list of allowed values as a person would write them in the file: `late, missing, orphan`. */
export function list(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

/** What was found, for "expected a list, found the text "billing"". */
export function found(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return show(value);
}

const EXPECTED: Record<string, { name: string; hint: string }> = {
  object: { name: 'a mapping', hint: 'write it as key: value lines, indented below it' },
  record: { name: 'a mapping', hint: 'write it as key: value lines, indented below it' },
  array: { name: 'a list', hint: 'write it as a list: [first, second], or one "- item" per line' },
  string: { name: 'text', hint: 'write it as text, in quotes if it contains ": " or " #"' },
  number: { name: 'a number', hint: 'write a number without quotes' },
  int: { name: 'a whole number', hint: 'write a whole number without quotes' },
  boolean: { name: 'true or false', hint: 'write true or false, without quotes' },
};

/** zod's name for a type ("array") in the reader's words ("a list"), with how to write one. */
export function expectedType(expected: string): { name: string; hint: string } {
  return EXPECTED[expected] ?? { name: `a ${expected}`, hint: `write a ${expected} here` };
}
