// `sync-sentinel rotate-key`: the stored tokens move from the key in SYNC_SENTINEL_OLD_SECRET_KEY to the
// one in SYNC_SENTINEL_SECRET_KEY, which the service then starts with.
import { OLD_SECRET_KEY_ENV, parseSecretKey, SECRET_KEY_ENV } from '../../adapters/storage/secret-box';
import { SentinelError } from '../domain/errors';
import type { Storage } from '../ports/storage';
import type { Env } from './env';

/** Re-encrypts every token in the storage and returns the sentence to print. */
export async function rotateStoredKey(env: Env, storage: Storage, now: Date): Promise<string> {
  const missing = [
    !env.qbo.secretKey && `${SECRET_KEY_ENV} (the new key)`,
    !env.qbo.oldSecretKey && `${OLD_SECRET_KEY_ENV} (the key the tokens are stored with)`,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new SentinelError(
      'config.secret_key_missing',
      'config',
      `Set ${missing.join(' and ')}; make a new key with: openssl rand -base64 32`,
    );
  }
  const oldKey = parseSecretKey(env.qbo.oldSecretKey!, OLD_SECRET_KEY_ENV);
  const newKey = parseSecretKey(env.qbo.secretKey!, SECRET_KEY_ENV);
  const { reencrypted, alreadyNew, unreadable } = await storage.rotateKey(oldKey, newKey, now);
  const left =
    unreadable.length > 0
      ? ` Left as they were, because neither key opens them (so they were unusable already): ${unreadable.join(', ')}.`
      : '';
  if (reencrypted === 0 && alreadyNew === 0)
    return `No tokens are stored in ${storage.where}: nothing to re-encrypt. Keep ${SECRET_KEY_ENV} as it is.`;
  const already = alreadyNew > 0 ? ` (${alreadyNew} already used it and were left as they were)` : '';
  return (
    `Re-encrypted ${reencrypted} stored token${reencrypted === 1 ? '' : 's'} in ${storage.where} with the new ${SECRET_KEY_ENV}${already}. ` +
    `Start the service with it; ${OLD_SECRET_KEY_ENV} is no longer needed.${left}`
  );
}
