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

export interface BlockingKeys {
  /** Keys to meet others under, and to be met under. */
  keys: string[];
  /** Keys to be met under only: a full word's initial waits for a name written with initials. */
  passive: string[];
}

export function blockingKeys(p: CustomerProfile): BlockingKeys {
  const words = [...new Set(p.name.words)].slice(0, KEYED_WORDS);
  const keys: string[] = [];
  const passive: string[] = [];
  if (p.email) keys.push(`@${p.email}`);
  if (p.phone) keys.push(`#${p.phone}`);
  const typos = (w: string) => [w, ...(w.length >= 5 && !/\d/.test(w) ? deletions(w) : [])];
  if (words.length === 1) for (const t of typos(words[0]!)) keys.push(`1|${t}`);
  for (const a of words) {
    const rows = variantRows(a);
    const anchors = rows.length > 0 ? rows.map((r) => `r${r}`) : [a];
    for (const anchor of anchors) {
      for (const b of words) {
        if (b === a) continue;
        for (const t of typos(b)) keys.push(`${anchor}|${t}`);
        passive.push(`${anchor}|.${b[0]}`);
      }
      for (const i of p.name.initials) keys.push(`${anchor}|.${i}`);
    }
  }
  return { keys, passive };
}

/** Customers by key, for finding earlier customers that share a key with a new one. */
export class CandidateIndex {
  private readonly buckets = new Map<string, number[]>();
  /** metAt[j] === the current meeting: j is already among its candidates (cheaper than a Set per meeting). */
  private metAt = new Int32Array(1024);
  private meeting = 0;

  /** The ids (0 or more) already indexed under any active key, each once; then indexes `id` under all its keys. */
  meet(id: number, { keys, passive }: BlockingKeys, index = true): number[] {
    const stamp = ++this.meeting;
    const out: number[] = [];
    for (const k of keys) {
      const bucket = this.buckets.get(k);
      if (!bucket || bucket.length >= BUCKET_CAP) continue;
      for (const j of bucket) {
        if (j === id || this.metAt[j] === stamp) continue;
        this.metAt[j] = stamp;
        out.push(j);
      }
    }
    if (index) {
      if (id >= this.metAt.length) this.grow(id);
      for (const k of keys) this.add(k, id);
      for (const k of passive) this.add(k, id);
    }
    return out;
  }

  private add(key: string, id: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, [id]);
    else if (bucket.length < BUCKET_CAP && bucket[bucket.length - 1] !== id) bucket.push(id);
  }

  private grow(id: number): void {
    const bigger = new Int32Array(Math.max(id + 1, this.metAt.length * 2));
    bigger.set(this.metAt);
    this.metAt = bigger;
  }
}
