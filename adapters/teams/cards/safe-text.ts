// Record text (customer names, memos, notes) reaches Teams only through here. Cards carry it in
// TextRun elements, which Teams never reads as markdown; this also defuses what a TextRun or the
// notification summary could still turn into something live: <at> mentions and other tags,
// {{DATE()}} / ${…} expressions, clickable URLs, and bidi or control characters that disguise a line.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Plain, inert text of at most `max` characters (an ellipsis marks a cut). */
export function safeText(value: unknown, max = 300): string {
  let s = String(value ?? '')
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\{\{/g, '{ {')
    .replace(/\$\{/g, '$ {')
    // A link that reaches a reader must be one they type, never one they click.
    .replace(/\b(https?|ftp|mailto|tel|file|javascript|data|vbscript):/gi, '$1[:]')
    .replace(/\bwww\./gi, 'www[.]');
  if (s.length > max) s = `${s.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
  return s;
}

/** One line: newlines folded to spaces (titles, list entries). */
export function safeLine(value: unknown, max = 300): string {
  return safeText(String(value ?? '').replace(/\s*[\r\n]+\s*/g, ' '), max);
}
