// The match keys nearly every company writes are "fixed words, then the id": `FieldPro invoice (?<id>\S+)`,
// `(?:FieldPro|Card) payment (?<id>\S+)`. Each RE2 call crosses into WebAssembly and costs ~6 µs, a
// second of every 100k-invoice poll; such a pattern is answered here with indexOf instead, with RE2's
// exact meaning (leftmost match, earlier alternative first, `\S` = not one of RE2's five spaces), and
// in time linear in the note. Any other pattern, or a note with a UTF-16 surrogate, goes to RE2.
import type { LinearRegex } from './linear-regex';

/** RE2's `\s`: tab, newline, form feed, carriage return, space (not \v, not Unicode spaces). */
const isRe2Space = (code: number) => code === 9 || code === 10 || code === 12 || code === 13 || code === 32;
/** Characters that mean something in a pattern; the fixed words may hold none of them. */
const META = /[\\^$.|?*+()[\]{}\uD800-\uDFFF]/;
/** Fixed-word alternatives are multiplied out; past this many, RE2 answers. */
const MAX_PREFIXES = 16;

/** A matcher for `words (?<id>\S+)` patterns, or undefined when the pattern has any other shape. */
export function literalIdPattern(pattern: string, fallback: LinearRegex): LinearRegex | undefined {
  const tail = /\(\?P?<id>\\S\+\)$/.exec(pattern);
  if (!tail) return undefined;
  const prefixes = expand(pattern.slice(0, tail.index));
  if (!prefixes) return undefined;
  const surrogate = /[\uD800-\uDFFF]/;
  return {
    exec(text) {
      if (surrogate.test(text)) return fallback.exec(text);
      let best: { at: number; prefix: string } | undefined;
      for (const prefix of prefixes) {
        const at = firstFollowedByWord(text, prefix, best?.at);
        if (at !== undefined && (best === undefined || at < best.at)) best = { at, prefix };
      }
      if (!best) return null;
      const start = best.at + best.prefix.length;
      let end = start;
      while (end < text.length && !isRe2Space(text.charCodeAt(end))) end++;
      const id = text.slice(start, end);
      return { 0: best.prefix + id, 1: id, groups: { id } };
    },
  };
}

/** The first place at or before `limit` where `prefix` is followed by a non-space, if any. */
function firstFollowedByWord(text: string, prefix: string, limit: number | undefined): number | undefined {
  // `at + prefix.length < text.length` also ends the walk for an empty prefix, which indexOf finds everywhere.
  for (
    let at = text.indexOf(prefix);
    at >= 0 && at + prefix.length < text.length && (limit === undefined || at <= limit);
    at = text.indexOf(prefix, at + 1)
  ) {
    if (!isRe2Space(text.charCodeAt(at + prefix.length))) return at;
  }
  return undefined;
}

/**
 * "a(?:b|c)d" → ["abd", "acd"], in RE2's order of preference; undefined for anything but fixed
 * characters and non-capturing groups of fixed alternatives.
 */
function expand(head: string): string[] | undefined {
  let out = [''];
  for (const part of head.split(/(\(\?:[^()]*\))/)) {
    if (part === '') continue;
    const alternatives = part.startsWith('(?:') ? part.slice(3, -1).split('|') : [part];
    if (alternatives.some((a) => META.test(a))) return undefined;
    out = out.flatMap((p) => alternatives.map((a) => p + a));
    if (out.length > MAX_PREFIXES) return undefined;
  }
  return out;
}
