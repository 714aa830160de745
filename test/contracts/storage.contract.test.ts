// The area stores of the Storage bundle on every engine: a SQLite file and a fresh Postgres database per test.
import { ENGINES } from './engines';
import { describeStorageContract } from './storage-contract';

for (const engine of ENGINES) describeStorageContract(engine);
