import pino from 'pino';
import { scrubSecrets } from '../domain/scrub-secrets';
import type { Logger } from '../ports/logger';

/**
 * JSON logs on stderr (stdout belongs to the console channel), with credentials redacted by key and
 * every message and top-level text field through the secret scrubber (SDK and vendor error text).
 */
export function createLogger(level: string): Logger & { level: string } {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) =>
            typeof a === 'string'
              ? scrubSecrets(a)
              : a && typeof a === 'object' && !Array.isArray(a)
                ? scrubFields(a as Record<string, unknown>)
                : a,
          );
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      redact: {
        paths: [
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.clientSecret',
          '*.authorization',
          '*.Authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

function scrubFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = typeof v === 'string' ? scrubSecrets(v) : v instanceof Error ? scrubSecrets(v.message) : v;
  return out;
}
