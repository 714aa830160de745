import type {
  CanonicalRecord,
  CustomerRecord,
  DepositRecord,
  InvoiceRecord,
  JobRecord,
  PaymentRecord,
  ReferenceRecord,
  Side,
} from '../domain/records';

/** One side's records, split by entity. */
export interface SideRecords {
  customers: CustomerRecord[];
  jobs: JobRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  deposits: DepositRecord[];
  refs: ReferenceRecord[];
}

export function emptySide(): SideRecords {
  return { customers: [], jobs: [], invoices: [], payments: [], deposits: [], refs: [] };
}

export function splitBySide(records: readonly CanonicalRecord[]): Record<Side, SideRecords> {
  const sides: Record<Side, SideRecords> = { upstream: emptySide(), quickbooks: emptySide() };
  for (const r of records) {
    const s = sides[r.side];
    switch (r.entity) {
      case 'customer':
        s.customers.push(r);
        break;
      case 'job':
        s.jobs.push(r);
        break;
      case 'invoice':
        s.invoices.push(r);
        break;
      case 'payment':
        s.payments.push(r);
        break;
      case 'deposit':
        s.deposits.push(r);
        break;
      default:
        s.refs.push(r);
    }
  }
  return sides;
}

/** Identity of a record across sources: ids are only unique within one source. */
export function recordKey(r: { source: string; sourceId: string }): string {
  return `${r.source}\u0000${r.sourceId}`;
}

/** Map from key to record, for a list of records. */
export function byKey<T extends CanonicalRecord>(records: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of records) map.set(recordKey(r), r);
  return map;
}
