// Channel problems beside the outbox, on the same database handle: a problem and its notices are
// written in one transaction.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ChannelProblem } from '../../src/notify/channel-health';
import { problemIncidentId } from '../../src/notify/channel-health';
import type { OutboxDraft } from '../../src/notify/outbox';
import type { ChannelHealthStore, ProblemReport } from '../../src/ports/channel-health';
import { inWriteTransaction, type StorageDb } from './open-database';
import { channelProblems, outbox } from './schema';

export function createChannelHealthStore(db: StorageDb): ChannelHealthStore {
  const insertDrafts = (drafts: OutboxDraft[]) => {
    for (const d of drafts)
      db.insert(outbox)
        .values({ ...d, status: 'pending', attempts: 0, nextAttemptAt: d.createdAt })
        .run();
  };
  const openOf = (companyId: string, channel: string) =>
    db
      .select()
      .from(channelProblems)
      .where(and(eq(channelProblems.companyId, companyId), eq(channelProblems.channel, channel), isNull(channelProblems.resolvedAt)))
      .get();

  return {
    async reportProblem(r: ProblemReport, plan) {
      return inWriteTransaction(db, () => {
        const open = openOf(r.companyId, r.channel);
        if (open) {
          db.update(channelProblems)
            .set({ lastSeenAt: r.at, kind: r.kind, summary: r.summary, fix: r.fix })
            .where(
              and(
                eq(channelProblems.companyId, r.companyId),
                eq(channelProblems.channel, r.channel),
                eq(channelProblems.episode, open.episode),
              ),
            )
            .run();
          return { problem: { ...open, lastSeenAt: r.at, kind: r.kind, summary: r.summary, fix: r.fix }, opened: false };
        }
        const last = db
          .select({ episode: channelProblems.episode })
          .from(channelProblems)
          .where(and(eq(channelProblems.companyId, r.companyId), eq(channelProblems.channel, r.channel)))
          .orderBy(desc(channelProblems.episode))
          .get();
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
        db.insert(channelProblems).values(problem).run();
        insertDrafts(plan(problem));
        return { problem, opened: true };
      });
    },

    async resolveProblem(companyId, channel, at, plan) {
      return inWriteTransaction(db, () => {
        const open = openOf(companyId, channel);
        if (!open) return null;
        db.update(channelProblems)
          .set({ resolvedAt: at })
          .where(
            and(eq(channelProblems.companyId, companyId), eq(channelProblems.channel, channel), eq(channelProblems.episode, open.episode)),
          )
          .run();
        const problem = { ...open, resolvedAt: at };
        const told = db
          .selectDistinct({ channel: outbox.channel })
          .from(outbox)
          .where(and(eq(outbox.incidentId, problemIncidentId(problem)), eq(outbox.op, 'post_parent')))
          .all()
          .map((row) => row.channel);
        insertDrafts(plan(problem, told));
        return problem;
      });
    },

    async openProblems(companyId) {
      return db
        .select()
        .from(channelProblems)
        .where(and(eq(channelProblems.companyId, companyId), isNull(channelProblems.resolvedAt)))
        .orderBy(channelProblems.channel)
        .all();
    },
  };
}
