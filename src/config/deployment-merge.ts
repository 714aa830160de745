// A company of a deployment is its own keys over the shared defaults: mappings merge key by key, a
// list or a value in the company replaces the default's whole. An error in the merged company is
// placed where its value was written: in the company's entry (or its include file) or in `defaults:`.
import type { Locate, Position, Target } from './locate';
import { isRecord, valueAt, type Path } from './path';

export function mergeUnder(defaults: unknown, own: unknown): unknown {
  if (own === undefined) return defaults;
  if (!isRecord(defaults) || !isRecord(own)) return own;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(own)) merged[key] = mergeUnder(defaults[key], value);
  return merged;
}

/** Where a merged company's paths are written, each with the file it is in. */
export interface WrittenIn {
  data: unknown;
  file: string;
  locate: Locate;
}

/**
 * A locate over the merged company: a path the company wrote is found in the company's text, one only
 * the defaults wrote in `defaults:`, and a missing one at the company entry. The position carries its
 * file, which overrides the file validate() was given.
 */
export function mergedLocator(own: WrittenIn, defaults: WrittenIn): Locate {
  return (path: Path, target?: Target): Position & { file: string } => {
    const from = writtenDepth(own.data, path) >= writtenDepth(defaults.data, path) ? own : defaults;
    return { file: from.file, ...from.locate(path, target) };
  };
}

/** How far along `path` the text of `data` goes: the longer side wrote the value (the company on a tie). */
function writtenDepth(data: unknown, path: Path): number {
  for (let depth = path.length; depth > 0; depth--) if (valueAt(data, path.slice(0, depth)) !== undefined) return depth;
  return 0;
}

/** A locate for a mapping nested at `prefix` of a file, as if it were a file of its own. */
export function locateWithin(locate: Locate, prefix: Path): Locate {
  return (path, target) => locate([...prefix, ...path], target);
}
