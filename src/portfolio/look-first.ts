// The three companies the owner should look at first, each with the one reason that put it there. A
// ranking by health alone would show the same long-sick company every week; the owner also needs to
// hear what got worse. So each kind of reason gets a first pick, in this order, before any kind gets a
// second: a Stabilization Sprint recommended, the biggest rise in money at risk, the biggest fall in
// trust; then the lowest health (a healthy company with no signal is never named). A company is named once, for the first reason that picked it.
import { formatCents } from '../domain/money';
import { plural } from '../domain/plural';
import type { LookFirst, PortfolioCompany } from './portfolio-view';

export const LOOK_FIRST = 3;
/** Smaller moves are noise for an owner: a rise under $100 or a fall under half a point is not a reason. */
export const MONEY_RISE_MIN_CENTS = 10_000;
export const TRUST_FALL_MIN_POINTS = 0.5;

type Reason = (c: PortfolioCompany) => string;

interface Kind {
  /** Companies this reason applies to, most pressing first. */
  candidates: PortfolioCompany[];
  reason: Reason;
}

export function lookAtFirst(companies: readonly PortfolioCompany[]): LookFirst[] {
  const byRank = [...companies].sort((a, b) => a.rank - b.rank);
  const kinds: Kind[] = [
    {
      candidates: byRank.filter((c) => c.sprint !== null),
      reason: (c) => `A Stabilization Sprint is recommended for ${c.sprint} (health ${c.health.score}/100, ${c.health.label}).`,
    },
    {
      candidates: byRank
        .filter((c) => (c.moneyAtRisk.change.delta ?? 0) >= MONEY_RISE_MIN_CENTS)
        .sort((a, b) => b.moneyAtRisk.change.delta! - a.moneyAtRisk.change.delta! || a.rank - b.rank),
      reason: (c) => `Money at risk rose ${formatCents(c.moneyAtRisk.change.delta!)} this week, to ${c.moneyAtRisk.value}.`,
    },
    {
      candidates: byRank
        .filter((c) => (c.trust.change.delta ?? 0) <= -TRUST_FALL_MIN_POINTS)
        .sort((a, b) => a.trust.change.delta! - b.trust.change.delta! || a.rank - b.rank),
      reason: (c) => `Trust fell ${Math.abs(c.trust.change.delta!).toFixed(1)} pts this week, to ${c.trust.value} of revenue reconciled.`,
    },
    { candidates: byRank.filter((c) => c.health.band !== 'healthy' || c.signals.length > 0), reason: worstHealth(companies.length) },
  ];

  const picked: LookFirst[] = [];
  const taken = new Set<string>();
  const take = (c: PortfolioCompany, reason: Reason) => {
    taken.add(c.id);
    picked.push({ id: c.id, name: c.name, reason: reason(c) });
  };
  // First pick of each kind, then the rest of each kind in the same order.
  for (const kind of kinds) {
    const first = kind.candidates.find((c) => !taken.has(c.id));
    if (first && picked.length < LOOK_FIRST) take(first, kind.reason);
  }
  for (const kind of kinds) for (const c of kind.candidates) if (picked.length < LOOK_FIRST && !taken.has(c.id)) take(c, kind.reason);
  return picked;
}

function worstHealth(total: number): Reason {
  return (c) => {
    const signals =
      c.signals.length > 0
        ? `; ${plural(c.signals.length, 'review signal')} fired (${c.signals.map((s) => s.label.toLowerCase()).join('; ')})`
        : '';
    return `Health ${c.health.score}/100 (${c.health.label}), ranked ${c.rank} of ${total} with ${c.moneyAtRisk.value} at risk${signals}.`;
  };
}
