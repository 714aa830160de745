import type { Finding } from '../../src/domain/finding';
import type { CanonicalRecord } from '../../src/domain/records';
import { refOf } from '../../src/trace/trace';

/** A finding about one invoice; `key` names the record ("invoice:1043"). */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  const key = overrides.key ?? 'invoice:1043';
  const id = key.split(':').pop() ?? key;
  return {
    ruleId: 'missing-invoice',
    kind: 'missing',
    entity: 'invoice',
    key,
    groupKey: 'all',
    subject: { side: 'upstream', source: 'fieldpro', entity: 'invoice', sourceId: id, label: `Invoice ${id}` },
    related: [],
    summary: `Invoice ${id} ($100.00, Jane Doe) not in QuickBooks after 4 days`,
    evidence: [],
    trace: [],
    amountCents: 10_000,
    likelySide: 'unknown',
    ...overrides,
  };
}

/** `count` findings alike but for invoices 1001, 1002 …; amounts fall by a cent so their order is fixed. */
export function someFindings(count: number, overrides: Partial<Finding> = {}): Finding[] {
  return Array.from({ length: count }, (_, i) => aFinding({ amountCents: 10_000 - i, ...overrides, key: `invoice:${1001 + i}` }));
}

/** A finding whose subject is `record` (as the evaluators name it: id, number, amount) and whose money is that record's. */
export function aFindingAbout(record: CanonicalRecord, overrides: Partial<Finding> = {}): Finding {
  const subject = refOf(record);
  return aFinding({
    key: `${overrides.ruleId ?? 'missing-invoice'}|${record.side}|${record.source}|${record.entity}|${record.sourceId}`,
    subject,
    summary: `${subject.label} flagged`,
    amountCents: subject.amountCents ?? 0,
    ...overrides,
  });
}
