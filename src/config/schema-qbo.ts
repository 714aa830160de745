// The QuickBooks source's settings beyond where to find the API: OAuth endpoints, how often a full
// re-check runs, the checkpoint overlap, how failed requests are retried, and the webhook listener.
import { z } from 'zod';
import { duration } from '../rules/values';

/**
 * How one request is retried after a 429 (waiting its Retry-After), a 5xx, a time-out or a cut-off
 * answer. Defaults are the client's own; a read that runs out of tries fails the poll, and the next
 * poll starts again (a long outage becomes a stale-source incident).
 */
const retrySettings = z
  .strictObject({
    /** Tries per request, the first included (1 = never retry). */
    attempts: z.number().int().min(1).max(10).default(5),
    /** First wait after a 5xx or time-out; it doubles with each try. */
    backoff: duration.default(1_000),
    /** Longest single wait accepted: a longer Retry-After fails the read rather than stall the poll. */
    max_wait: duration.default(120_000),
  })
  .refine((r) => r.backoff <= r.max_wait, {
    path: ['backoff'],
    message:
      'backoff is longer than max_wait, so the client would never wait to retry — make backoff no longer than max_wait (1s and 2m by default), or raise max_wait',
  })
  .prefault({});

export const quickbooksSourceOptions = {
  /** Intuit's authorize page (the sandbox's in tests). */
  authorize_url: z.string().url().default('https://appcenter.intuit.com/connect/oauth2'),
  /** Port of the one-page local callback `sync-sentinel connect quickbooks` listens on (register http://localhost:PORT/callback with Intuit). */
  connect_port: z.number().int().min(0).max(65_535).default(8787),
  /** A full read this often catches what incremental reads missed (deletes older than 30 days, lost webhooks). */
  full_recheck: duration.default(7 * 86_400_000),
  /** The change-data-capture checkpoint is the server's time minus this, so a late write is read twice rather than never. */
  overlap: duration.default(5 * 60_000),
  retry: retrySettings,
  /** Receive Intuit webhooks (`serve` only); the verifier token comes from QBO_WEBHOOK_VERIFIER_TOKEN. */
  webhooks: z
    .strictObject({
      port: z.number().int().min(0).max(65_535).default(8788),
      /** Loopback by default: put a TLS proxy or tunnel in front, or set 0.0.0.0 to listen on every interface. */
      host: z.string().min(1).default('127.0.0.1'),
      path: z.string().startsWith('/').default('/webhooks/quickbooks'),
    })
    .optional(),
};
