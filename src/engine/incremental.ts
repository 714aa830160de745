// One incremental poll: apply the changes to the kept state, gather what they (and the deadlines that
// passed) can affect, reconcile and evaluate only that, and merge it with the findings kept for
// everything else. Whatever this path cannot judge locally (a customer or reference record changed)
// sends the poll down the full path instead.
import type { Finding } from '../domain/finding';
import type { CanonicalRecord, CustomerRecord } from '../domain/records';
import { evaluateUnsuppressed, suppressStale } from '../evaluate/evaluate';
import { reconcile } from '../trace/reconcile';
import { transactionCustomer, type CompanyState } from './company-state';
import { contextOf, finish, GLOBAL_KINDS, isCustomerOnly, type EngineInput, type EngineOptions, type EngineResult } from './engine';
import { nextDue, recordId } from './record-tokens';

type Outcome = { ok: true; result: Omit<EngineResult, 'keep'> } | { ok: false; reason: string };

const LOCAL_ENTITIES = new Set(['invoice', 'payment', 'job', 'deposit']);

/** A customer's sync error that names a clash with an inactive QuickBooks customer (see name-clash.ts). */
const NAME_CLASH = /\b6240\b|duplicate name exists/i;

export function incrementalPoll(state: CompanyState, input: EngineInput, options: EngineOptions): Outcome {
  const changes = input.changes!;
  for (const c of changes) {
    const local = (e: string) => LOCAL_ENTITIES.has(e);
    if (!c.upserted.every((r) => local(r.entity)) || !c.deleted.every((d) => local(d.entity)))
      return { ok: false, reason: 'a customer or reference record changed' };
  }
  const nowMs = input.now.getTime();
  const seeds = new Set<string>();
  const seedCustomers = new Set<string>();
  const touch = (r: CanonicalRecord | undefined) => {
    if (!r) return;
    const ref = transactionCustomer(r);
    if (ref !== undefined) seedCustomers.add(ref);
  };

  state.nowMs = nowMs;
  for (const c of changes) {
    for (const d of c.deleted) {
      const id = recordId({ source: c.source, entity: d.entity, sourceId: d.sourceId });
      seeds.add(id);
      touch(state.remove(id));
    }
    for (const given of c.upserted) {
      // The store hands back what it wrote as JSON: judge the same shape the full path loads.
      const r = JSON.parse(JSON.stringify(given)) as CanonicalRecord;
      const id = recordId(r);
      touch(state.records.get(id)?.record);
      touch(r);
      state.add(r);
      seeds.add(id);
    }
  }
  for (const id of state.deadlines.takeDue(nowMs)) {
    const r = state.records.get(id)?.record;
    if (r) state.deadlines.set(id, nextDue(r, state.durations, nowMs));
    seeds.add(id);
  }
  // Kept findings are judged again each poll: their text counts the age, and they may have gone.
  for (const [id, list] of state.findings) {
    seeds.add(id);
    for (const f of list) for (const rel of f.related) seeds.add(recordId(rel));
  }

  // Customers whose business changed, those that came due or have findings, and their twins.
  const coreCustomers = new Set<CustomerRecord>();
  const addCustomer = (c: CustomerRecord | undefined) => {
    if (!c || coreCustomers.has(c)) return;
    coreCustomers.add(c);
    const twin = state.twinOf(c);
    if (twin) coreCustomers.add(twin);
  };
  for (const ref of seedCustomers) {
    const [source, id] = ref.split('\u0000') as [string, string];
    addCustomer(state.customer(source, id));
  }
  for (const id of seeds) {
    const r = state.records.get(id)?.record;
    if (r?.entity === 'customer') addCustomer(r);
  }
  const txnSeeds = [...seeds].filter((id) => state.records.get(id)?.record.entity !== 'customer');
  for (const c of coreCustomers) for (const id of state.transactionsOf(c)) txnSeeds.push(id);

  const closure = state.closure(txnSeeds, Math.max(1000, options.maxSubsetShare * state.records.size));
  if (!closure) return { ok: false, reason: 'the changes reach too much of the company' };

  const subset = new Set<string>(closure);
  const withCustomer = (c: CustomerRecord | undefined) => {
    // The customer, its parents (an invoice may be billed to a sub-customer) and their twins.
    for (let depth = 0; c && depth <= 6; depth++) {
      subset.add(recordId(c));
      const twin = state.twinOf(c);
      if (twin) subset.add(recordId(twin));
      c = c.parentId === undefined ? undefined : state.customer(c.source, c.parentId);
    }
  };
  for (const c of coreCustomers) withCustomer(c);
  for (const id of closure) {
    const ref = transactionCustomer(state.records.get(id)!.record);
    if (ref === undefined) continue;
    const [source, customerId] = ref.split('\u0000') as [string, string];
    withCustomer(state.customer(source, customerId));
  }
  for (const id of state.refs) subset.add(id);
  if ([...coreCustomers].some((c) => c.syncError !== undefined && NAME_CLASH.test(c.syncError)))
    for (const id of state.inactiveQbCustomers) subset.add(id);

  const records = state.inOrder(subset);
  const recon = reconcile(records, input.matching, state.customerLinks);
  const { findings, ran } = evaluateUnsuppressed(input.rules, contextOf(input, recon), input.matching);

  const judged = new Set<string>(closure);
  for (const c of coreCustomers) judged.add(recordId(c));
  for (const id of judged) state.findings.delete(id);
  for (const id of seeds) if (!state.records.has(id)) state.findings.delete(id);
  const global: Finding[] = [];
  for (const f of findings) {
    if (GLOBAL_KINDS.has(f.kind)) global.push(f);
    else if (isCustomerOnly(f)) continue;
    else {
      const id = recordId(f.subject);
      if (!judged.has(id)) continue;
      const list = state.findings.get(id);
      if (list) list.push(f);
      else state.findings.set(id, [f]);
    }
  }
  state.pollsSinceFull++;

  const all: Finding[] = [...global, ...state.customerOnlyFindings];
  for (const list of state.findings.values()) for (const f of list) all.push(f);
  return {
    ok: true,
    result: {
      findings: finish(input.rules, suppressStale(input.rules, all, state.providers())),
      ran,
      recordCount: state.records.size,
      mode: 'incremental',
      records,
      recon,
    },
  };
}
