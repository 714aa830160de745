// The one sanitiser for record text in Teams: alert cards, sync-status answers and the digest reach
// Teams only through here. Cards carry text in TextRun elements (elements.ts), which Teams never reads
// as markdown, so `[label](https://…)`, `*` and `_` stay words; this also defuses what a TextRun or
// the notification summary could still turn into something live: <at> mentions and other tags,
// {{DATE()}} / ${…} expressions, clickable URLs, and terminal escapes, control characters and bidi
// overrides that disguise a line (src/domain/visible-text.ts; emoji sequences are kept whole).
import { clipVisible, visibleText } from '../../../src/domain/visible-text';

/** Plain, inert text of at most `max` characters (an ellipsis marks a cut). */
export function safeText(value: unknown, max = 300): string {
  const s = visibleText(String(value ?? ''))
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\{\{/g, '{ {')
    .replace(/\$\{/g, '$ {')
    // A link that reaches a reader must be one they type, never one they click.
    .replace(/\b(https?|ftp|mailto|tel|file|javascript|data|vbscript):/gi, '$1[:]')
    .replace(/\bwww\./gi, 'www[.]');
  return clipVisible(s, max);
}

/** One line: newlines folded to spaces (titles, list entries). */
export function safeLine(value: unknown, max = 300): string {
  return safeText(String(value ?? '').replace(/\s*[\r\n]+\s*/g, ' '), max);
}
