import type { MatchingConfig } from '../config/schema';
import type { CustomerRecord } from '../domain/records';
import type { EvidenceLevel } from '../rules/schema';
import { anchorHolders, blockingKeys, CandidateIndex } from './customer-blocking';
import { LEVEL_RANK, profileOf, weighEvidence } from './customer-evidence';
import { StringIndex } from './string-index';

export interface CustomerLink {
  record: CustomerRecord;
  by: 'external_id' | 'email' | 'phone' | 'name';
  /** For name links, the evidence level that carried it (exact keys need none). */
  level?: EvidenceLevel;
}

/**
 * Customers are matched by the strongest evidence first: the id the sync recorded, then a unique
 * e-mail, then a unique phone, then the name weighed with the other details (customer-evidence.ts)
 * at one of the configured levels.
 */
export function matchCustomers(
  upstream: readonly CustomerRecord[],
  quickbooks: readonly CustomerRecord[],
  cfg: MatchingConfig['customer'],
): { forward: Map<CustomerRecord, CustomerLink>; backward: Map<CustomerRecord, CustomerLink> } {
  const forward = new Map<CustomerRecord, CustomerLink>();
  const backward = new Map<CustomerRecord, CustomerLink>();
  const qbById = new StringIndex<CustomerRecord>();
  for (const c of quickbooks) qbById.set(c.sourceId, c);
  const link = (u: CustomerRecord, q: CustomerRecord, by: CustomerLink['by'], level?: EvidenceLevel) => {
    forward.set(u, { record: q, by, ...(level ? { level } : {}) });
    backward.set(q, { record: u, by, ...(level ? { level } : {}) });
  };
  const free = (q: CustomerRecord) => !backward.has(q);

  if (cfg.external_id) {
    for (const u of upstream) {
      const q = u.externalId !== undefined ? qbById.get(u.externalId) : undefined;
      if (q && free(q)) link(u, q, 'external_id');
    }
  }
  for (const field of ['email', 'phone'] as const) {
    if (!cfg[field]) continue;
    const unique = uniqueIndex(quickbooks.filter(free), (c) => c[field]);
    for (const u of upstream) {
      if (forward.has(u)) continue;
      const value = u[field];
      const q = value !== undefined ? unique.get(value) : undefined;
      if (q && free(q)) link(u, q, field);
    }
  }
  linkByName(
    upstream.filter((u) => !forward.has(u)),
    quickbooks.filter(free),
    new Set(cfg.name_levels),
    link,
  );
  return { forward, backward };
}

/** Value → record, leaving out values two records share (they identify nobody). */
function uniqueIndex(records: readonly CustomerRecord[], value: (c: CustomerRecord) => string | undefined) {
  const map = new Map<string, CustomerRecord | null>();
  for (const r of records) {
    const v = value(r);
    if (v === undefined || v === '') continue;
    map.set(v, map.has(v) ? null : r);
  }
  const unique = new Map<string, CustomerRecord>();
  for (const [k, r] of map) if (r) unique.set(k, r);
  return unique;
}

/**
 * A name link joins an upstream customer to the one QuickBooks customer its evidence points to.
 * Inactive QuickBooks customers are never name-linked: an archived namesake is another person (the
 * QuickBooks 6240 clash), and a reactivated one comes back through its id, e-mail or phone. When two
 * QuickBooks customers tie at the best level, nobody is linked: a guess could join two people.
 */
function linkByName(
  upstream: readonly CustomerRecord[],
  quickbooks: readonly CustomerRecord[],
  levels: ReadonlySet<EvidenceLevel>,
  link: (u: CustomerRecord, q: CustomerRecord, by: 'name', level: EvidenceLevel) => void,
): void {
  const candidates = quickbooks.filter((q) => q.active);
  const profiles = candidates.map(profileOf);
  const asked = upstream.map(profileOf);
  // Only an upstream customer's lookups are read: an anchor both sides hold is the only one that can link.
  const [held, wanted] = [anchorHolders(profiles), anchorHolders(asked)];
  const both = (anchor: string) => held.has(anchor) && wanted.has(anchor);
  const index = new CandidateIndex();
  profiles.forEach((p, i) => index.meet(i, blockingKeys(p, both)));
  const taken = new Set<number>();
  for (const [k, u] of upstream.entries()) {
    const pu = asked[k]!;
    let best: number | undefined;
    let bestRank = 0;
    let tied = false;
    for (const i of index.meet(-1, blockingKeys(pu, both), false)) {
      if (taken.has(i)) continue;
      const evidence = weighEvidence(pu, profiles[i]!);
      if (!evidence || !levels.has(evidence.level)) continue;
      const rank = LEVEL_RANK[evidence.level];
      if (rank > bestRank) [best, bestRank, tied] = [i, rank, false];
      else if (rank === bestRank) tied = true;
    }
    if (best === undefined || tied) continue;
    taken.add(best);
    const level = (Object.keys(LEVEL_RANK) as EvidenceLevel[]).find((l) => LEVEL_RANK[l] === bestRank)!;
    link(u, candidates[best]!, 'name', level);
  }
}
