// Records by the next instant a time-based rule may judge them differently (a grace period ending),
// so a poll with nothing changed still finds the invoice that just became late. A binary min-heap;
// an entry whose record was changed or removed since is stale and skipped when it comes up.

export class Deadlines {
  private readonly due: number[] = [];
  private readonly ids: string[] = [];
  /** Each record's current due instant: a heap entry counts only while it matches. */
  private readonly current = new Map<string, number>();

  set(id: string, at: number): void {
    if (at === Infinity) {
      this.current.delete(id);
      return;
    }
    if (this.current.get(id) === at) return;
    this.current.set(id, at);
    this.push(at, id);
  }

  remove(id: string): void {
    this.current.delete(id);
  }

  /** Takes every record due at or before `nowMs`. */
  takeDue(nowMs: number): string[] {
    const out: string[] = [];
    while (this.due.length > 0 && this.due[0]! <= nowMs) {
      const at = this.due[0]!;
      const id = this.ids[0]!;
      this.pop();
      if (this.current.get(id) === at) {
        this.current.delete(id);
        out.push(id);
      }
    }
    // Stale entries pile up as records change; rebuild when they outnumber the live ones.
    if (this.due.length > 2 * this.current.size + 1024) this.compact();
    return out;
  }

  private compact(): void {
    this.due.length = 0;
    this.ids.length = 0;
    for (const [id, at] of this.current) this.push(at, id);
  }

  private push(at: number, id: string): void {
    const { due, ids } = this;
    let i = due.length;
    due.push(at);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (due[parent]! <= at) break;
      due[i] = due[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    due[i] = at;
    ids[i] = id;
  }

  private pop(): void {
    const { due, ids } = this;
    const lastAt = due.pop()!;
    const lastId = ids.pop()!;
    if (due.length === 0) return;
    let i = 0;
    const n = due.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && due[r]! < due[l]! ? r : l;
      if (due[c]! >= lastAt) break;
      due[i] = due[c]!;
      ids[i] = ids[c]!;
      i = c;
    }
    due[i] = lastAt;
    ids[i] = lastId;
  }
}
