// What `status --json` shows of one finding: enough for a script or a reviewer to find the very
// records that were flagged (side, source, id, number, amount) without opening the database.
import type { Finding, RecordRef } from '../domain/finding';
import { formatCents } from '../domain/money';
import type { IncidentFinding } from '../incidents/model';

export interface StatusRecordRef {
  side: RecordRef['side'];
  source: string;
  entity: RecordRef['entity'];
  /** The record's id in its own system. */
  id: string;
  label: string;
  /** Invoice number, payment reference or job number; null when unknown (or stored before it was kept). */
  number: string | null;
  amountCents: number | null;
}

export interface StatusFinding {
  rule: string;
  key: string;
  summary: string;
  amountCents: number;
  amount: string;
  location: string | null;
  since: string | null;
  firstSeenAt: string;
  /** Held back because a source behind it is stale: listed, not counted in money at risk. */
  suppressed: boolean;
  subject: StatusRecordRef;
  related: StatusRecordRef[];
}

export function statusRecordRef(r: RecordRef): StatusRecordRef {
  return {
    side: r.side,
    source: r.source,
    entity: r.entity,
    id: r.sourceId,
    label: r.label,
    number: r.number ?? null,
    amountCents: r.amountCents ?? null,
  };
}

export function statusFinding(f: IncidentFinding): StatusFinding {
  const x: Finding = f.finding;
  return {
    rule: x.ruleId,
    key: x.key,
    summary: x.summary,
    amountCents: x.amountCents,
    amount: formatCents(x.amountCents),
    location: x.location ?? null,
    since: x.since ?? null,
    firstSeenAt: f.firstSeenAt,
    suppressed: Boolean(x.suppressedBy),
    subject: statusRecordRef(x.subject),
    related: x.related.map(statusRecordRef),
  };
}
