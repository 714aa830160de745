// Errors carry a namespaced code, a reason the caller can act on, and the cause they wrap.
// Adapters translate SDK errors into these once, at their boundary. Every message passes the secret
// scrubber here, so vendor text that echoes a credential never travels further.
import { scrubSecrets } from './scrub-secrets';

export type ErrorReason =
  | 'auth'
  | 'rate_limited'
  | 'server'
  | 'client'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'config'
  | 'not_found'
  /** Another process changed or holds what this one meant to write: decide again, or wait. */
  | 'conflict';

export class SentinelError extends Error {
  readonly code: string;
  readonly reason: ErrorReason;
  /** Worth trying the same call again later. */
  readonly retryable: boolean;
  /** Seconds the remote asked us to wait, when it said. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: string,
    reason: ErrorReason,
    message: string,
    opts: { cause?: unknown; retryable?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(scrubSecrets(message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SentinelError';
    this.code = code;
    this.reason = reason;
    this.retryable = opts.retryable ?? ['rate_limited', 'server', 'timeout', 'network'].includes(reason);
    if (opts.retryAfterSeconds !== undefined) this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** Where a configuration problem is: the file and 1-based line and column when known, else the setting's path. */
export interface ConfigPlace {
  file?: string;
  line?: number;
  column?: number;
  /** The setting at fault, as written in the file (`channels[2].type`, `digest.channels`). */
  setting?: string;
}

/**
 * The one error for configuration a person must fix: the config or rules file, a setting, a variable a
 * setting needs. Never retried; the CLI prints its message alone, as the message already says where and how.
 */
export class ConfigError extends SentinelError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly setting?: string;

  constructor(message: string, place: ConfigPlace = {}, opts: { code?: string; cause?: unknown } = {}) {
    super(opts.code ?? 'config.invalid', 'config', message, {
      retryable: false,
      ...(opts.cause === undefined ? {} : { cause: opts.cause }),
    });
    this.name = 'ConfigError';
    if (place.file !== undefined) this.file = place.file;
    if (place.line !== undefined) this.line = place.line;
    if (place.column !== undefined) this.column = place.column;
    if (place.setting !== undefined) this.setting = place.setting;
  }
}

/** Normalises anything thrown into a SentinelError, keeping only its message (never raw SDK objects). */
export function asSentinelError(err: unknown, code = 'sentinel.unexpected'): SentinelError {
  if (err instanceof SentinelError) {
    // A credential issued after the error was made (a refreshed token) is scrubbed too.
    err.message = scrubSecrets(err.message);
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SentinelError(code, 'server', message, { cause: err, retryable: false });
}

/** Code prefix of errors from the disk or folder under the database (full, read-only): never a source's fault. */
export const STORAGE_FAULT = 'storage.';

export function isStorageFault(err: unknown): err is SentinelError {
  return err instanceof SentinelError && err.code.startsWith(STORAGE_FAULT);
}
