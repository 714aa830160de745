// Which side fixed a finding. When findings resolve, the records behind them (and their twins across
// the trace) are compared with the moment the finding was first seen: a QuickBooks record that changed
// while its upstream record did not is a correction made by hand in QuickBooks. The facts are stored
// on the `findings_resolved` event; the digest decides what counts as manual with the current config.
import type { RecordRef } from '../domain/finding';
import type { CanonicalRecord, InvoiceRecord, PaymentRecord } from '../domain/records';
import type { IncidentChange, IncidentFinding } from '../incidents/model';
import type { Reconciliation, TxnLink } from '../trace/reconcile';

export interface ResolutionFacts {
  key: string;
  quickbooksChanged: boolean;
  upstreamChanged: boolean;
  /** A QuickBooks record created after the finding that carries the id the sync writes: the sync caught up. */
  syncCreated: boolean;
  /** The QuickBooks user behind the change, when the source reports one. */
  quickbooksUser?: string;
}

type Identity = Pick<CanonicalRecord, 'side' | 'source' | 'entity' | 'sourceId'>;
const identity = (r: Identity) => `${r.side}\u0000${r.source}\u0000${r.entity}\u0000${r.sourceId}`;

/** Adds `resolvedBy: ResolutionFacts[]` to each change's `findings_resolved` event. */
export function attributeResolutions(
  changes: readonly IncidentChange[],
  records: readonly CanonicalRecord[],
  recon: Reconciliation,
): IncidentChange[] {
  if (!changes.some((c) => c.resolved.length > 0)) return [...changes];
  const byIdentity = new Map(records.map((r) => [identity(r), r]));
  return changes.map((change) => {
    if (change.resolved.length === 0) return change;
    const resolvedBy = change.resolved.map((f) => factsOf(f, byIdentity, recon));
    return {
      ...change,
      events: change.events.map((e) => (e.type === 'findings_resolved' ? { ...e, data: { ...e.data, resolvedBy } } : e)),
    };
  });
}

function factsOf(f: IncidentFinding, byIdentity: ReadonlyMap<string, CanonicalRecord>, recon: Reconciliation): ResolutionFacts {
  const since = Date.parse(f.firstSeenAt);
  const facts: ResolutionFacts = { key: f.key, quickbooksChanged: false, upstreamChanged: false, syncCreated: false };
  const seen = new Set<string>();
  const visit = (side: CanonicalRecord['side'], id: string, record: CanonicalRecord | undefined, linkedBy?: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    // Gone since (deleted, voided out of the export) or updated after the finding appeared.
    const updated = record?.updatedAt ? Date.parse(record.updatedAt) : NaN;
    const changed = !record || updated > since;
    if (!changed) return;
    const created = record?.createdAt ? Date.parse(record.createdAt) > since : false;
    if (side === 'quickbooks' && created && linkedBy !== undefined && SYNC_KEYS.has(linkedBy)) {
      facts.syncCreated = true;
      return;
    }
    if (side === 'quickbooks') {
      facts.quickbooksChanged = true;
      if (record?.createdBy && facts.quickbooksUser === undefined) facts.quickbooksUser = record.createdBy;
    } else facts.upstreamChanged = true;
  };
  for (const ref of [f.finding.subject, ...f.finding.related]) {
    if (!isRecordRef(ref)) continue;
    const id = identity(ref);
    const record = byIdentity.get(id);
    visit(ref.side, id, record);
    // The twin across the trace: a missing invoice is usually fixed by creating it on the other side.
    for (const twin of twinsOf(record, recon)) visit(twin.record.side, identity(twin.record), twin.record, twin.by);
  }
  return facts;
}

function isRecordRef(ref: RecordRef): ref is RecordRef & Identity {
  return ref.entity !== 'source' && ref.entity !== 'record';
}

/** Keys only the sync writes into QuickBooks; a DocNumber or reference can be typed by hand. */
const SYNC_KEYS = new Set(['link_id', 'private_note', 'custom_field']);

function twinsOf(record: CanonicalRecord | undefined, recon: Reconciliation): Array<TxnLink<CanonicalRecord>> {
  if (!record) return [];
  if (record.entity === 'invoice') {
    const inv = record as InvoiceRecord;
    return record.side === 'upstream'
      ? (recon.qbInvoicesByUpstream.get(inv) ?? [])
      : [recon.upstreamByQbInvoice.get(inv)].filter((l) => l !== undefined);
  }
  if (record.entity === 'payment') {
    const pay = record as PaymentRecord;
    return record.side === 'upstream'
      ? (recon.qbPaymentsByUpstream.get(pay) ?? [])
      : [recon.upstreamByQbPayment.get(pay)].filter((l) => l !== undefined);
  }
  return [];
}
