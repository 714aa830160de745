// The store contract (and, through it, the outbox contract) on every engine: a SQLite file and a
// fresh Postgres database per test.
import { ENGINES } from './engines';
import { describeStoreContract } from './store-contract';

for (const engine of ENGINES) {
  describeStoreContract(engine.name, async () => {
    const place = await engine.place();
    const storage = await place.open();
    return { store: storage.store, close: () => place.cleanup() };
  });
}
