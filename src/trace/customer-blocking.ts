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

/**
 * A name key is an anchor (a word or given-name row) and a second part (a word, one of its typo
 * forms, or ".initial"), kept as two strings: both come from per-word caches, so filing 300k keys
 * builds no new strings. Lists hold anchor and part alternately, in the order they are looked up.
 */
export interface BlockingKeys {
  /** E-mail and phone keys, to meet others under and to be met under; looked up before the name keys. */
  keys: string[];
  /** Name keys to meet others under, and to be met under. */
  names: string[];
  /** Name keys to be met under only: a full word's initial waits for a name written with initials. */
  passive: string[];
}

/**
 * `keep` may leave out the name keys under an anchor that no other customer in the run holds (see
 * anchorHolders): they can meet nobody, and skipping them skips most keys.
 */
export function blockingKeys(p: CustomerProfile, keep: (anchor: string) => boolean = () => true): BlockingKeys {
  const words = keyedWords(p);
  const keys: string[] = [];
  const names: string[] = [];
  const passive: string[] = [];
  if (p.email) keys.push(`@${p.email}`);
  if (p.phone) keys.push(`#${p.phone}`);
  if (words.length === 1 && keep(SINGLE)) for (const t of typos(words[0]!)) names.push(SINGLE, t);
  for (const a of words) {
    for (const anchor of anchorsOf(a)) {
      if (!keep(anchor)) continue;
      for (const b of words) {
        if (b === a) continue;
        for (const t of typos(b)) names.push(anchor, t);
        passive.push(anchor, initialKey(b[0]!));
      }
      for (const i of p.name.initials) names.push(anchor, initialKey(i));
    }
  }
  return { keys, names, passive };
}

/** The anchor of a single-word name's keys (a word "1" anchors under the same, as it always has). */
const SINGLE = '1';
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
const initialKeys = new Map<string, string>();

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

/** What a word anchors its keys under: its given-name rows ("r12"), or itself. */
function anchorsOf(a: string): readonly string[] {
  let out = anchorCache.get(a);
  if (!out) {
    const rows = variantRows(a);
    out = rows.length > 0 ? rows.map((r) => `r${r}`) : [a];
    if (anchorCache.size >= CACHE_CAP) anchorCache.clear();
    anchorCache.set(a, out);
  }
  return out;
}

/** ".j": an initial's part, distinct from every word (words hold no dots). */
function initialKey(letter: string): string {
  let out = initialKeys.get(letter);
  if (out === undefined) initialKeys.set(letter, (out = `.${letter}`));
  return out;
}

/** Customers by key, for finding earlier customers that share a key with a new one. */
export class CandidateIndex {
  // Most keys hold one customer: a bare id until a second one arrives saves an array per key.
  private readonly byDetail = new Map<string, Bucket>();
  private readonly byAnchor = new Map<string, Map<string, Bucket>>();
  /** metAt[j] === the current meeting: j is already among its candidates (cheaper than a Set per meeting). */
  private metAt = new Int32Array(1024);
  private meeting = 0;

  /** The ids (0 or more) already indexed under any active key, each once; then indexes `id` under all its keys. */
  meet(id: number, { keys, names, passive }: BlockingKeys, index = true): number[] {
    const stamp = ++this.meeting;
    const out: number[] = [];
    if (index && id >= this.metAt.length) this.grow(id);
    for (const k of keys) this.visit(this.byDetail, k, id, stamp, out, index);
    for (let n = 0; n < names.length; n += 2) {
      const parts = this.byAnchor.get(names[n]!);
      if (parts) this.visit(parts, names[n + 1]!, id, stamp, out, index);
      else if (index) this.byAnchor.set(names[n]!, new Map([[names[n + 1]!, id]]));
    }
    if (index) {
      for (let n = 0; n < passive.length; n += 2) {
        const parts = this.byAnchor.get(passive[n]!);
        if (parts) this.visit(parts, passive[n + 1]!, id, stamp, undefined, true);
        else this.byAnchor.set(passive[n]!, new Map([[passive[n + 1]!, id]]));
      }
    }
    return out;
  }

  /**
   * One lookup both reads a bucket (into `out`, unless passive) and files `id` in it: `id` itself is
   * skipped when read, and a bucket at the cap is neither read nor grown.
   */
  private visit(buckets: Map<string, Bucket>, key: string, id: number, stamp: number, out: number[] | undefined, index: boolean): void {
    const bucket = buckets.get(key);
    if (bucket === undefined) {
      if (index) buckets.set(key, id);
    } else if (typeof bucket === 'number') {
      if (bucket === id) return;
      if (out && this.metAt[bucket] !== stamp) {
        this.metAt[bucket] = stamp;
        out.push(bucket);
      }
      if (index) buckets.set(key, [bucket, id]);
    } else if (bucket.length < BUCKET_CAP) {
      if (out) {
        for (const j of bucket) {
          if (j === id || this.metAt[j] === stamp) continue;
          this.metAt[j] = stamp;
          out.push(j);
        }
      }
      if (index && bucket[bucket.length - 1] !== id) bucket.push(id);
    }
  }

  private grow(id: number): void {
    const bigger = new Int32Array(Math.max(id + 1, this.metAt.length * 2));
    bigger.set(this.metAt);
    this.metAt = bigger;
  }
}

type Bucket = number | number[];
