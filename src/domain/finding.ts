import type { EntityKind, Side } from './records';

export type RuleKind =
  'missing' | 'late' | 'orphan' | 'duplicate' | 'incomplete' | 'mismatch' | 'stale' | 'unapplied' | 'malformed' | 'backlog';

export interface RecordRef {
  side: Side;
  source: string;
  entity: EntityKind | 'source' | 'record';
  sourceId: string;
  /** Human label: "Invoice 1043", "Customer Jane O'Neil". */
  label: string;
  /** The number a person looks it up by: invoice number, payment reference, job number. Absent on findings stored before it existed. */
  number?: string;
  /** The record's own amount (invoice or job total, payment amount), when it has one. Absent on findings stored before it existed. */
  amountCents?: number;
}

export type HopName = 'job' | 'upstream_invoice' | 'quickbooks_invoice' | 'quickbooks_payment' | 'upstream_payment' | 'customer' | 'source';

/** One hop of the trace job → upstream invoice → QuickBooks invoice → QuickBooks payment. */
export interface TraceHop {
  hop: HopName;
  status: 'ok' | 'broken' | 'absent' | 'not_expected';
  ref?: RecordRef;
  note?: string;
}

export interface FieldEvidence {
  field: string;
  upstream?: string | number | boolean | null;
  quickbooks?: string | number | boolean | null;
  note?: string;
}

export interface Finding {
  ruleId: string;
  kind: RuleKind;
  entity: EntityKind | 'source';
  /** Stable identity across polls: the same problem on the same records gives the same key. */
  key: string;
  /** Which incident of the rule it belongs to (location, customer, root cause … or "all"). */
  groupKey: string;
  subject: RecordRef;
  related: RecordRef[];
  /** One line a person reads: "Invoice 1043 ($412.00) not in QuickBooks after 3 days". */
  summary: string;
  evidence: FieldEvidence[];
  trace: TraceHop[];
  /** Money this finding puts at risk, in cents (absolute). */
  amountCents: number;
  /** Where the data most likely went wrong. */
  likelySide: Side | 'sync' | 'unknown';
  /** When the problem began (issued, completed, created …), for "oldest" and age buckets. */
  since?: string;
  location?: string;
  customerFacing?: boolean;
  /** A shared factor that explains the finding (an unmapped item, a location, a user). */
  rootCauseKey?: string;
  /** Small enough to count as low impact on its own (e.g. a one-cent rounding difference). */
  minor?: boolean;
  /** Held back because the source behind it is stale; kept, shown as suppressed. */
  suppressedBy?: string;
  /** Not conclusive yet (an edit still settling): keeps an already-open finding alive, never opens one. */
  holdOnly?: boolean;
}
