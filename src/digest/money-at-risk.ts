// Money at risk: what the live findings of unresolved incidents put at stake, by how long the problem
// has existed and by location. A record in two incidents is counted once, at its largest finding.
import { DAY } from '../domain/time';
import type { Incident } from '../incidents/model';
import { liveFindingsOncePerRecord } from '../incidents/money-once';
import { AGE_BUCKETS, type AgeBucket, type MoneyAtRisk } from './snapshot';

export const NO_LOCATION = 'no location';

export function ageBucket(ageMs: number): AgeBucket {
  if (ageMs < DAY) return '0-1d';
  if (ageMs < 3 * DAY) return '1-3d';
  if (ageMs < 7 * DAY) return '3-7d';
  return '7d+';
}

export function computeMoneyAtRisk(incidents: readonly Incident[], now: Date): MoneyAtRisk {
  const byAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
  const byLocation = new Map<string, number>();
  let totalCents = 0;
  for (const f of liveFindingsOncePerRecord(incidents)) {
    if (f.finding.amountCents === 0) continue;
    const cents = f.finding.amountCents;
    // The problem's own clock (issued, created) when the finding has one; else when we first saw it.
    const since = Date.parse(f.finding.since ?? f.firstSeenAt);
    const age = Number.isNaN(since) ? 0 : Math.max(0, now.getTime() - since);
    byAge[ageBucket(age)] += cents;
    const location = f.finding.location ?? NO_LOCATION;
    byLocation.set(location, (byLocation.get(location) ?? 0) + cents);
    totalCents += cents;
  }
  return {
    totalCents,
    byAge,
    byLocation: [...byLocation]
      .map(([location, cents]) => ({ location, cents }))
      .sort((a, b) => b.cents - a.cents || a.location.localeCompare(b.location)),
  };
}
