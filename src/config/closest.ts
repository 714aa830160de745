// "did you mean": the allowed word a typo most likely meant, if any is close enough to be a typo.
import { distance } from 'fastest-levenshtein';

/** The candidate nearest to `word`, when at most about a third of its letters differ. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  // A third of the letters allows a swap ("titel") in short keys without matching unrelated ones.
  const allowed = Math.max(1, Math.ceil(typed.length / 3));
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(typed, candidate.toLowerCase());
    if (d <= allowed && (best === undefined || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}
