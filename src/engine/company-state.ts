// What the engine keeps of one company between polls: every record in store order, the tokens that
// tie records together, transactions by customer, the whole company's customer links, the findings
// by the record they are about, and the deadlines of the time-based rules.
import type { Finding } from '../domain/finding';
import type { CanonicalRecord, CustomerRecord } from '../domain/records';
import type { CustomerLinks } from '../trace/reconcile';
import { Deadlines } from './deadlines';
import { customerRef, nextDue, recordId, type Tokenizer } from './record-tokens';

/** Kinds whose summary tells the age of what they are about (humanAge). */
const AGED_KINDS = new Set<Finding['kind']>(['late', 'missing', 'orphan', 'unapplied']);

interface Entry {
  record: CanonicalRecord;
  /** Position in store order: reconciliation is order-sensitive (the first of two claimants links). */
  seq: number;
  /** Its tokens, worked out once (a match-key pattern runs over its note). */
  tokens: string[];
}

export class CompanyState {
  readonly records = new Map<string, Entry>();
  private readonly tokens = new Map<string, string | Set<string>>();
  private readonly byCustomer = new Map<string, Set<string>>();
  /** Reference records (items, classes, locations, accounts): few, and every subset carries them all. */
  readonly refs = new Set<string>();
  /** Inactive QuickBooks customers: a customer refused for a name clash is judged against them. */
  readonly inactiveQbCustomers = new Set<string>();
  /** Sources holding records, by `side:entity`, with how many: which findings a stale source holds back. */
  private readonly providerCounts = new Map<string, Map<string, number>>();
  readonly deadlines = new Deadlines();
  /** Findings of record rules, by the id of the record they are about. */
  readonly findings = new Map<string, Finding[]>();
  /** Records with a finding whose text tells an age ("not in QuickBooks after 3 days"): due again when it reads differently. */
  private readonly aged = new Set<string>();
  private nextSeq = 0;

  constructor(
    readonly fingerprint: string,
    readonly tokensOf: Tokenizer,
    readonly durations: readonly number[],
    readonly customerLinks: CustomerLinks,
    /** Findings that depend on customers alone (duplicate customers): kept until a customer changes. */
    readonly customerOnlyFindings: readonly Finding[],
    public environment: string,
    public nowMs: number,
  ) {}

  public revision = -1;
  public pollsSinceFull = 0;
  public fullAtMs = 0;

  add(record: CanonicalRecord): void {
    const id = recordId(record);
    const before = this.records.get(id);
    if (before) this.unindex(id, before);
    // A record rewritten in place keeps its position (SQLite keeps the rowid); a new one goes last.
    const tokens = this.tokensOf(record);
    this.records.set(id, { record, seq: before ? before.seq : this.nextSeq++, tokens });
    for (const t of tokens) {
      const held = this.tokens.get(t);
      if (held === undefined) this.tokens.set(t, id);
      else if (typeof held === 'string') {
        if (held !== id) this.tokens.set(t, new Set([held, id]));
      } else held.add(id);
    }
    const ref = transactionCustomer(record);
    if (ref !== undefined) {
      const ids = this.byCustomer.get(ref);
      if (ids) ids.add(id);
      else this.byCustomer.set(ref, new Set([id]));
    }
    if (record.entity !== 'customer' && record.entity !== 'invoice' && record.entity !== 'payment' && record.entity !== 'job')
      if (record.entity !== 'deposit') this.refs.add(id);
    if (record.entity === 'customer' && record.side === 'quickbooks' && !record.active) this.inactiveQbCustomers.add(id);
    const counts = this.providerCounts.get(`${record.side}:${record.entity}`) ?? new Map<string, number>();
    counts.set(record.source, (counts.get(record.source) ?? 0) + 1);
    this.providerCounts.set(`${record.side}:${record.entity}`, counts);
    this.schedule(id);
  }

  /** Sets the findings about a record (none: forgets them) and when it is next due. */
  setFindings(id: string, list: Finding[]): void {
    if (list.length > 0) this.findings.set(id, list);
    else this.findings.delete(id);
    const aged = list.some((f) => AGED_KINDS.has(f.kind));
    if (aged === this.aged.has(id)) return;
    if (aged) this.aged.add(id);
    else this.aged.delete(id);
    this.schedule(id);
  }

  /** Puts the record back in the deadlines at the next instant a rule or an age text may read it differently. */
  schedule(id: string): void {
    const record = this.records.get(id)?.record;
    if (record) this.deadlines.set(id, nextDue(record, this.durations, this.nowMs, this.aged.has(id)));
  }

  remove(id: string): CanonicalRecord | undefined {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    this.unindex(id, entry);
    this.records.delete(id);
    return entry.record;
  }

  private unindex(id: string, entry: Entry): void {
    const { record } = entry;
    for (const t of entry.tokens) {
      const held = this.tokens.get(t);
      if (held === id) this.tokens.delete(t);
      else if (typeof held === 'object') {
        held.delete(id);
        if (held.size === 1) this.tokens.set(t, held.values().next().value!);
      }
    }
    const ref = transactionCustomer(record);
    if (ref !== undefined) this.byCustomer.get(ref)?.delete(id);
    this.refs.delete(id);
    this.aged.delete(id);
    this.inactiveQbCustomers.delete(id);
    const counts = this.providerCounts.get(`${record.side}:${record.entity}`);
    const n = (counts?.get(record.source) ?? 0) - 1;
    if (n > 0) counts!.set(record.source, n);
    else counts?.delete(record.source);
    this.deadlines.remove(id);
  }

  /** Every record sharing a token with one of `seeds`, and so on: the records that must be judged together. */
  closure(seeds: Iterable<string>, limit: number): Set<string> | undefined {
    const out = new Set<string>();
    const queue: string[] = [];
    for (const s of seeds) {
      if (!this.records.has(s) || out.has(s)) continue;
      out.add(s);
      queue.push(s);
    }
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const t of this.records.get(id)!.tokens) {
        const held = this.tokens.get(t);
        if (held === undefined) continue;
        for (const other of typeof held === 'string' ? [held] : held) {
          if (out.has(other)) continue;
          out.add(other);
          queue.push(other);
        }
      }
      if (out.size > limit) return undefined;
    }
    return out;
  }

  /** The records sharing a token with `record` (as it is, or as it was before a change). */
  neighbours(record: CanonicalRecord): string[] {
    const out: string[] = [];
    const id = recordId(record);
    const entry = this.records.get(id);
    for (const t of entry?.record === record ? entry.tokens : this.tokensOf(record)) {
      const held = this.tokens.get(t);
      if (held === undefined) continue;
      if (typeof held === 'string') out.push(held);
      else for (const id of held) out.push(id);
    }
    return out;
  }

  transactionsOf(customer: CustomerRecord): Iterable<string> {
    return this.byCustomer.get(customerRef(customer.source, customer.sourceId)) ?? [];
  }

  customer(source: string, customerId: string): CustomerRecord | undefined {
    const r = this.records.get(recordId({ source, entity: 'customer', sourceId: customerId }))?.record;
    return r?.entity === 'customer' ? r : undefined;
  }

  twinOf(c: CustomerRecord): CustomerRecord | undefined {
    return (c.side === 'upstream' ? this.customerLinks.forward.get(c) : this.customerLinks.backward.get(c))?.record;
  }

  providers(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const [key, counts] of this.providerCounts) if (counts.size > 0) out.set(key, new Set(counts.keys()));
    return out;
  }

  /** The records of `ids` in store order. */
  inOrder(ids: Iterable<string>): CanonicalRecord[] {
    const entries: Entry[] = [];
    for (const id of ids) {
      const e = this.records.get(id);
      if (e) entries.push(e);
    }
    return entries.sort((a, b) => a.seq - b.seq).map((e) => e.record);
  }
}

/** The customer ref of a transaction (invoice, payment, job) that names one. */
export function transactionCustomer(r: CanonicalRecord): string | undefined {
  if (r.entity !== 'invoice' && r.entity !== 'payment' && r.entity !== 'job') return undefined;
  return r.customerId === undefined ? undefined : customerRef(r.source, r.customerId);
}
