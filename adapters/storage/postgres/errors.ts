// Postgres and connection errors become SentinelErrors once, here, as ../errors.ts does for SQLite:
// callers act on a reason, and a message names the server and database, never the password or the
// query's parameters (record data).
import { SentinelError, STORAGE_FAULT, type ErrorReason } from '../../../src/domain/errors';

/** Socket errors of reaching the server at all: the database is down, moved or behind a firewall. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** The driver's error under drizzle's wrapper (whose message carries the query and its parameters). */
function driverError(err: unknown): { code: string; message: string; error: unknown } {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: e.message, error: e };
    if (/Connection terminated|timeout exceeded when trying to connect/i.test(e.message))
      return { code: 'ECONNRESET', message: e.message, error: e };
  }
  return { code: 'UNKNOWN', message: err instanceof Error ? err.message : String(err), error: err };
}

function reasonFor(code: string): ErrorReason {
  // SQLSTATE classes: 40 transaction rollback (serialization, deadlock), 55P03 lock not available,
  // 57014 statement timeout, 23 integrity constraint, 22 data exception, 28 authorization, 3D no database.
  if (code.startsWith('40') || code === '55P03' || code === '57014') return 'timeout';
  if (code.startsWith('23') || code.startsWith('22')) return 'client';
  if (code.startsWith('28')) return 'auth';
  if (code === '3D000' || code === '42P01') return 'config';
  return 'server';
}

/** Wraps whatever a Postgres store operation threw; SentinelErrors (ours) pass through unchanged. */
export function pgStoreError(err: unknown, operation: string, where: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const { code, message, error } = driverError(err);
  if (UNREACHABLE.has(code) || code.startsWith('57P') || code.startsWith('08')) {
    return new SentinelError(
      `${STORAGE_FAULT}unreachable`,
      'network',
      `Storage ${operation} failed: Postgres at ${where} cannot be reached (${code}). Check that the server is running and that the database URL (DATABASE_URL) names the right host and port; sync-sentinel tries again on the next poll.`,
      { cause: error, retryable: true },
    );
  }
  if (code === '53100' || code === '53200') {
    return new SentinelError(
      `${STORAGE_FAULT}disk_full`,
      'server',
      `Storage ${operation} failed: the Postgres server at ${where} is out of ${code === '53100' ? 'disk space' : 'memory'} (${code}); the write was rolled back.`,
      { cause: error, retryable: false },
    );
  }
  if (code === '25006') {
    return new SentinelError(
      `${STORAGE_FAULT}read_only`,
      'config',
      `Storage ${operation} failed: Postgres database ${where} is read-only (a standby server?). Point DATABASE_URL at the primary.`,
      { cause: error, retryable: false },
    );
  }
  const reason = reasonFor(code);
  const hint =
    reason === 'auth'
      ? ` The user in the database URL was refused by Postgres at ${where}: check its user name and password.`
      : code === '3D000'
        ? ` Postgres database ${where} does not exist: create it (CREATE DATABASE) or fix DATABASE_URL.`
        : reason === 'timeout'
          ? ' Another process held the rows this needed; try again.'
          : '';
  return new SentinelError(
    `store.${operation}`,
    reason,
    `Storage ${operation} failed on Postgres ${where} (${code}): ${message.replace(/\.$/, '')}.${hint}`,
    {
      cause: error,
    },
  );
}
