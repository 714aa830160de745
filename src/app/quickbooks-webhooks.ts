// `serve`'s QuickBooks webhook listener, once per deployment: one Intuit app sends every connected
// realm's events to one URL, so the companies of a deployment share the listener and each realm's
// events go to the queue of the company that reads it. Companies that configure another address get
// a listener there; two different paths on one port cannot both be served and are refused at start.
import { SentinelError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import { startWebhookServer, type WebhookServer, type WebhookSink } from '../../adapters/quickbooks/webhooks';
import type { QuickbooksWebhookTarget } from './wire-quickbooks';

export interface QuickbooksWebhooks {
  urls: string[];
  close(): Promise<void>;
}

export async function startQuickbooksWebhooks(
  targets: readonly QuickbooksWebhookTarget[],
  opts: { verifierToken: string; log: Logger },
): Promise<QuickbooksWebhooks> {
  const byAddress = new Map<string, QuickbooksWebhookTarget[]>();
  for (const t of targets) {
    const address = `${t.host}:${t.port}`;
    const sharing = byAddress.get(address) ?? [];
    const other = sharing.find((o) => o.path !== t.path);
    if (other)
      throw new SentinelError(
        'config.qbo_webhook_address',
        'config',
        `QuickBooks webhooks of "${other.companyId}" (${other.path}) and "${t.companyId}" (${t.path}) would listen on ${address}: give them the same \`webhooks.path\` (one Intuit app sends every company's events to one URL) or different ports.`,
      );
    byAddress.set(address, [...sharing, t]);
  }
  const servers: WebhookServer[] = [];
  const close = async () => {
    for (const s of servers) await s.close();
  };
  try {
    for (const group of byAddress.values()) {
      const first = group[0]!;
      const sinks = new Map<string, WebhookSink>(group.map((t) => [t.realmId, t.sink]));
      const server = await startWebhookServer({
        verifierToken: opts.verifierToken,
        sinks,
        port: first.port,
        host: first.host,
        path: first.path,
        log: opts.log,
      });
      servers.push(server);
      opts.log.info({ url: server.url, companies: group.map((t) => t.companyId) }, 'listening for QuickBooks webhooks');
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { urls: servers.map((s) => s.url), close };
}
