// What a kind of file calls its parts, so errors speak of `rule "late-invoice"` and `grace: 24h`
// instead of `rules[3].grace`. Each file format (rules, config) supplies one.
import { isRecord, valueAt, type Path } from './path';

export interface KeyNotes {
  /** A line to copy into the file, e.g. `grace: 24h`. */
  example?: string;
  /** What the key means, shown after the example. */
  why?: string;
  /** The kind of thing its values are, with an article: `a rule kind`, `an impact area`. */
  noun?: string;
  /** A whole how-to-fix sentence, for keys an example line cannot show (lists of mappings). */
  hint?: string;
}

export interface Owner {
  /** `rule "late-invoice"`, or `rule #2` when it has no usable name. */
  label: string;
  /** How many path segments lead to the owner (2 for ["rules", 1, ...]). */
  depth: number;
}

export interface Vocabulary {
  /** The named item a path falls inside, if any. */
  owner(path: Path, data: unknown): Owner | undefined;
  /** Notes per path pattern (`rules[].grace`, see pathPattern); `` is the file itself. */
  notes: Record<string, KeyNotes>;
}

/**
 * Owners for the items of top-level lists: `lists.rules = { noun: 'rule', nameKey: 'id' }` names
 * ["rules", 1, ...] `rule "late-invoice"` by its id, or `rule #2` (counting from 1) without one.
 */
export function ownersByList(lists: Record<string, { noun: string; nameKey?: string }>): Vocabulary['owner'] {
  return (path, data) => {
    const [list, index] = path;
    const spec = typeof list === 'string' ? lists[list] : undefined;
    if (spec === undefined || typeof index !== 'number') return undefined;
    const item = valueAt(data, [list as string, index]);
    // An error about the name itself names the item by number: `id "Bad Id" in rule "Bad Id"` says nothing.
    const aboutName = path.length === 3 && path[2] === spec.nameKey;
    const name = spec.nameKey !== undefined && !aboutName && isRecord(item) ? item[spec.nameKey] : undefined;
    const label = typeof name === 'string' && name !== '' ? `${spec.noun} "${name}"` : `${spec.noun} #${index + 1}`;
    return { label, depth: 2 };
  };
}
