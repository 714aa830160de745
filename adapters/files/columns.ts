// Column names per entity. The generic preset uses the canonical names; a config's `columns`
// overrides them one by one. The vendor presets map to the generic names until the vendor
// connectors issue fills them in with each vendor's own export headers.
import type { FilesSourceConfig } from '../../src/config/schema';

export type FileEntity = 'customers' | 'jobs' | 'invoices' | 'payments';

export const FIELDS: Record<FileEntity, readonly string[]> = {
  customers: ['id', 'name', 'first_name', 'last_name', 'company', 'email', 'phone', 'address', 'city', 'state', 'zip', 'quickbooks_id', 'active', 'balance', 'created_at', 'updated_at', 'sync_status', 'sync_error'],
  jobs: ['id', 'number', 'customer_id', 'customer_name', 'status', 'completed_at', 'technician', 'location', 'business_unit', 'total', 'updated_at', 'created_at'],
  invoices: ['id', 'number', 'job_number', 'customer_id', 'customer_name', 'date', 'due_date', 'issued_at', 'total', 'tax', 'balance', 'status', 'class', 'location', 'business_unit', 'lines', 'email', 'sync_status', 'sync_error', 'updated_at', 'created_at'],
  payments: ['id', 'reference', 'customer_id', 'customer_name', 'date', 'received_at', 'amount', 'invoice_id', 'invoice_number', 'applied', 'method', 'updated_at', 'created_at'],
};

export const REQUIRED: Record<FileEntity, readonly string[]> = {
  customers: ['id', 'name'],
  jobs: ['id', 'number', 'status'],
  invoices: ['id', 'total'],
  payments: ['id', 'amount'],
};

/** Canonical field → column header for one entity. */
export function columnsFor(cfg: FilesSourceConfig, entity: FileEntity): Record<string, string> {
  const overrides = cfg.columns[entity] ?? {};
  return Object.fromEntries(FIELDS[entity].map((f) => [f, overrides[f] ?? f]));
}
