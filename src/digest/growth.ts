// Growth: findings per 1,000 records against record volume, week by week. When both rise, growth is
// making the same failures more expensive.
import type { WeeklyRuleStat } from '../ports/store';
import type { GrowthFigures, GrowthWeek } from './snapshot';

/** Weeks needed before a trend is called. */
export const GROWTH_MIN_WEEKS = 4;

/** `weekly` holds every rule's rows; the figures cover the `weeks` ISO weeks from `sinceWeek` on. */
export function computeGrowth(weekly: readonly WeeklyRuleStat[], sinceWeek: string, untilWeek: string): GrowthFigures {
  const byWeek = new Map<string, { findings: number; records: number }>();
  for (const s of weekly) {
    if (s.week < sinceWeek || s.week > untilWeek) continue;
    const w = byWeek.get(s.week) ?? { findings: 0, records: 0 };
    w.findings += s.findings;
    // Every rule's row carries the same volume; the largest is the week's.
    w.records = Math.max(w.records, s.records);
    byWeek.set(s.week, w);
  }
  const weeks: GrowthWeek[] = [...byWeek]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => ({ week, ...w, per1000: w.records === 0 ? 0 : round2((w.findings * 1000) / w.records) }));
  if (weeks.length < GROWTH_MIN_WEEKS)
    return { weeks, rising: false, detail: `${weeks.length} of ${GROWTH_MIN_WEEKS} weeks of history needed for a trend` };
  const half = Math.floor(weeks.length / 2);
  const earlier = weeks.slice(0, half);
  const later = weeks.slice(weeks.length - half);
  const rate = [mean(earlier.map((w) => w.per1000)), mean(later.map((w) => w.per1000))] as const;
  const volume = [mean(earlier.map((w) => w.records)), mean(later.map((w) => w.records))] as const;
  const rising = rate[1] > rate[0] && volume[1] > volume[0];
  const detail = `${rate[0].toFixed(1)} → ${rate[1].toFixed(1)} findings per 1,000 records while weekly volume went ${fmt(volume[0])} → ${fmt(volume[1])} (first ${half} weeks against last ${half})`;
  return { weeks, rising, detail };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
