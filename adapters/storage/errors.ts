// SQLite errors become SentinelErrors once, here, so callers act on a reason, not a driver code.
import { dirname } from 'node:path';
import { SentinelError, STORAGE_FAULT, type ErrorReason } from '../../src/domain/errors';

/** Faults of the disk or folder under the database, not of the operation: the operator fixes them. */
type Fault = 'disk_full' | 'read_only';

function faultFor(code: string): Fault | undefined {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') return 'read_only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read_only';
  return undefined;
}

function faultText(fault: Fault, code: string, operation: string, path: string): string {
  const folder = dirname(path);
  return fault === 'disk_full'
    ? `Storage ${operation} failed: the disk holding ${path} is full (${code}). Free space on it (or point storage.sqlite at a disk with room), then run again; the write was rolled back.`
    : `Storage ${operation} failed: ${path} cannot be written (${code}). Check the permissions of the data folder ${folder} and of the database files in it: the user this process runs as must be able to write them, on a disk not mounted read-only.`;
}

function reasonFor(code: string): ErrorReason {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'timeout';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'client';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'malformed';
  return 'server';
}

function hintFor(reason: ErrorReason, path: string): string {
  switch (reason) {
    case 'timeout':
      return ' Another process held the database for more than 5 s; try again once it is done.';
    case 'malformed':
      return ` ${path} is not a usable SQLite database; restore it from a backup or point storage at a new file.`;
    default:
      return '';
  }
}

/**
 * The driver's own error under drizzle's wrappers: it has the SQLite code, and its message leaves out
 * the query parameters (record data) that drizzle's wrapper message carries.
 */
function driverError(err: unknown): { code: string; message: string; error: unknown } {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_') || faultFor(code))) return { code, message: e.message, error: e };
  }
  return { code: 'SQLITE_ERROR', message: err instanceof Error ? err.message : String(err), error: err };
}

/** Wraps whatever a store operation threw; SentinelErrors (ours) pass through unchanged. */
export function storeError(err: unknown, operation: string, path: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const { code, message, error } = driverError(err);
  const fault = faultFor(code);
  if (fault)
    return new SentinelError(
      `${STORAGE_FAULT}${fault}`,
      fault === 'disk_full' ? 'server' : 'config',
      faultText(fault, code, operation, path),
      { cause: error, retryable: false },
    );
  const reason = reasonFor(code);
  const text = `Storage ${operation} failed (${code}): ${message.replace(/\.$/, '')}.${hintFor(reason, path)}`;
  return new SentinelError(`store.${operation}`, reason, text, { cause: error });
}
