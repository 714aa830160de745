// `serve`'s listener for upstream webhooks (Jobber today): one node:http server, routes by method and
// path, each route reading its own raw body so signatures cover the exact bytes. Started only when a
// source offers a route.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guarded, guardServer, hostForUrl, serverOptions, type ListenerLimits } from '../../adapters/http-listener/listener-limits';
import type { WebhookRoute } from '../../adapters/jobber/webhook';
import type { Logger } from '../ports/logger';

export interface WebhookListener {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookListener(
  routes: readonly WebhookRoute[],
  opts: { port: number; host: string; log: Logger; limits?: ListenerLimits },
): Promise<WebhookListener> {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = byPath.get(path);
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no webhook here');
    if (req.method !== route.method) return void res.writeHead(405, { allow: route.method }).end();
    await route.handle(req, res);
  };
  const server: Server = guardServer(createServer(serverOptions(opts.limits), guarded(handle, opts.log, 'webhook')));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostForUrl(opts.host)}:${port}`;
  opts.log.info({ url, routes: [...byPath.keys()] }, 'listening for upstream webhooks');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
