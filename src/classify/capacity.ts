import type { WeeklyRuleStat } from '../ports/store';
import type { ClassifierSettings } from './classify';

/**
 * The architecture will not carry the next stage when findings per 1,000 records rise while volume
 * rises, week over week, or when the same incident keeps coming back after being fixed.
 */
export function capacitySignal(weekly: readonly WeeklyRuleStat[], reopenCount: number, settings: ClassifierSettings): string | undefined {
  if (reopenCount >= settings.capacityReopens) return `reopened after ${reopenCount} fixes`;
  const weeks = [...weekly].sort((a, b) => a.week.localeCompare(b.week)).slice(-settings.capacityWeeks);
  if (weeks.length < settings.capacityWeeks) return undefined;
  const rate = (w: WeeklyRuleStat) => (w.records === 0 ? 0 : (w.findings * 1000) / w.records);
  for (let i = 1; i < weeks.length; i++) {
    const prev = weeks[i - 1]!;
    const cur = weeks[i]!;
    if (!(cur.records > prev.records && rate(cur) > rate(prev))) return undefined;
  }
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  return `findings per 1,000 records ${rate(first).toFixed(1)} → ${rate(last).toFixed(1)} as volume grew ${first.records} → ${last.records} over ${weeks.length} weeks`;
}
