// The records a vendor sandbox serves, held as canonical records (the demo company's FieldPro
// export, or generated ones for the bench) and translated into each vendor's wire shape on the way
// out. Each entity is kept in modification order, as the vendors' change feeds return it.
import path from 'node:path';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { columnsFor } from '../../files/columns';
import { findCurrentExport } from '../../files/find-export';
import { readExport } from '../../files/read-export';

export interface WorldRecords {
  customers: CustomerRecord[];
  jobs: JobRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
}

export type WorldEntity = keyof WorldRecords;

export interface Row<T> {
  record: T;
  modifiedMs: number;
  /** Deleted in the vendor: exports still return it, marked inactive. */
  deleted: boolean;
}

export class World {
  private readonly rows: { [K in WorldEntity]: Array<Row<WorldRecords[K][number]>> };
  private dirty = new Set<WorldEntity>();
  /** Bumped on every change, so derived indexes know when to rebuild. */
  version = 0;

  constructor(data: WorldRecords) {
    const wrap = <T extends { updatedAt: string | null; createdAt?: string | null }>(items: T[]) =>
      items.map((record) => ({
        record,
        modifiedMs: Date.parse(record.updatedAt ?? record.createdAt ?? '2000-01-01T00:00:00Z'),
        deleted: false,
      }));
    this.rows = { customers: wrap(data.customers), jobs: wrap(data.jobs), invoices: wrap(data.invoices), payments: wrap(data.payments) };
    for (const e of Object.keys(this.rows) as WorldEntity[]) this.sort(e);
  }

  /** Rows of an entity, oldest change first (ties by id). */
  list<E extends WorldEntity>(entity: E): ReadonlyArray<Row<WorldRecords[E][number]>> {
    if (this.dirty.has(entity)) this.sort(entity);
    return this.rows[entity] as Array<Row<WorldRecords[E][number]>>;
  }

  find<E extends WorldEntity>(entity: E, sourceId: string): Row<WorldRecords[E][number]> | undefined {
    return (this.rows[entity] as Array<Row<WorldRecords[E][number]>>).find((r) => r.record.sourceId === sourceId);
  }

  /** Changes (or adds) a record, stamping it modified now. */
  upsert<E extends WorldEntity>(entity: E, record: WorldRecords[E][number], now = Date.now()): void {
    const rows = this.rows[entity] as Array<Row<WorldRecords[E][number]>>;
    const at = rows.findIndex((r) => r.record.sourceId === record.sourceId);
    const row = { record: { ...record, updatedAt: new Date(now).toISOString() }, modifiedMs: now, deleted: false };
    if (at >= 0) rows[at] = row;
    else rows.push(row);
    this.dirty.add(entity);
    this.version++;
  }

  remove(entity: WorldEntity, sourceId: string, now = Date.now()): void {
    const row = this.find(entity, sourceId);
    if (!row) return;
    row.deleted = true;
    row.modifiedMs = now;
    this.dirty.add(entity);
    this.version++;
  }

  private sort(entity: WorldEntity): void {
    (this.rows[entity] as Array<Row<{ sourceId: string }>>).sort(
      (a, b) => a.modifiedMs - b.modifiedMs || (a.record.sourceId < b.record.sourceId ? -1 : a.record.sourceId > b.record.sourceId ? 1 : 0),
    );
    this.dirty.delete(entity);
  }
}

/** Reads a generic-preset export folder (the demo's `upstream/fieldpro`) as the sandbox's records. */
export async function loadWorldFromExports(dir: string, zone = 'America/Chicago'): Promise<World> {
  const read = async <T>(entity: 'customers' | 'jobs' | 'invoices' | 'payments'): Promise<T[]> => {
    const file = findCurrentExport(dir, `${entity}*`);
    if (file === undefined) return [];
    const got = await readExport({
      source: 'sandbox',
      entity,
      path: file,
      file: path.basename(file),
      columns: columnsFor({ preset: 'generic', columns: {} }, entity),
      zone,
      defaultCountry: 'US',
    });
    return got.records as T[];
  };
  return new World({
    customers: await read('customers'),
    jobs: await read('jobs'),
    invoices: await read('invoices'),
    payments: await read('payments'),
  });
}

/** Digits of an id (`C1001` → 1001), for vendors whose ids are numbers. */
export function numericId(sourceId: string): number {
  const digits = sourceId.replace(/\D/g, '');
  return digits === '' ? 0 : Number(digits);
}

export function dollars(cents: number | undefined): number {
  return (cents ?? 0) / 100;
}

export function decimalString(cents: number | undefined): string {
  const c = cents ?? 0;
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
