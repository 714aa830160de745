// Targeted re-checks asked for by a signed webhook: the next read of the source drains them. Polling
// stays the backstop, so a lost webhook only delays, and a repeated one is stored once.
export interface Recheck {
  /** Vendor topic (`INVOICE_UPDATE`). */
  topic: string;
  itemId: string;
  occurredAt?: string;
}

export class RecheckQueue {
  private readonly items = new Map<string, Recheck>();
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  /** False when the same delivery was already queued (webhooks arrive at least once). */
  push(r: Recheck): boolean {
    const delivery = `${r.topic}|${r.itemId}|${r.occurredAt ?? ''}`;
    if (this.seen.has(delivery)) return false;
    this.seen.add(delivery);
    if (this.seen.size > this.limit) this.seen.delete(this.seen.values().next().value as string);
    // Two updates of one record need one re-check.
    this.items.set(`${r.topic.split('_')[0]}|${r.itemId}`, r);
    return true;
  }

  /** Puts back re-checks a read took but could not finish; a newer one for the same record wins. */
  restore(items: readonly Recheck[]): void {
    for (const r of items) {
      const key = `${r.topic.split('_')[0]}|${r.itemId}`;
      if (!this.items.has(key)) this.items.set(key, r);
    }
  }

  drain(): Recheck[] {
    const out = [...this.items.values()];
    this.items.clear();
    return out;
  }

  get size(): number {
    return this.items.size;
  }
}
