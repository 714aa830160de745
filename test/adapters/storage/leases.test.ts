import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import type { Lease } from '../../../src/ports/store';
import { COMPANY, T0, aChange, aCycle, aDraft, anIncident, anOpening, at, tempStores } from './builders';

const A = 'host-a:101:aaaa';
const B = 'host-b:202:bbbb';
const MINUTE = 60_000;

describe('SqliteStore leases, revisions and delivery claims', () => {
  let stores: ReturnType<typeof tempStores>;
  let store: SqliteStore;
  let other: SqliteStore;
  beforeEach(() => {
    stores = tempStores();
    store = stores.open();
    // A second connection to the same file, as a second process has.
    other = stores.open();
  });
  afterEach(() => stores.cleanup());

  async function take(owner: string, now = T0, store_ = store): Promise<Lease> {
    const attempt = await store_.acquireLease(COMPANY, 'poll', owner, now, MINUTE);
    if (!attempt.ok) throw new Error(`lease held by ${attempt.holder.owner}`);
    return attempt.lease;
  }

  it('refuses the poll lease to a second process while the first holds it, naming the holder and until when', async () => {
    const lease = await take(A);
    const second = await other.acquireLease(COMPANY, 'poll', B, at(0.5), MINUTE);
    expect(second).toEqual({ ok: false, holder: { companyId: COMPANY, name: 'poll', owner: A, token: lease.token, expiresAt: at(1) } });
  });

  it('gives the lease to the next process once it is released or expired, with a higher fencing token each time', async () => {
    const first = await take(A);
    await store.releaseLease(first);
    const second = await take(B, at(0.1), other);
    const third = await take(A, at(1.2));
    expect([first.token, second.token, third.token]).toEqual([1, 2, 3]);
  });

  it('lets a process take over a holder it found dead, but only that very holder', async () => {
    const dead = await take(A);
    const stale: Lease = { ...dead, token: dead.token - 1 };
    expect((await other.acquireLease(COMPANY, 'poll', B, at(0.1), MINUTE, stale)).ok).toBe(false);
    const taken = await other.acquireLease(COMPANY, 'poll', B, at(0.1), MINUTE, dead);
    expect(taken.ok && taken.lease.owner).toBe(B);
  });

  it('does not commit a poll whose lease was taken over, and writes none of its incidents or alerts', async () => {
    const old = await take(A);
    await take(B, at(2), other);
    const incident = anIncident();
    await expect(
      store.commitCycle(COMPANY, aCycle({ changes: [anOpening(incident)], outbox: [aDraft()], fence: old })),
    ).rejects.toMatchObject({ code: 'store.lease_lost' });
    expect(await store.loadIncidents(COMPANY)).toEqual([]);
    expect(await store.pendingDeliveryCount()).toBe(0);
  });

  it('stops renewing a lease another process took over', async () => {
    const old = await take(A);
    expect(await store.renewLease(old, at(0.5), MINUTE)).toMatchObject({ expiresAt: at(1.5) });
    await take(B, at(2), other);
    expect(await store.renewLease(old, at(2.1), MINUTE)).toBeNull();
  });

  it('refuses a decision made before another process committed, so it is made again on what is there now', async () => {
    const before = await store.loadDecisionState(COMPANY);
    const incident = anIncident();
    await other.commitCommand(COMPANY, aChange(null, incident), [], [], await other.loadRevision(COMPANY));
    await expect(
      store.commitCycle(
        COMPANY,
        aCycle({ changes: [anOpening(anIncident({ id: 'inc-2', number: before.nextNumber }))], basis: before.revision }),
      ),
    ).rejects.toMatchObject({
      code: 'store.stale_decision',
    });
    const again = await store.loadDecisionState(COMPANY);
    expect(again.nextNumber).toBe(before.nextNumber + 1);
    expect(again.incidents.map((i) => i.id)).toEqual([incident.id]);
  });

  it('leaves an item another process is sending with it until its claim is taken over, and only once', async () => {
    await store.commitCycle(COMPANY, aCycle({ outbox: [aDraft()] }));
    const [item] = await store.claimDeliveries('ops-slack', T0, 10, { owner: A, until: at(5) });
    expect(await other.inFlightDeliveries('ops-slack')).toEqual([
      expect.objectContaining({ id: item!.id, claimedBy: A, claimExpiresAt: at(5) }),
    ]);
    expect(await other.takeOverDelivery(item!.id, A, { owner: B, until: at(10) })).toBe(true);
    expect(await store.takeOverDelivery(item!.id, A, { owner: 'host-c:303:cccc', until: at(10) })).toBe(false);
  });
});
