// Finds where a path's value (or key) is written in the YAML source, so an error can say line and
// column. Paths come from zod, which sees the plain data; the yaml document keeps the source ranges.
import { isAlias, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import type { Path } from './path';

export interface Position {
  line: number;
  col: number;
}

/** `value`: the value written at the path; `key`: the key that introduces it. */
export type Target = 'value' | 'key';

export type Locate = (path: Path, target?: Target) => Position;

export function locator(doc: Document, lines: LineCounter): Locate {
  return (path, target = 'value') => {
    let node: unknown = doc.contents;
    let offset = start(node) ?? 0;
    for (const [i, segment] of path.entries()) {
      // Keys below an alias are written at its anchor; the alias itself is where the value is used.
      if (isAlias(node)) node = node.resolve(doc);
      const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment)) : undefined;
      const next = pair ? pair.value : isSeq(node) && typeof segment === 'number' ? node.items[segment] : undefined;
      // Deeper than the file goes (a key that is missing): stay at the nearest place that exists.
      if (pair === undefined && next === undefined) break;
      const keyStart = start(pair?.key);
      const valueStart = start(next);
      const preferKey = (target === 'key' && i === path.length - 1) || isBlank(next);
      offset = (preferKey ? (keyStart ?? valueStart) : (valueStart ?? keyStart)) ?? offset;
      node = next;
    }
    return lines.linePos(offset);
  };
}

function start(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

/** `grace:` with nothing after it: the empty value sits at the end of the line, so the key says more. */
function isBlank(node: unknown): boolean {
  return isScalar(node) && !!node.range && node.range[0] === node.range[1];
}
