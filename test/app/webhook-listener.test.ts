// serve's upstream webhook listener with the real Jobber route: a signed event is queued for the next
// read, a forged one is refused and queues nothing, and anything else gets a plain 404/405.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { jobberWebhookRoute } from '../../adapters/jobber/webhook';
import { RecheckQueue } from '../../adapters/vendor-http/recheck-queue';
import { startWebhookListener, type WebhookListener } from '../../src/app/webhook-listener';
import type { Logger } from '../../src/ports/logger';

const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
let listener: WebhookListener | undefined;
afterEach(async () => listener?.close());

describe('the upstream webhook listener', () => {
  it('routes a signed Jobber event to its source, refusing forged and unknown requests', async () => {
    const queue = new RecheckQueue();
    listener = await startWebhookListener([jobberWebhookRoute({ path: '/webhooks/jobber/jobber', clientSecret: 'client-secret', queue })], {
      port: 0,
      host: '127.0.0.1',
      log: quiet,
    });
    const body = JSON.stringify({
      data: {
        webHookEvent: {
          topic: 'INVOICE_UPDATE',
          appId: 'app',
          accountId: 'acct',
          itemId: 'Z2lkOi8vSm9iYmVyL0ludm9pY2UvNDI=',
          occurredAt: '2026-11-27T03:00:00Z',
        },
      },
    });
    const sign = (secret: string) => createHmac('sha256', secret).update(body).digest('base64');
    const post = (path: string, signature?: string) =>
      fetch(`${listener!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-jobber-hmac-sha256': signature } : {}) },
        body,
      });

    expect((await post('/webhooks/jobber/jobber', sign('wrong-secret'))).status).toBe(401);
    expect((await post('/webhooks/jobber/jobber')).status).toBe(401);
    expect(queue.size).toBe(0);

    expect((await post('/webhooks/jobber/jobber', sign('client-secret'))).status).toBe(200);
    expect(queue.drain()).toEqual([expect.objectContaining({ topic: 'INVOICE_UPDATE', itemId: 'Z2lkOi8vSm9iYmVyL0ludm9pY2UvNDI=' })]);

    expect((await post('/webhooks/jobber/other', sign('client-secret'))).status).toBe(404);
    expect((await fetch(`${listener.url}/webhooks/jobber/jobber`)).status).toBe(405);
  });
});
