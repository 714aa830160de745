import { distance } from 'fastest-levenshtein';

const SUFFIXES = new Set(['inc', 'llc', 'ltd', 'co', 'corp', 'company', 'the']);

/**
 * Folds the ways one name gets typed twice: case, punctuation, "&" vs "and", company suffixes,
 * word order ("Whitfield, Dana"). QuickBooks itself treats trailing spaces and "&"/"and" as clashes.
 */
export function normaliseName(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !SUFFIXES.has(w));
  return words.sort().join(' ');
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

/** Blocking key for fuzzy search: only names sharing it are compared, so matching stays near-linear. */
export function nameBlock(name: string): string {
  return normaliseName(name).slice(0, 2);
}
