// Portfolios of any size for the portfolio tests: companies with varied, known figures this week and last.
import type { PortfolioCompanyInput } from '../../src/portfolio/build-portfolio';
import { aSnapshot, type SnapshotFigures } from '../builders/snapshots';

export const WEEK = '2026-W14';
export const LAST_WEEK = '2026-W13';

/** A company with this week's figures and, unless `last` is null, last week's. */
export function aCompany(
  id: string,
  now: SnapshotFigures,
  last: SnapshotFigures | null = now,
  name = `Company ${id}`,
): PortfolioCompanyInput {
  return {
    id,
    name,
    snapshots: [
      ...(last ? [aSnapshot({ ...last, companyId: id, week: LAST_WEEK })] : []),
      aSnapshot({ ...now, companyId: id, week: WEEK }),
    ],
  };
}

/**
 * `n` companies with long names and figures spread over every band; every tenth has not been polled,
 * every seventh has a Stabilization Sprint and every third fired review signals.
 */
export function manyCompanies(
  n: number,
  nameOf: (i: number) => string = (i) => `Company ${i} — Heating, Cooling & Plumbing of the North Service Territory`,
): PortfolioCompanyInput[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const id = `co-${i}`;
    if (i % 10 === 0) return { id, name: nameOf(i), snapshots: [] };
    const figures: SnapshotFigures = {
      score: 20 + ((i * 37) % 80),
      trust: 0.8 + ((i * 13) % 20) / 100,
      moneyCents: ((i * 7919) % 500) * 10_000,
      open: { critical: i % 4 === 0 ? 1 : 0, high: i % 3, medium: i % 5, low: 1 },
      signals: i % 3 === 0 ? ['recurring', 'not_trusted'] : [],
      ...(i % 7 === 0 ? { sprint: `Invoice missing from QuickBooks · branch ${i}` } : {}),
    };
    return aCompany(id, figures, { ...figures, moneyCents: (figures.moneyCents ?? 0) / 2, score: (figures.score ?? 0) + 3 }, nameOf(i));
  });
}
