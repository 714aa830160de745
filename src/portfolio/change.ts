// How a figure moved since last week, said the same way for every figure: an arrow and the size of the move.
import { formatCents } from '../domain/money';
import type { PortfolioChange } from './portfolio-view';

export const FIRST_WEEK = 'first week';

/**
 * The change from `was` to `now`; `higherIsWorse` says which way is bad news (money at risk, open
 * incidents) and `fmt` prints the size of the move.
 */
export function change(
  now: number | null,
  was: number | null | undefined,
  fmt: (abs: number) => string,
  higherIsWorse: boolean,
): PortfolioChange {
  if (was === undefined) return { text: FIRST_WEEK, delta: null, worse: null };
  if (now === null || was === null) return { text: 'n/a', delta: null, worse: null };
  const delta = now - was;
  if (delta === 0 || fmt(Math.abs(delta)) === fmt(0)) return { text: 'no change', delta: 0, worse: null };
  return { text: `${delta > 0 ? '↑' : '↓'} ${fmt(Math.abs(delta))}`, delta, worse: delta > 0 === higherIsWorse };
}

export const money = (cents: number): string => formatCents(cents);
export const points = (n: number): string => `${n.toFixed(1)} pts`;
export const count = (n: number): string => String(n);

/** A share as a percentage with one decimal: "96.4%". */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
