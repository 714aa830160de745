// Which column of an export holds which canonical field. The generic preset's headers are the
// canonical snake_case names; a config's `columns` overrides them one field at a time.
import type { FilesSourceConfig } from '../../src/config/schema';
import type { EntityKind } from '../../src/domain/records';
import { VENDOR_PRESETS } from './presets';

export const FILE_ENTITIES = ['customers', 'jobs', 'invoices', 'payments'] as const;
export type FileEntity = (typeof FILE_ENTITIES)[number];

export const ENTITY_KIND: Record<FileEntity, EntityKind> = {
  customers: 'customer',
  jobs: 'job',
  invoices: 'invoice',
  payments: 'payment',
};

export const FIELDS: Record<FileEntity, readonly string[]> = {
  customers: [
    'id',
    'name',
    'first_name',
    'last_name',
    'company',
    'email',
    'phone',
    'address',
    'city',
    'state',
    'zip',
    'quickbooks_id',
    'active',
    'balance',
    'created_at',
    'updated_at',
    'sync_status',
    'sync_error',
  ],
  jobs: [
    'id',
    'number',
    'customer_id',
    'customer_name',
    'status',
    'completed_at',
    'technician',
    'location',
    'business_unit',
    'total',
    'updated_at',
    'created_at',
  ],
  invoices: [
    'id',
    'number',
    'job_number',
    'customer_id',
    'customer_name',
    'date',
    'due_date',
    'issued_at',
    'total',
    'tax',
    'balance',
    'status',
    'class',
    'location',
    'business_unit',
    'lines',
    'email',
    'sync_status',
    'sync_error',
    'updated_at',
    'created_at',
  ],
  payments: [
    'id',
    'reference',
    'customer_id',
    'customer_name',
    'date',
    'received_at',
    'amount',
    'invoice_id',
    'invoice_number',
    'applied',
    'method',
    'updated_at',
    'created_at',
  ],
};

/** Without these a row means nothing, so a file lacking one is refused whole. */
export const REQUIRED: Record<FileEntity, readonly string[]> = {
  customers: ['id', 'name'],
  jobs: ['id', 'number', 'status'],
  invoices: ['id', 'total'],
  payments: ['id', 'amount'],
};

/** Canonical field → header in the file; a field with no header is not in this export. */
export type ColumnMap = Readonly<Record<string, string | undefined>>;

export function columnsFor(cfg: Pick<FilesSourceConfig, 'preset' | 'columns'>, entity: FileEntity): ColumnMap {
  const overrides = cfg.columns[entity] ?? {};
  // `custom` means the config names every column itself. A vendor preset names the headers of that
  // vendor's export where the reference gives them, and the generic names elsewhere.
  const base = cfg.preset === 'custom' ? {} : Object.fromEntries(FIELDS[entity].map((f) => [f, f]));
  const vendor = cfg.preset === 'custom' || cfg.preset === 'generic' ? {} : (VENDOR_PRESETS[cfg.preset][entity] ?? {});
  return { ...base, ...vendor, ...overrides };
}

/** The header a person should look for: the mapped one, or the canonical name when none is mapped. */
export function headerOf(columns: ColumnMap, field: string): string {
  return columns[field] ?? field;
}
