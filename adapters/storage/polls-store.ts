// The poll log and the weekly per-rule counts behind the capacity signal and the digest.
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { PollRun, WeeklyRuleStat } from '../../src/ports/store';
import type { StorageDb } from './open-database';
import { pollRuns, weeklyRuleStats } from './schema';

export function createPollStore(db: StorageDb) {
  /** Call inside the commit's transaction. */
  function insertPollRun(run: PollRun): void {
    const { companyId, startedAt, finishedAt, ok, sources, findingCount, recordCount, error } = run;
    db.insert(pollRuns)
      .values({ companyId, startedAt, finishedAt, ok, sources, findingCount, recordCount, error: error ?? null })
      .run();
  }

  function lastPollRun(companyId: string): PollRun | null {
    const row = db
      .select()
      .from(pollRuns)
      .where(eq(pollRuns.companyId, companyId))
      .orderBy(desc(pollRuns.startedAt), desc(pollRuns.id))
      .limit(1)
      .get();
    if (!row) return null;
    const { companyId: company, startedAt, finishedAt, ok, sources, findingCount, recordCount, error } = row;
    const run: PollRun = { companyId: company, startedAt, finishedAt, ok, sources, findingCount, recordCount };
    if (error !== null) run.error = error;
    return run;
  }

  /**
   * Call inside the commit's transaction. Several polls land in one week: the week keeps its
   * highest finding count and the latest record volume.
   */
  function saveWeeklyStats(stats: WeeklyRuleStat[]): void {
    for (const stat of stats) {
      db.insert(weeklyRuleStats)
        .values(stat)
        .onConflictDoUpdate({
          target: [weeklyRuleStats.companyId, weeklyRuleStats.week, weeklyRuleStats.ruleId],
          set: { findings: sql`max(${weeklyRuleStats.findings}, excluded.findings)`, records: sql`excluded.records` },
        })
        .run();
    }
  }

  function loadWeeklyStats(companyId: string, sinceWeek: string): WeeklyRuleStat[] {
    return db
      .select()
      .from(weeklyRuleStats)
      .where(and(eq(weeklyRuleStats.companyId, companyId), gte(weeklyRuleStats.week, sinceWeek)))
      .orderBy(asc(weeklyRuleStats.week), asc(weeklyRuleStats.ruleId))
      .all();
  }

  return { insertPollRun, lastPollRun, saveWeeklyStats, loadWeeklyStats };
}

export type PollStore = ReturnType<typeof createPollStore>;
