// Secrets at rest: AES-256-GCM under a key from the environment, for every store that keeps
// credentials (the QuickBooks vault, upstream connectors' rotating tokens).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SentinelError } from '../../src/domain/errors';

export const SECRET_KEY_ENV = 'SYNC_SENTINEL_SECRET_KEY';
/** The key being retired, read only by `sync-sentinel rotate-key`. */
export const OLD_SECRET_KEY_ENV = 'SYNC_SENTINEL_OLD_SECRET_KEY';

/** 32 bytes, written as 64 hex digits or as base64. */
export function parseSecretKey(text: string, variable = SECRET_KEY_ENV): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new SentinelError(
      'config.secret_key',
      'config',
      `${variable} must be 32 random bytes as base64 or 64 hex digits (got ${key.length} bytes). Make one with: openssl rand -base64 32`,
    );
  }
  return key;
}

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The sealed text opened, or undefined when this key did not seal it (or it was altered). */
export function unseal(key: Buffer, sealed: string): string | undefined {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
