import type { MatchingConfig } from '../config/schema';
import type { CustomerRecord } from '../domain/records';
import { nameBlock, nameSimilarity } from './similarity';
import { StringIndex } from './string-index';

export interface CustomerLink {
  record: CustomerRecord;
  by: 'external_id' | 'email' | 'phone' | 'name';
  /** Name similarity (0–1) for fuzzy links; 1 for exact keys. */
  score: number;
}

/**
 * Customers are matched by the strongest evidence first: the id the sync recorded, then a unique
 * e-mail, then a unique phone, then a normalised-name similarity at or above the threshold.
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
  const link = (u: CustomerRecord, q: CustomerRecord, by: CustomerLink['by'], score: number) => {
    forward.set(u, { record: q, by, score });
    backward.set(q, { record: u, by, score });
  };
  const free = (q: CustomerRecord) => !backward.has(q);

  if (cfg.external_id) {
    for (const u of upstream) {
      const q = u.externalId !== undefined ? qbById.get(u.externalId) : undefined;
      if (q && free(q)) link(u, q, 'external_id', 1);
    }
  }
  for (const field of ['email', 'phone'] as const) {
    if (!cfg[field]) continue;
    const unique = uniqueIndex(quickbooks.filter(free), (c) => c[field]);
    for (const u of upstream) {
      if (forward.has(u)) continue;
      const value = u[field];
      const q = value !== undefined ? unique.get(value) : undefined;
      if (q && free(q)) link(u, q, field, 1);
    }
  }
  const blocks = new Map<string, CustomerRecord[]>();
  for (const q of quickbooks) {
    if (!free(q)) continue;
    const b = nameBlock(q.displayName);
    const list = blocks.get(b);
    if (list) list.push(q);
    else blocks.set(b, [q]);
  }
  for (const u of upstream) {
    if (forward.has(u)) continue;
    let best: CustomerRecord | undefined;
    let bestScore = cfg.name_threshold;
    for (const q of blocks.get(nameBlock(u.displayName)) ?? []) {
      if (!free(q)) continue;
      const score = nameSimilarity(u.displayName, q.displayName);
      if (score >= bestScore) {
        best = q;
        bestScore = score;
      }
    }
    if (best) link(u, best, 'name', bestScore);
  }
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
