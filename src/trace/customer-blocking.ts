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

/**
 * `keep` may leave out the name keys under an anchor (the part before "|") that no other customer
 * in the run holds (see anchorHolders): they can meet nobody, and skipping them skips most keys.
 */
export function blockingKeys(p: CustomerProfile, keep: (anchor: string) => boolean = () => true): BlockingKeys {
  const words = keyedWords(p);
  const keys: string[] = [];
  const passive: string[] = [];
  if (p.email) keys.push(`@${p.email}`);
  if (p.phone) keys.push(`#${p.phone}`);
  if (words.length === 1 && keep(SINGLE)) for (const t of typos(words[0]!)) keys.push(SINGLE + t);
  for (const a of words) {
    for (const anchor of anchorsOf(a)) {
      if (!keep(anchor)) continue;
      for (const b of words) {
        if (b === a) continue;
        for (const t of typos(b)) keys.push(anchor + t);
        passive.push(`${anchor}.${b[0]}`);
      }
      for (const i of p.name.initials) keys.push(`${anchor}.${i}`);
    }
  }
  return { keys, passive };
}

const SINGLE = '1|';
const keyedWords = (p: CustomerProfile) => [...new Set(p.name.words)].slice(0, KEYED_WORDS);

/** Anchor → how many of `profiles` hold it (each profile counted once). */
export function anchorHolders(profiles: readonly CustomerProfile[]): Map<string, number> {
  const holders = new Map<string, number>();
  profiles.forEach((p) => {
    const words = keyedWords(p);
    const anchors = new Set(words.flatMap(anchorsOf));
    if (words.length === 1) anchors.add(SINGLE);
    for (const a of anchors) holders.set(a, (holders.get(a) ?? 0) + 1);
  });
  return holders;
}

// Names repeat (Smith, Maria, Garcia): a word's typo forms and anchors are worked out once. Both
// caches are emptied when they grow past CACHE_CAP words, so a long-running service stays bounded.
const CACHE_CAP = 200_000;
const typoCache = new Map<string, readonly string[]>();
const anchorCache = new Map<string, readonly string[]>();

/** The word and, when it is long enough to carry a slip, each of its one-letter deletions. */
function typos(w: string): readonly string[] {
  let out = typoCache.get(w);
  if (!out) {
    out = [w, ...(w.length >= 5 && !/\d/.test(w) ? deletions(w) : [])];
    if (typoCache.size >= CACHE_CAP) typoCache.clear();
    typoCache.set(w, out);
  }
  return out;
}

/** What a word anchors its keys under, with the separator: its given-name rows, or itself. */
function anchorsOf(a: string): readonly string[] {
  let out = anchorCache.get(a);
  if (!out) {
    const rows = variantRows(a);
    out = rows.length > 0 ? rows.map((r) => `r${r}|`) : [`${a}|`];
    if (anchorCache.size >= CACHE_CAP) anchorCache.clear();
    anchorCache.set(a, out);
  }
  return out;
}

/** Customers by key, for finding earlier customers that share a key with a new one. */
export class CandidateIndex {
  // Most keys hold one customer: a bare id until a second one arrives saves an array per key.
  private readonly buckets = new Map<string, number | number[]>();
  /** metAt[j] === the current meeting: j is already among its candidates (cheaper than a Set per meeting). */
  private metAt = new Int32Array(1024);
  private meeting = 0;

  /** The ids (0 or more) already indexed under any active key, each once; then indexes `id` under all its keys. */
  meet(id: number, { keys, passive }: BlockingKeys, index = true): number[] {
    const stamp = ++this.meeting;
    const out: number[] = [];
    if (index && id >= this.metAt.length) this.grow(id);
    // One lookup per key both reads the bucket and files `id` in it: `id` itself is skipped when read.
    for (const k of keys) {
      const bucket = this.buckets.get(k);
      if (bucket === undefined) {
        if (index) this.buckets.set(k, id);
      } else if (typeof bucket === 'number') {
        if (bucket !== id) {
          if (this.metAt[bucket] !== stamp) {
            this.metAt[bucket] = stamp;
            out.push(bucket);
          }
          if (index) this.buckets.set(k, [bucket, id]);
        }
      } else if (bucket.length < BUCKET_CAP) {
        for (const j of bucket) {
          if (j === id || this.metAt[j] === stamp) continue;
          this.metAt[j] = stamp;
          out.push(j);
        }
        if (index && bucket[bucket.length - 1] !== id) bucket.push(id);
      }
    }
    if (index) for (const k of passive) this.add(k, id);
    return out;
  }

  private add(key: string, id: number): void {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, id);
    else if (typeof bucket === 'number') {
      if (bucket !== id) this.buckets.set(key, [bucket, id]);
    } else if (bucket.length < BUCKET_CAP && bucket[bucket.length - 1] !== id) bucket.push(id);
  }

  private grow(id: number): void {
    const bigger = new Int32Array(Math.max(id + 1, this.metAt.length * 2));
    bigger.set(this.metAt);
    this.metAt = bigger;
  }
}
