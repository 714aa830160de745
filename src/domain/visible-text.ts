// Record text is typed by people outside our control, and some characters change what a reader sees
// without being seen themselves: terminal escape sequences, control characters, and the bidi
// overrides and isolates that reorder a line ("\u202Egnp.exe" reads as "exe.png"). Every chat's
// sanitiser starts here. Emoji stay whole: the zero-width joiner (U+200D) that builds a family or a
// profession, variation selectors and regional-indicator flags are kept as typed.
import stripAnsi from 'strip-ansi';

/**
 * C0 controls except tab and line breaks (handled apart), DEL and C1 controls, the Arabic letter mark,
 * zero-width space, left-to-right and right-to-left marks, bidi embeddings, overrides and isolates,
 * and the byte-order mark.
 */
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** The text as a reader should see it: escape sequences and hidden characters gone, line breaks as `\n`, tabs as spaces. */
export function visibleText(text: string): string {
  return stripAnsi(text).replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(HIDDEN, '');
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The last place at or before `end` where `text` can be cut without splitting what a reader sees as
 * one character: an emoji sequence, a flag, a letter and its accent, a surrogate pair.
 */
export function graphemeCut(text: string, end: number): number {
  if (end >= text.length) return text.length;
  if (end <= 0) return 0;
  // Clusters are short (a family emoji is 11 code units): a window around the cut finds the boundary.
  const from = Math.max(0, end - 64);
  let cut = from;
  for (const { index } of graphemes.segment(text.slice(from, end + 64))) {
    if (from + index > end) break;
    cut = from + index;
  }
  return cut;
}

/** At most `max` characters, ending with an ellipsis when cut, never inside an emoji or a letter's accents. */
export function clipVisible(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, graphemeCut(text, Math.max(0, max - 1))).trimEnd()}…`;
}
