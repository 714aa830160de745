// The outbox contract, run for the SQLite store the service uses and for the in-memory outbox the
// delivery worker's tests use (in both claim orders the port allows), so those tests prove the worker
// against an outbox that behaves like the real one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../adapters/storage/sqlite-store';
import { COMPANY as STORE_COMPANY, aCycle, aDraft } from '../adapters/storage/builders';
import { COMPANY } from '../builders/incidents';
import { MemoryOutbox, type ClaimMode } from '../fakes/outbox/memory-outbox';
import { CHANNEL, describeOutboxContract } from './outbox-contract';

describeOutboxContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-outbox-'));
  const store = openSqliteStore(path.join(dir, 'sentinel.db'));
  return {
    store,
    async queue(incidentId, op, createdAt) {
      await store.commitCycle(STORE_COMPANY, aCycle({ outbox: [aDraft({ incidentId, op, channel: CHANNEL, createdAt: createdAt.toISOString() })] }));
    },
    hasThread: (incidentId, parentRef) => store.saveThreadRef({ companyId: STORE_COMPANY, incidentId, channel: CHANNEL, destination: 'C-OPS', parentRef }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

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
