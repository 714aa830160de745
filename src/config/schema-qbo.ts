// The QuickBooks source's settings beyond where to find the API: OAuth endpoints, how often a full
// re-check runs, the checkpoint overlap, and the webhook listener.
import { z } from 'zod';
import { duration } from '../rules/values';

export const quickbooksSourceOptions = {
  /** Intuit's authorize page (the sandbox's in tests). */
  authorize_url: z.string().url().default('https://appcenter.intuit.com/connect/oauth2'),
  /** Port of the one-page local callback `sync-sentinel connect quickbooks` listens on (register http://localhost:PORT/callback with Intuit). */
  connect_port: z.number().int().min(0).max(65_535).default(8787),
  /** A full read this often catches what incremental reads missed (deletes older than 30 days, lost webhooks). */
  full_recheck: duration.default(7 * 86_400_000),
  /** The change-data-capture checkpoint is the server's time minus this, so a late write is read twice rather than never. */
  overlap: duration.default(5 * 60_000),
  /** Receive Intuit webhooks (`serve` only); the verifier token comes from QBO_WEBHOOK_VERIFIER_TOKEN. */
  webhooks: z
    .strictObject({
      port: z.number().int().min(0).max(65_535).default(8788),
      host: z.string().default('0.0.0.0'),
      path: z.string().startsWith('/').default('/webhooks/quickbooks'),
    })
    .optional(),
};
