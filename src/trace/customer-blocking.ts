// Which customers are worth comparing. Comparing every pair is quadratic (100k customers = 5 billion
// pairs); comparing sorted neighbours misses "Katherine"/"Catherine", which sort far apart. Instead
// each customer gets keys built from two of its name words: one as written (or as its given-name row,
// so Bob meets Robert), the other as written, with any one letter deleted (so any one-letter typo or
// transposition still shares a key), or as its initial (so "J. Public" meets "John Public").
// Customers sharing a key, an e-mail or a phone are candidates; the evidence decides.
import { variantRows } from './given-name-variants';
import { deletions } from './customer-name';
import type { CustomerProfile } from './customer-evidence';

/** Buckets bigger than this are a very common name pair or a shared inbox; their members meet through other keys. */
const BUCKET_CAP = 250;
/** Only the first words of a long business name are keyed. */
const KEYED_WORDS = 4;

export function blockingKeys(p: CustomerProfile): string[] {
  const words = [...new Set(p.name.words)].slice(0, KEYED_WORDS);
  const keys: string[] = [];
  if (p.email) keys.push(`@${p.email}`);
  if (p.phone) keys.push(`#${p.phone}`);
  const tails = (w: string) => [w, ...(w.length >= 5 && !/\d/.test(w) ? deletions(w) : []), `.${w[0]}`];
  if (words.length === 1) for (const t of tails(words[0]!)) keys.push(`1|${t}`);
  for (const a of words) {
    const rows = variantRows(a);
    const anchors = rows.length > 0 ? rows.map((r) => `r${r}`) : [a];
    for (const anchor of anchors) {
      for (const b of words) if (b !== a) for (const t of tails(b)) keys.push(`${anchor}|${t}`);
      for (const i of p.name.initials) keys.push(`${anchor}|.${i}`);
    }
  }
  return keys;
}

/** Customers by key, for finding earlier customers that share a key with a new one. */
export class CandidateIndex {
  private readonly buckets = new Map<string, number[]>();

  /** The ids already indexed under any of the keys (each once), then indexes `id` under them. */
  meet(id: number, keys: readonly string[], index = true): number[] {
    const seen = new Set<number>();
    for (const k of keys) {
      let bucket = this.buckets.get(k);
      if (bucket && bucket.length >= BUCKET_CAP) continue;
      if (bucket) for (const j of bucket) seen.add(j);
      if (!index) continue;
      if (!bucket) this.buckets.set(k, (bucket = []));
      bucket.push(id);
    }
    seen.delete(id);
    return [...seen];
  }
}
