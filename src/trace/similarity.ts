import { distance } from 'fastest-levenshtein';

const SUFFIXES = new Set(['inc', 'llc', 'ltd', 'co', 'corp', 'company', 'the']);

/**
 * Folds the ways one name gets typed twice: case, punctuation, "&" vs "and", company suffixes,
 * word order ("Whitfield, Dana"). QuickBooks itself treats trailing spaces and "&"/"and" as clashes.
 */
export function normaliseName(name: string): string {
  const words = asciiWords(name) ?? unicodeWords(name);
  return words
    .filter((w) => w !== '' && !SUFFIXES.has(w))
    .sort()
    .join(' ');
}

function unicodeWords(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/);
}

/**
 * The same words for a name in plain ASCII (nearly every name), in one pass without regular
 * expressions: lower-case letters and digits make words, "&" is the word "and", anything else
 * separates words. Undefined when the name has any other character.
 */
function asciiWords(name: string): string[] | undefined {
  const words: string[] = [];
  let start = -1;
  let word = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 127) return undefined;
    const upper = c >= 65 && c <= 90;
    if (upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (upper) {
        if (start >= 0) word += name.slice(start, i);
        word += String.fromCharCode(c + 32);
        start = -1;
      } else if (start < 0) start = i;
      continue;
    }
    if (start >= 0) word += name.slice(start, i);
    if (word !== '') words.push(word);
    word = '';
    start = -1;
    if (c === 38) words.push('and');
  }
  if (start >= 0) word += name.slice(start);
  if (word !== '') words.push(word);
  return words;
}

/** 1 for identical normalised names, 0 for nothing in common (Levenshtein ratio). */
export function nameSimilarity(a: string, b: string): number {
  return normalisedSimilarity(normaliseName(a), normaliseName(b));
}

/** The same, for names already passed through normaliseName. */
export function normalisedSimilarity(x: string, y: string): number {
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}
