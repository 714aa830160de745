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
import { StringIndex } from './string-index';

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

/**
 * Records by source, then by id (or number) within that source. Two levels instead of one map keyed
 * by `source + id`: a lookup builds no key string, and the id strings the records already hold are
 * the keys (their hashes are cached in the strings), which matters at a million records.
 */
export class BySource<T> {
  private readonly sources = new Map<string, StringIndex<T>>();
  private readonly indexes: Array<StringIndex<T>> = [];
  /** Ids set twice within one source (rare): no longer unique. */
  private repeated: Set<string> | undefined;
  private count = 0;

  get(source: string, id: string | undefined): T | undefined {
    return id === undefined ? undefined : this.sources.get(source)?.get(id);
  }

  /** Sets the id's record within its source; a later record replaces an earlier one. */
  set(source: string, id: string, value: T): void {
    let index = this.sources.get(source);
    if (!index) {
      this.sources.set(source, (index = new StringIndex()));
      this.indexes.push(index);
    }
    if (index.set(id, value)) this.count++;
    else (this.repeated ??= new Set()).add(id);
  }

  /**
   * The one record set under `id` in any source: undefined when none was, null when two or more
   * were (an id two sources share, or one source gave twice, identifies neither).
   */
  only(id: string): T | null | undefined {
    if (this.repeated?.has(id)) return null;
    let found: T | undefined;
    for (const index of this.indexes) {
      const value = index.get(id);
      if (value === undefined) continue;
      if (found !== undefined) return null;
      found = value;
    }
    return found;
  }

  get size(): number {
    return this.count;
  }
}

/** Each record under its source and id, for a list of records (a later record wins an id). */
export function byKey<T extends CanonicalRecord>(records: readonly T[]): BySource<T> {
  const index = new BySource<T>();
  for (const r of records) index.set(r.source, r.sourceId, r);
  return index;
}
