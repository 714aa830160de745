// duplicate-customer: one person or business entered twice on one side, found by weighing the
// evidence of every candidate pair the blocking proposes (see src/trace/customer-evidence.ts).
import type { Finding } from '../domain/finding';
import type { CustomerRecord, Side } from '../domain/records';
import { formatCents } from '../domain/money';
import type { EvidenceLevel, RuleOf } from '../rules/schema';
import { anchorHolders, blockingKeys, CandidateIndex } from '../trace/customer-blocking';
import { describeEvidence, LEVEL_RANK, profileOf, weighEvidence, type CustomerEvidence } from '../trace/customer-evidence';
import { refOf } from '../trace/trace';
import { findingFor, type EvalContext } from './context';
import { DisjointSets } from './disjoint-sets';

/** A name variant backed by a shared detail, or the same name: what an operator would merge. */
export const DEFAULT_LEVELS: readonly EvidenceLevel[] = ['exact', 'close'];

interface Pair {
  a: number;
  b: number;
  evidence: CustomerEvidence;
}

export function customerDuplicates(rule: RuleOf<'duplicate'>, ctx: EvalContext, side: Side): Finding[] {
  const records = ctx.recon.sides[side].customers.filter((c) => c.active);
  const counted = new Set(rule.levels ?? DEFAULT_LEVELS);
  const profiles = records.map(profileOf);
  const index = new CandidateIndex();
  const sets = new DisjointSets(records.length);
  const pairs: Pair[] = [];
  const holders = anchorHolders(profiles);
  const shared = (anchor: string) => (holders.get(anchor) ?? 0) >= 2;
  for (let i = 0; i < profiles.length; i++) {
    for (const j of index.meet(i, blockingKeys(profiles[i]!, shared))) {
      const evidence = weighEvidence(profiles[j]!, profiles[i]!);
      if (!evidence || !counted.has(evidence.level)) continue;
      sets.union(i, j);
      pairs.push({ a: j, b: i, evidence });
    }
  }
  return sets.groups().map((group) =>
    describeGroup(
      rule,
      ctx,
      group.map((i) => records[i]!),
      pairsOf(pairs, group, records),
    ),
  );
}

function pairsOf(pairs: readonly Pair[], group: readonly number[], records: readonly CustomerRecord[]) {
  const members = new Set(group);
  return pairs.filter((p) => members.has(p.a)).map((p) => ({ a: records[p.a]!, b: records[p.b]!, evidence: p.evidence }));
}

function describeGroup(
  rule: RuleOf<'duplicate'>,
  ctx: EvalContext,
  group: CustomerRecord[],
  pairs: Array<{ a: CustomerRecord; b: CustomerRecord; evidence: CustomerEvidence }>,
): Finding {
  // The later record is the duplicate; the first one is presumed the original.
  const ordered = [...group].sort(
    (a, b) => (a.createdAt ?? a.updatedAt ?? '').localeCompare(b.createdAt ?? b.updatedAt ?? '') || a.sourceId.localeCompare(b.sourceId),
  );
  const subject = ordered[ordered.length - 1]!;
  const others = ordered.slice(0, -1);
  const where = subject.side === 'quickbooks' ? 'in QuickBooks' : `in ${ctx.sourceNames.get(subject.source) ?? subject.source}`;
  const withBalance = ordered.filter((x) => (x.balanceCents ?? 0) > 0);
  // The strongest evidence that ties the later record to the group tells the reader why.
  const touching = pairs.filter((p) => p.a === subject || p.b === subject);
  const best = (touching.length > 0 ? touching : pairs).reduce((x, y) =>
    LEVEL_RANK[y.evidence.level] > LEVEL_RANK[x.evidence.level] ? y : x,
  );
  // Told from the later record's side: "Whitfeld/Whitfield" reads as "this one / the original".
  const [from, to] = best.b === subject || best.a !== subject ? [best.b, best.a] : [best.a, best.b];
  const told = weighEvidence(profileOf(from), profileOf(to)) ?? best.evidence;
  return findingFor(
    rule,
    subject,
    {
      summary: `Customer ${subject.displayName} looks like ${others.map((o) => o.displayName).join(', ')} ${where} (${describeEvidence(told)})`,
      related: others.map(refOf),
      evidence: [
        ...ordered.map((x) => ({
          field: `${x.displayName} (${x.sourceId})`,
          [x.side]: `${x.email ?? '—'} · ${x.phone ?? '—'} · ${x.address?.line1 ?? '—'} · balance ${formatCents(x.balanceCents ?? 0)}`,
        })),
        ...pairs.map((p) => ({
          field: `${p.a.displayName} / ${p.b.displayName}`,
          [subject.side]: p.evidence.level,
          note: describeEvidence(p.evidence),
        })),
      ],
      amountCents: withBalance.reduce((n, x) => n + (x.balanceCents ?? 0), 0),
      likelySide: subject.side,
      since: subject.createdAt ?? undefined,
      customerFacing: withBalance.length >= 2,
    },
    `|${ordered.map((r) => r.sourceId).join('+')}`,
  );
}
