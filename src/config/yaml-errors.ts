// The yaml library's syntax errors, retold for the person who edits the file. Its own messages
// ("Implicit keys need to be on a single line") name parser states; ours name what to change.
import { visit } from 'yaml';
import type { Document, LineCounter, YAMLError } from 'yaml';

export interface Explanation {
  message: string;
  hint: string;
}

const TAB: Explanation = { message: 'a tab is used for indentation', hint: 'indent with spaces; YAML does not allow tabs there' };

const INDENT: Explanation = {
  message: 'this line is not indented to match the lines around it',
  hint: 'line up the keys of one block in the same column, using spaces',
};

export function explainYamlError(error: YAMLError, text: string, doc: Document, lines: LineCounter): Explanation {
  const at = text.slice(error.pos[0]);
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return TAB;
    case 'BAD_INDENT': {
      // A tab after some spaces of indentation surfaces as a bad indent, not as a tab.
      if (/^ *\t/.test(at)) return TAB;
      const flow = /^Flow (sequence|map) .* end with a (.)$/.exec(error.message);
      if (!flow) return INDENT;
      const [what, open] = flow[1] === 'sequence' ? ['list', '['] : ['mapping', '{'];
      return {
        message: `a ${what} opened with ${open} is not closed before this line`,
        hint: `add the closing ${flow[2]} where the ${what} ends`,
      };
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return {
        message: 'this line is indented deeper than the key above it allows',
        hint: 'line it up with the keys above, or end the key above it with ":" and nothing after',
      };
    case 'MULTILINE_IMPLICIT_KEY':
      return {
        message: 'a key here spans more than one line',
        hint: 'add the missing ":" after the key, or fix the indentation of the line below',
      };
    case 'DUPLICATE_KEY': {
      const key = /^["']?([^"':\n]*)/.exec(at)?.[1]?.trim() ?? '';
      return { message: `the key "${key}" appears twice in the same block`, hint: 'keep one of them and delete the other' };
    }
    case 'MISSING_CHAR':
      return explainMissingChar(error, doc, lines);
    case 'BAD_SCALAR_START':
      return { message: `a value cannot start with "${at.charAt(0)}"`, hint: 'put the whole value in quotes' };
    case 'BAD_DQ_ESCAPE':
      return {
        message: 'a backslash in double quotes starts an escape that YAML does not know',
        hint: 'use single quotes instead, or write \\\\ for a backslash',
      };
    case 'NON_STRING_KEY':
      return explainKey(at);
    case 'MULTIPLE_DOCS':
      return {
        message: 'the file holds more than one YAML document (a "---" line)',
        hint: 'keep one document per file and remove the "---" line',
      };
    default:
      return notYaml(error.message);
  }
}

/**
 * Keys are names (read with the parser's stringKeys). A list or mapping as a key would otherwise be
 * turned into text with only a process warning on stderr; an alias or a tag as a key is refused too.
 */
function explainKey(at: string): Explanation {
  const alias = /^\*([^\s:,[\]{}]+)/.exec(at)?.[1];
  if (alias) return { message: `the key *${alias} is an alias, not a name`, hint: `write the key out as plain text instead of *${alias}` };
  const tag = /^!\S*/.exec(at)?.[0];
  if (tag) return { message: `the key has the tag ${tag}, so it is not plain text`, hint: `remove ${tag} from the key; keys are names` };
  return {
    message: 'a key here is a list or a mapping, not a name',
    hint: 'write the key as plain text (name: value); a list or mapping belongs after the colon, as the value',
  };
}

function explainMissingChar(error: YAMLError, doc: Document, lines: LineCounter): Explanation {
  const original = error.message;
  const quote = /^Missing closing (["'])quote/.exec(original)?.[1];
  if (quote) {
    // The parser notices at the end of the file; the line the quote opened on is where to look.
    const line = quoteOpening(doc, error.pos[0], lines);
    const opened = line === undefined ? '' : ` on line ${line}`;
    return {
      message: `the ${quote} opened${opened} is never closed, so the file ends inside the quotes`,
      hint: `add the closing ${quote} where the value${opened} ends`,
    };
  }
  if (/^Sequence item without/.test(original)) return INDENT;
  if (/^Implicit map keys need/.test(original)) {
    return { message: 'a key here has no value', hint: 'write it as key: value, with a colon and a space' };
  }
  if (/^Missing space after :/.test(original)) {
    return { message: 'a ":" has no space after it', hint: 'put a space after the colon' };
  }
  if (/^Missing , /.test(original)) {
    return { message: 'items inside [ ] or { } are not separated', hint: 'put a comma between the items' };
  }
  if (/^Comments must be separated/.test(original)) {
    return { message: 'a "#" comment touches the text before it', hint: 'put a space before the "#"' };
  }
  return notYaml(original);
}

/** For the rare errors we have no better words for, the library's own, so nothing is lost. */
function notYaml(original: string): Explanation {
  return {
    message: `this is not valid YAML (${original.replace(/\.$/, '')})`,
    hint: 'check the indentation, colons and quotes on this line',
  };
}

function quoteOpening(doc: Document, end: number, lines: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || node.range?.[1] !== end) return undefined;
      line = lines.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}
