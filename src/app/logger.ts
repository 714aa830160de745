import pino from 'pino';
import type { Logger } from '../ports/logger';

/** JSON logs on stderr (stdout belongs to the console channel), with credentials redacted by key. */
export function createLogger(level: string): Logger & { level: string } {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['*.token', '*.accessToken', '*.refreshToken', '*.clientSecret', '*.authorization', '*.Authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}
