// Jobber's query cost, as its rate-limit page describes it: every field costs 1; `nodes`, `edges`
// and `node` cost nothing; a connection multiplies what is under it by `first` (100 when absent).
import { Kind, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql';

const FREE = new Set(['nodes', 'edges', 'node', 'pageInfo', '__typename']);
const CONNECTION_FIELDS = new Set(['clients', 'jobs', 'invoices', 'paymentRecords', 'properties', 'lineItems']);

export function queryCost(doc: DocumentNode, variables: Record<string, unknown>): number {
  let total = 0;
  for (const def of doc.definitions) if (def.kind === Kind.OPERATION_DEFINITION) total += setCost(def.selectionSet, variables);
  return total;
}

function setCost(set: SelectionSetNode | undefined, vars: Record<string, unknown>): number {
  if (!set) return 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD) {
      if (sel.kind === Kind.INLINE_FRAGMENT) cost += setCost(sel.selectionSet, vars);
      continue;
    }
    const name = sel.name.value;
    const inner = setCost(sel.selectionSet, vars);
    if (CONNECTION_FIELDS.has(name)) {
      const first = sel.arguments?.find((a) => a.name.value === 'first');
      const n = first ? Number(valueOf(first.value, vars) ?? 100) : 100;
      cost += 1 + n * inner;
    } else cost += (FREE.has(name) ? 0 : 1) + inner;
  }
  return cost;
}

function valueOf(v: ValueNode, vars: Record<string, unknown>): unknown {
  if (v.kind === Kind.VARIABLE) return vars[v.name.value];
  if (v.kind === Kind.INT) return Number(v.value);
  return undefined;
}

/** What an answer actually cost: one point per field returned, `nodes`/`edges`/`pageInfo` free. */
export function resultCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, x) => n + resultCost(x), 0);
  if (data === null || typeof data !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) n += (FREE.has(k) ? 0 : 1) + resultCost(v);
  return n;
}

/** The per-app/account leaky bucket. */
export class CostBucket {
  private available: number;
  private at: number;
  /** Drained and not yet asked: the refill starts at the next query, however long the caller took to send it. */
  private emptyUntilAsked = false;
  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
  ) {
    this.available = maximumAvailable;
    this.at = Date.now();
  }
  currentlyAvailable(now = Date.now()): number {
    if (this.emptyUntilAsked) {
      this.emptyUntilAsked = false;
      this.at = now;
      return 0;
    }
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
    return Math.floor(this.available);
  }
  spend(cost: number): void {
    this.currentlyAvailable();
    this.available -= cost;
  }
  drain(): void {
    this.currentlyAvailable();
    this.available = 0;
    this.emptyUntilAsked = true;
  }
}
