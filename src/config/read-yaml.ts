// Turns YAML text into plain data plus a way back to the source positions, or into syntax errors
// told in plain words. Knows nothing of what the data should look like.
import { LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document } from 'yaml';
import { locator, type Locate } from './locate';
import type { ParseError } from './parse-error';
import { explainYamlError } from './yaml-errors';

export type YamlRead = { ok: true; data: unknown; locate: Locate } | { ok: false; errors: ParseError[] };

export function readYaml(text: string, file: string): YamlRead {
  const lines = new LineCounter();
  // stringKeys: a key that is a list or a mapping is an error at its place, not a stringified key and
  // a process warning on stderr.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, stringKeys: true });
  const at = (offset: number) => ({ file, ...lines.linePos(offset) });

  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => ({ ...at(e.pos[0]), ...explainYamlError(e, text, doc, lines) }));
    return { ok: false, errors: firstPerLine(errors) };
  }
  try {
    return { ok: true, data: doc.toJS(), locate: locator(doc, lines) };
  } catch (err) {
    // The parser accepts an alias to an anchor that does not exist; only building the data notices.
    const alias = unresolvedAlias(doc);
    if (alias) {
      return {
        ok: false,
        errors: [
          {
            ...at(alias.range?.[0] ?? 0),
            message: `*${alias.source} refers to an anchor &${alias.source} that is not defined above it`,
            hint: `define &${alias.source} before this line, or write the value out in full`,
          },
        ],
      };
    }
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      errors: [{ ...at(0), message: `the file cannot be read (${reason})`, hint: 'use fewer anchors (&) and aliases (*)' }],
    };
  }
}

/** One slip (an unclosed bracket, a bad indent) often trips several errors on a line; the first says most. */
function firstPerLine(errors: ParseError[]): ParseError[] {
  const seen = new Set<number>();
  return errors.filter((e) => !seen.has(e.line) && seen.add(e.line));
}

function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}
