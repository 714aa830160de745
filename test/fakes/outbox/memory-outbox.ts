// The outbox and thread table in memory: the delivery worker's tests run on it (both claim orders
// the port allows), and test/contracts/outbox.contract.test.ts holds it to the SQLite store's contract.
import type { DeliveryOp, OutboxItem, ThreadRef } from '../../../src/notify/outbox';
import type { DeliveryClaim, StorePort } from '../../../src/ports/store';
import { COMPANY } from '../../builders/incidents';
import { anOutboxItem } from '../../builders/notify';

export type DeliveryMethods =
  | 'claimDeliveries'
  | 'inFlightDeliveries'
  | 'takeOverDelivery'
  | 'markDelivered'
  | 'markRetry'
  | 'markSuperseded'
  | 'hasNewerEdit'
  | 'pendingDeliveryCount'
  | 'threadRef';

/**
 * How a store may honour "the next due items of a channel in order (oldest first per incident)":
 * `one-per-incident` claims only an incident's oldest queued item, as the SQLite store does;
 * `all-due` claims every due item, holding an incident back only behind an item still waiting.
 */
export type ClaimMode = 'one-per-incident' | 'all-due';

/** The outbox and thread table in memory. */
export class MemoryOutbox implements Pick<StorePort, DeliveryMethods> {
  readonly items: OutboxItem[] = [];
  readonly threads = new Map<string, ThreadRef>();

  constructor(private readonly mode: ClaimMode = 'one-per-incident') {}

  queue(incidentId: string, op: DeliveryOp = 'reply', overrides: Partial<OutboxItem> = {}): OutboxItem {
    const item = anOutboxItem(this.items.length + 1, incidentId, { op, ...overrides });
    this.items.push(item);
    return item;
  }

  item(id: number): OutboxItem {
    const found = this.items.find((i) => i.id === id);
    if (!found) throw new Error(`no outbox item ${id}`);
    return found;
  }

  hasThread(incidentId: string, parentRef = `ts-${incidentId}`): void {
    this.threads.set(incidentId, { companyId: COMPANY, incidentId, channel: 'ops', destination: 'C-OPS', parentRef });
  }

  async claimDeliveries(channel: string, now: string, limit: number, claim?: DeliveryClaim): Promise<OutboxItem[]> {
    const held = new Set<string>();
    const claimed: OutboxItem[] = [];
    for (const item of this.items) {
      if (item.channel !== channel || (item.status !== 'pending' && item.status !== 'sending')) continue;
      const due = item.status === 'pending' && Date.parse(item.nextAttemptAt) <= Date.parse(now);
      const blocked = held.has(item.incidentId);
      if (!due || this.mode === 'one-per-incident') held.add(item.incidentId);
      if (!due || blocked || claimed.length >= limit) continue;
      claimed.push(item);
    }
    for (const item of claimed)
      Object.assign(item, {
        status: 'sending',
        attempts: item.attempts + 1,
        claimedBy: claim?.owner ?? null,
        claimExpiresAt: claim?.until ?? null,
      });
    return claimed.map((i) => ({ ...i }));
  }

  async inFlightDeliveries(channel: string): Promise<OutboxItem[]> {
    return this.items.filter((i) => i.channel === channel && i.status === 'sending').map((i) => ({ ...i }));
  }

  async takeOverDelivery(id: number, from: string | null, claim: { owner: string; until: string }): Promise<boolean> {
    const item = this.item(id);
    if (item.status !== 'sending' || (item.claimedBy ?? null) !== from) return false;
    Object.assign(item, { claimedBy: claim.owner, claimExpiresAt: claim.until });
    return true;
  }

  async markDelivered(id: number, _now: string, thread?: ThreadRef): Promise<void> {
    this.item(id).status = 'sent';
    if (thread) this.threads.set(thread.incidentId, thread);
  }

  async markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    Object.assign(this.item(id), { status: 'pending', lastError: error, nextAttemptAt });
  }

  async markSuperseded(ids: number[]): Promise<void> {
    for (const id of ids) if (this.item(id).status !== 'sent') this.item(id).status = 'superseded';
  }

  async hasNewerEdit(item: OutboxItem): Promise<boolean> {
    return this.items.some(
      (x) =>
        x.id > item.id &&
        x.incidentId === item.incidentId &&
        x.channel === item.channel &&
        x.op === 'edit_parent' &&
        (x.status === 'pending' || x.status === 'sending'),
    );
  }

  async pendingDeliveryCount(channel?: string): Promise<number> {
    return this.items.filter((i) => (channel === undefined || i.channel === channel) && (i.status === 'pending' || i.status === 'sending'))
      .length;
  }

  async threadRef(_companyId: string, incidentId: string, channel: string): Promise<ThreadRef | null> {
    const t = this.threads.get(incidentId);
    return t && t.channel === channel ? t : null;
  }

  /** The store the worker takes; anything beyond delivery is a mistake and throws. */
  asStore(): StorePort {
    return new Proxy(this, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop);
        if (typeof value !== 'function') throw new Error(`delivery called StorePort.${String(prop)}`);
        return value.bind(target);
      },
    }) as unknown as StorePort;
  }
}
