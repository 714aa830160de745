// One incremental poll: apply the changes to the kept state, gather what they (and the deadlines that
// passed) can affect, reconcile and evaluate only that, and merge it with the findings kept for
// everything else. Whatever this path cannot judge locally (a customer or reference record changed)
// sends the poll down the full path instead.
import type { Finding } from '../domain/finding';
import type { CanonicalRecord, CustomerRecord } from '../domain/records';
import { attributeResolutions } from '../digest/attribute-resolution';
import { evaluateUnsuppressed, rulesThatRun, suppressStale } from '../evaluate/evaluate';
import { recordDay } from '../evaluate/history-start';
import type { IncidentChange } from '../incidents/model';
import { reconcile } from '../trace/reconcile';
import { transactionCustomer, type CompanyState } from './company-state';
import { contextOf, finish, GLOBAL_KINDS, isCustomerOnly, type EngineInput, type EngineOptions, type EngineResult } from './engine';
import { recordId } from './record-tokens';

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
  // A changed record's old version may have tied it to records its new one does not: judge those too.
  const touch = (r: CanonicalRecord | undefined) => {
    if (!r) return;
    for (const id of state.neighbours(r)) seeds.add(id);
    const ref = transactionCustomer(r);
    if (ref !== undefined) seedCustomers.add(ref);
  };

  state.nowMs = nowMs;
  for (const c of changes) {
    // The store writes a read's records, then removes what it no longer has: apply in that order.
    for (const given of c.upserted) {
      // The store hands back what it wrote as JSON: judge the same shape the full path loads.
      const r = JSON.parse(JSON.stringify(given)) as CanonicalRecord;
      const id = recordId(r);
      touch(state.records.get(id)?.record);
      touch(r);
      state.add(r);
      seeds.add(id);
    }
    for (const d of c.deleted) {
      const id = recordId({ source: c.source, entity: d.entity, sourceId: d.sourceId });
      seeds.add(id);
      touch(state.remove(id));
    }
  }
  // Grace periods that ended and age texts that moved since the last poll, with nothing changed.
  for (const id of state.deadlines.takeDue(nowMs)) {
    state.schedule(id);
    seeds.add(id);
  }

  // Customers whose business changed, those that came due or have findings, and their twins.
  const coreCustomers = new Set<CustomerRecord>();
  const addCustomer = (c: CustomerRecord | undefined) => {
    if (!c || coreCustomers.has(c)) return;
    coreCustomers.add(c);
    const twin = state.twinOf(c);
    if (twin) coreCustomers.add(twin);
  };
  // A linked customer inside the history is judged on its own and its twin; only an unlinked one
  // (missing: does it do business?) or one from before the start (in scope while it does) reads its transactions.
  const readsBusiness = (c: CustomerRecord) => {
    const twin = state.twinOf(c);
    if (twin === undefined || input.historyFrom === undefined) return true;
    return [c, twin].some((x) => (recordDay(x, input.timeZone) ?? input.historyFrom!) < input.historyFrom!);
  };
  for (const ref of seedCustomers) {
    const [source, id] = ref.split('\u0000') as [string, string];
    const c = state.customer(source, id);
    if (c && readsBusiness(c)) addCustomer(c);
  }
  for (const id of seeds) {
    const r = state.records.get(id)?.record;
    if (r?.entity === 'customer') addCustomer(r);
  }
  const txnSeeds = [...seeds].filter((id) => state.records.get(id)?.record.entity !== 'customer');
  // A customer is judged by whether it does business: its invoices are read as they are, its payments
  // by what they pay (history scope), so only the payments bring their ties along.
  const customerInvoices: string[] = [];
  for (const c of coreCustomers) {
    for (const id of state.transactionsOf(c)) {
      if (state.records.get(id)?.record.entity === 'payment') txnSeeds.push(id);
      else customerInvoices.push(id);
    }
  }

  const closure = state.closure(txnSeeds, Math.max(1000, options.maxSubsetShare * state.records.size));
  if (!closure) return { ok: false, reason: 'the changes reach too much of the company' };

  const subset = new Set<string>(closure);
  for (const id of customerInvoices) subset.add(id);
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
  // Duplicate customers weigh every customer against the others: their findings are kept from the full path.
  const local = input.rules.filter((r) => !(r.kind === 'duplicate' && r.entity === 'customer'));
  const { findings } = evaluateUnsuppressed(local, contextOf(input, recon), input.matching);
  const ran = new Set(rulesThatRun(input.rules, input.health).map((r) => r.id));

  const judged = new Set<string>(closure);
  for (const c of coreCustomers) judged.add(recordId(c));
  const fresh = new Map<string, Finding[]>();
  const global: Finding[] = [];
  for (const f of findings) {
    if (GLOBAL_KINDS.has(f.kind)) global.push(f);
    else if (isCustomerOnly(f)) continue;
    else {
      const id = recordId(f.subject);
      if (!judged.has(id)) continue;
      const list = fresh.get(id);
      if (list) list.push(f);
      else fresh.set(id, [f]);
    }
  }
  for (const id of judged) state.setFindings(id, fresh.get(id) ?? []);
  for (const id of seeds) if (!state.records.has(id)) state.setFindings(id, []);
  state.pollsSinceFull++;

  const all: Finding[] = [...global, ...state.customerOnlyFindings];
  for (const list of state.findings.values()) for (const f of list) all.push(f);
  return {
    ok: true,
    result: {
      findings: finish(input.rules, suppressStale(input.rules, all, state.providers())),
      ran,
      recordCount: state.records.size,
      judged: records.length,
      mode: 'incremental',
      attribute: (lifecycle) => attributeOver(state, input, lifecycle),
    },
  };
}

/** Attribution over the records the resolved findings name, with what ties them to their twins. */
function attributeOver(state: CompanyState, input: EngineInput, changes: IncidentChange[]): IncidentChange[] {
  if (!changes.some((c) => c.resolved.length > 0)) return changes;
  const named = new Set<string>();
  for (const c of changes)
    for (const f of c.resolved) for (const ref of [f.finding.subject, ...f.finding.related]) named.add(recordId(ref));
  const ids = state.closure(named, Infinity) ?? new Set<string>();
  for (const id of named) if (state.records.get(id)?.record.entity === 'customer') ids.add(id);
  const records = state.inOrder(ids);
  return attributeResolutions(changes, records, reconcile(records, input.matching, state.customerLinks));
}
