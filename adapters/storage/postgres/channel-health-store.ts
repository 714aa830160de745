// Channel problems beside the outbox, on Postgres: a problem and its notices are written in one
// transaction, with the channel's problem rows locked so two instances seeing the same refusal open
// one episode and tell the other channels once.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { problemIncidentId, type ChannelProblem } from '../../../src/notify/channel-health';
import type { ChannelHealthStore } from '../../../src/ports/channel-health';
import { bytewise } from './collate';
import type { PgDb, PgTx } from './db';
import { insertPgDrafts } from './outbox-store';
import { outbox } from './schema';
import { channelProblems } from './schema-areas';

/** Serialises the problem bookkeeping of one channel: there may be no row to lock yet. */
const lockChannel = (tx: PgTx, companyId: string, channel: string) =>
  tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sync-sentinel channel ${companyId} ${channel}`}))`);

const openOf = async (tx: PgTx, companyId: string, channel: string): Promise<ChannelProblem | undefined> => {
  const [row] = await tx
    .select()
    .from(channelProblems)
    .where(and(eq(channelProblems.companyId, companyId), eq(channelProblems.channel, channel), isNull(channelProblems.resolvedAt)));
  return row;
};

const episodeOf = (p: { companyId: string; channel: string; episode: number }) =>
  and(eq(channelProblems.companyId, p.companyId), eq(channelProblems.channel, p.channel), eq(channelProblems.episode, p.episode));

export function createPgChannelHealthStore(db: PgDb): ChannelHealthStore {
  return {
    reportProblem: (r, plan) =>
      db.transaction(async (tx) => {
        await lockChannel(tx, r.companyId, r.channel);
        const open = await openOf(tx, r.companyId, r.channel);
        if (open) {
          const fresh = { lastSeenAt: r.at, kind: r.kind, summary: r.summary, fix: r.fix };
          await tx.update(channelProblems).set(fresh).where(episodeOf(open));
          return { problem: { ...open, ...fresh }, opened: false };
        }
        const [last] = await tx
          .select({ episode: channelProblems.episode })
          .from(channelProblems)
          .where(and(eq(channelProblems.companyId, r.companyId), eq(channelProblems.channel, r.channel)))
          .orderBy(desc(channelProblems.episode))
          .limit(1);
        const problem: ChannelProblem = {
          companyId: r.companyId,
          channel: r.channel,
          kind: r.kind,
          summary: r.summary,
          fix: r.fix,
          episode: (last?.episode ?? 0) + 1,
          openedAt: r.at,
          lastSeenAt: r.at,
          resolvedAt: null,
        };
        await tx.insert(channelProblems).values(problem);
        await insertPgDrafts(tx, plan(problem));
        return { problem, opened: true };
      }),

    resolveProblem: (companyId, channel, at, plan) =>
      db.transaction(async (tx) => {
        await lockChannel(tx, companyId, channel);
        const open = await openOf(tx, companyId, channel);
        if (!open) return null;
        await tx.update(channelProblems).set({ resolvedAt: at }).where(episodeOf(open));
        const problem = { ...open, resolvedAt: at };
        const told = await tx
          .selectDistinct({ channel: outbox.channel })
          .from(outbox)
          .where(and(eq(outbox.incidentId, problemIncidentId(problem)), eq(outbox.op, 'post_parent')));
        await insertPgDrafts(
          tx,
          plan(
            problem,
            told.map((row) => row.channel),
          ),
        );
        return problem;
      }),

    openProblems: (companyId) =>
      db
        .select()
        .from(channelProblems)
        .where(and(eq(channelProblems.companyId, companyId), isNull(channelProblems.resolvedAt)))
        .orderBy(bytewise(channelProblems.channel)),
  };
}
