// The poll log and the weekly per-rule counts behind the capacity signal and the digest, on Postgres.
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { PollRun, WeeklyRuleStat } from '../../../src/ports/store';
import type { PgRunner } from './db';
import { bytewise } from './collate';
import { pollRuns, weeklyRuleStats } from './schema';

/** Call inside the commit's transaction. */
export async function insertPgPollRun(tx: PgRunner, run: PollRun): Promise<void> {
  const { companyId, startedAt, finishedAt, ok, sources, findingCount, recordCount, error } = run;
  await tx.insert(pollRuns).values({ companyId, startedAt, finishedAt, ok, sources, findingCount, recordCount, error: error ?? null });
}

export async function lastPgPollRun(db: PgRunner, companyId: string): Promise<PollRun | null> {
  const [row] = await db
    .select()
    .from(pollRuns)
    .where(eq(pollRuns.companyId, companyId))
    .orderBy(desc(pollRuns.startedAt), desc(pollRuns.id))
    .limit(1);
  if (!row) return null;
  const { companyId: company, startedAt, finishedAt, ok, sources, findingCount, recordCount, error } = row;
  const run: PollRun = { companyId: company, startedAt, finishedAt, ok, sources, findingCount, recordCount };
  if (error !== null) run.error = error;
  return run;
}

/** Call inside the commit's transaction. Several polls land in one week: it keeps its highest finding count and the latest volume. */
export async function savePgWeeklyStats(tx: PgRunner, stats: WeeklyRuleStat[]): Promise<void> {
  for (const stat of stats) {
    await tx
      .insert(weeklyRuleStats)
      .values(stat)
      .onConflictDoUpdate({
        target: [weeklyRuleStats.companyId, weeklyRuleStats.week, weeklyRuleStats.ruleId],
        set: { findings: sql`greatest(${weeklyRuleStats.findings}, excluded.findings)`, records: sql`excluded.records` },
      });
  }
}

export async function loadPgWeeklyStats(db: PgRunner, companyId: string, sinceWeek: string): Promise<WeeklyRuleStat[]> {
  return db
    .select()
    .from(weeklyRuleStats)
    .where(and(eq(weeklyRuleStats.companyId, companyId), gte(bytewise(weeklyRuleStats.week), sinceWeek)))
    .orderBy(bytewise(weeklyRuleStats.week), bytewise(weeklyRuleStats.ruleId));
}
