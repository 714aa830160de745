// talisman ships no type declarations; these cover the one function we use.
declare module 'talisman/metrics/damerau-levenshtein.js' {
  interface DamerauLevenshtein {
    (a: string, b: string): number;
    /** The distance, or Infinity as soon as it exceeds `max` (cheap for near-misses). */
    limited(max: number, a: string, b: string): number;
  }
  const damerauLevenshtein: DamerauLevenshtein;
  export default damerauLevenshtein;
}
