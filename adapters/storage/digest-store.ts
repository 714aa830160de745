// The DigestStorePort on the same SQLite handle as the main store.
import { and, asc, eq, gte } from 'drizzle-orm';
import type { DigestSnapshot } from '../../src/digest/snapshot';
import type { DigestSteps } from '../../src/ports/digest-sender';
import type { DigestStorePort } from '../../src/ports/digest-store';
import { storeError } from './errors';
import type { StorageDb } from './open-database';
import { digestDeliveries, digestProgress, digestSnapshots } from './schema';
import type { SqliteStore } from './sqlite-store';

export function openDigestStore(store: SqliteStore): DigestStorePort {
  return createDigestStore(store.db, store.path);
}

export function createDigestStore(db: StorageDb, path: string): DigestStorePort {
  const run = async <T>(operation: string, work: () => T): Promise<T> => {
    try {
      return work();
    } catch (err) {
      throw storeError(err, operation, path);
    }
  };
  return {
    saveSnapshot: (snapshot: DigestSnapshot, computedAt: string) =>
      run('save_digest_snapshot', () => {
        db.insert(digestSnapshots)
          .values({ companyId: snapshot.companyId, week: snapshot.week, computedAt, data: snapshot })
          .onConflictDoUpdate({ target: [digestSnapshots.companyId, digestSnapshots.week], set: { computedAt, data: snapshot } })
          .run();
      }),
    loadSnapshots: (companyId: string, sinceWeek: string) =>
      run('load_digest_snapshots', () =>
        db
          .select()
          .from(digestSnapshots)
          .where(and(eq(digestSnapshots.companyId, companyId), gte(digestSnapshots.week, sinceWeek)))
          .orderBy(asc(digestSnapshots.week))
          .all()
          .map((row) => row.data),
      ),
    markSent: (companyId: string, week: string, channel: string, at: string) =>
      run('mark_digest_sent', () => {
        db.insert(digestDeliveries).values({ companyId, week, channel, deliveredAt: at }).onConflictDoNothing().run();
      }),
    sentChannels: (companyId: string, week: string) =>
      run('digest_sent_channels', () =>
        db
          .select({ channel: digestDeliveries.channel })
          .from(digestDeliveries)
          .where(and(eq(digestDeliveries.companyId, companyId), eq(digestDeliveries.week, week)))
          .all()
          .map((r) => r.channel),
      ),
    loadProgress: (companyId: string, week: string, channel: string) =>
      run('load_digest_progress', () => {
        const row = db
          .select({ mainRef: digestProgress.mainRef, done: digestProgress.done })
          .from(digestProgress)
          .where(and(eq(digestProgress.companyId, companyId), eq(digestProgress.week, week), eq(digestProgress.channel, channel)))
          .get();
        return row ? { mainRef: row.mainRef, done: [...row.done] } : null;
      }),
    saveProgress: (companyId: string, week: string, channel: string, steps: DigestSteps, at: string) =>
      run('save_digest_progress', () => {
        const values = { mainRef: steps.mainRef, done: [...steps.done], updatedAt: at };
        db.insert(digestProgress)
          .values({ companyId, week, channel, ...values })
          .onConflictDoUpdate({ target: [digestProgress.companyId, digestProgress.week, digestProgress.channel], set: values })
          .run();
      }),
  };
}
