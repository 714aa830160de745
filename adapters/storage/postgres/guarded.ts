// Every method of a Postgres store, with driver errors turned into SentinelErrors that name the
// operation and the database, so the stores themselves stay plain drizzle.
import { pgStoreError } from './errors';

/** `saveSnapshot` → `save_snapshot`: the operation's name in error codes, as the SQLite side spells them. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function guarded<T extends object>(target: T, where: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(obj, args);
        } catch (err) {
          throw pgStoreError(err, snake(prop), where);
        }
      };
    },
  });
}
