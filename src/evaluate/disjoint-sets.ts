/** Union-find over record indexes: every pair found merges into one group. */
export class DisjointSets {
  private readonly parent: Int32Array;
  private touched = new Set<number>();
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    this.touched.add(a).add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** Groups of two or more, each sorted by index. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (const i of this.touched) {
      const r = this.find(i);
      const group = byRoot.get(r);
      if (group) group.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()].filter((g) => g.length > 1).map((g) => g.sort((x, y) => x - y));
  }
}
