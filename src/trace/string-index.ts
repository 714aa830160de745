/**
 * String → value, for the indexes reconcile builds over a million ids, numbers and references.
 * A built-in Map with string keys costs two to three times as much per insert and lookup as this
 * open-addressing table (FNV-1a hashes kept beside the keys, so most probes compare two integers),
 * and those indexes are most of reconcile's time. Insert and lookup only: nothing here is deleted
 * or iterated.
 */
export class StringIndex<V> {
  /** Entry number + 1 per slot; 0 is an empty slot. Always at most half full. */
  private slots = new Int32Array(16);
  private hashes = new Int32Array(8);
  private readonly keys: string[] = [];
  private readonly values: V[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(key: string): V | undefined {
    const entry = this.find(key, hashOf(key));
    return entry >= 0 ? this.values[entry] : undefined;
  }

  has(key: string): boolean {
    return this.find(key, hashOf(key)) >= 0;
  }

  /** Sets the key's value; true when the key is new, false when it replaced a value. */
  set(key: string, value: V): boolean {
    const hash = hashOf(key);
    const entry = this.find(key, hash);
    if (entry >= 0) {
      this.values[entry] = value;
      return false;
    }
    const n = this.keys.length;
    if (n === this.hashes.length) {
      const hashes = new Int32Array(n * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.keys.push(key);
    this.values.push(value);
    this.hashes[n] = hash;
    if ((n + 1) * 2 > this.slots.length) this.grow();
    else this.slots[-entry - 1] = n + 1;
    return true;
  }

  /** The entry holding `key`, or -(slot + 1) for the empty slot where it would go. */
  private find(key: string, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const e = slots[i]! - 1;
      if (e < 0) return -i - 1;
      if (this.hashes[e] === hash && this.keys[e] === key) return e;
    }
  }

  /** Doubles the slots and places every entry again (the newest included). */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const hashes = this.hashes;
    for (let e = 0; e < this.keys.length; e++) {
      let i = hashes[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over UTF-16 code units, then mixed so that ids differing in the last digit spread out. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
