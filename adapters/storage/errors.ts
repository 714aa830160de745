// SQLite errors become SentinelErrors once, here, so callers act on a reason, not a driver code.
import { SentinelError, type ErrorReason } from '../../src/domain/errors';

function reasonFor(code: string): ErrorReason {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'timeout';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'client';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'malformed';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return 'config';
  return 'server';
}

function hintFor(reason: ErrorReason, path: string): string {
  switch (reason) {
    case 'timeout':
      return ' Another process held the database for more than 5 s; try again once it is done.';
    case 'config':
      return ` Check that ${path} and its folder exist and are writable by this process.`;
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
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return { code, message: e.message, error: e };
  }
  return { code: 'SQLITE_ERROR', message: err instanceof Error ? err.message : String(err), error: err };
}

/** Wraps whatever a store operation threw; SentinelErrors (ours) pass through unchanged. */
export function storeError(err: unknown, operation: string, path: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const { code, message, error } = driverError(err);
  const reason = reasonFor(code);
  const text = `Storage ${operation} failed (${code}): ${message.replace(/\.$/, '')}.${hintFor(reason, path)}`;
  return new SentinelError(`store.${operation}`, reason, text, { cause: error });
}
