// The outbox contract for the in-memory outbox the delivery worker's tests use (in both claim orders
// the port allows), so those tests prove the worker against an outbox that behaves like the real one.
// The SQLite store runs the same contract as part of the store contract (store.contract.test.ts).
import { COMPANY } from '../builders/incidents';
import { MemoryOutbox, type ClaimMode } from '../fakes/outbox/memory-outbox';
import { describeOutboxContract } from './outbox-contract';

for (const mode of ['one-per-incident', 'all-due'] satisfies ClaimMode[]) {
  describeOutboxContract(`in-memory (${mode})`, async () => {
    const outbox = new MemoryOutbox(mode);
    return {
      store: outbox.asStore(),
      async queue(incidentId, op, createdAt) {
        outbox.queue(incidentId, op, { companyId: COMPANY, createdAt: createdAt.toISOString(), nextAttemptAt: createdAt.toISOString() });
      },
      async hasThread(incidentId, parentRef) {
        outbox.hasThread(incidentId, parentRef);
      },
      close: async () => undefined,
    };
  });
}
