// Weekly digest snapshots, which channels got each week's digest, and how far a half-sent one got, on Postgres.
import { and, eq, gte } from 'drizzle-orm';
import type { DigestStorePort } from '../../../src/ports/digest-store';
import { bytewise } from './collate';
import type { PgDb } from './db';
import { digestDeliveries, digestProgress, digestSnapshots } from './schema-areas';

export function createPgDigestStore(db: PgDb): DigestStorePort {
  const progressOf = (companyId: string, week: string, channel: string) =>
    and(eq(digestProgress.companyId, companyId), eq(digestProgress.week, week), eq(digestProgress.channel, channel));
  return {
    async saveSnapshot(snapshot, computedAt) {
      await db
        .insert(digestSnapshots)
        .values({ companyId: snapshot.companyId, week: snapshot.week, computedAt, data: snapshot })
        .onConflictDoUpdate({ target: [digestSnapshots.companyId, digestSnapshots.week], set: { computedAt, data: snapshot } });
    },
    async loadSnapshots(companyId, sinceWeek) {
      const rows = await db
        .select({ data: digestSnapshots.data })
        .from(digestSnapshots)
        .where(and(eq(digestSnapshots.companyId, companyId), gte(bytewise(digestSnapshots.week), sinceWeek)))
        .orderBy(bytewise(digestSnapshots.week));
      return rows.map((row) => row.data);
    },
    async markSent(companyId, week, channel, at) {
      await db.insert(digestDeliveries).values({ companyId, week, channel, deliveredAt: at }).onConflictDoNothing();
    },
    async sentChannels(companyId, week) {
      const rows = await db
        .select({ channel: digestDeliveries.channel })
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.companyId, companyId), eq(digestDeliveries.week, week)))
        .orderBy(bytewise(digestDeliveries.channel));
      return rows.map((row) => row.channel);
    },
    async loadProgress(companyId, week, channel) {
      const [row] = await db
        .select({ mainRef: digestProgress.mainRef, done: digestProgress.done })
        .from(digestProgress)
        .where(progressOf(companyId, week, channel));
      return row ? { mainRef: row.mainRef, done: [...row.done] } : null;
    },
    async saveProgress(companyId, week, channel, steps, at) {
      const values = { mainRef: steps.mainRef, done: [...steps.done], updatedAt: at };
      await db
        .insert(digestProgress)
        .values({ companyId, week, channel, ...values })
        .onConflictDoUpdate({ target: [digestProgress.companyId, digestProgress.week, digestProgress.channel], set: values });
    },
  };
}
