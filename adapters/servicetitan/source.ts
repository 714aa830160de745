// ServiceTitan as an upstream source: OAuth 2 client credentials plus `ST-App-Key`, the tenant in
// every path, and the `/export/*` change feeds. The first read starts each feed from the beginning
// (or `start_from`) and is a full read; later reads resume from each feed's `continueFrom`.
import type { EntityKind } from '../../src/domain/records';
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { ReadCollector, textAt } from '../vendor-http/collect';
import { connectorHttpClient, type ConnectorHttpSettings, type HttpClient } from '../vendor-http/http-client';
import { malformedError } from '../vendor-http/http-errors';
import { clientCredentials } from '../vendor-http/oauth';
import { mapCustomer, mapInvoice, mapJob, mapPayment, type MapSettings, type StBusinessUnit } from './map';
import { readCursor } from '../vendor-http/cursor';

export interface ServiceTitanSourceOptions extends ConnectorHttpSettings {
  id: string;
  displayName: string;
  tenant: string;
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  appKey: string;
  timeZone: string;
  locationFrom: MapSettings['locationFrom'];
  startFrom?: string;
  tokenEarlyMs?: number;
}

const FEEDS = [
  { name: 'customers', module: 'crm', entity: 'customer' },
  { name: 'jobs', module: 'jpm', entity: 'job' },
  { name: 'invoices', module: 'accounting', entity: 'invoice' },
  { name: 'payments', module: 'accounting', entity: 'payment' },
] as const satisfies ReadonlyArray<{ name: string; module: string; entity: EntityKind }>;

interface Cursor {
  v: 1;
  feeds: Record<string, string>;
}

interface ExportPage {
  hasMore?: unknown;
  continueFrom?: unknown;
  data?: unknown;
}

export interface ServiceTitanSource extends SourcePort {
  readonly http: HttpClient;
}

export function createServiceTitanSource(opts: ServiceTitanSourceOptions): ServiceTitanSource {
  const http = connectorHttpClient('servicetitan', opts, 50);
  const tokens = clientCredentials({
    http,
    tokenUrl: opts.tokenUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    earlyMs: opts.tokenEarlyMs ?? 60_000,
  });
  const base = opts.apiUrl.replace(/\/$/, '');
  const request = {
    authorize: async () => ({ authorization: `Bearer ${await tokens.accessToken()}`, 'ST-App-Key': opts.appKey }),
    // A token revoked before its expiry: fetch a new one once, then give up with an auth error.
    onUnauthorized: () => tokens.renew(),
  };

  async function businessUnits(): Promise<Map<number, StBusinessUnit>> {
    const units = new Map<number, StBusinessUnit>();
    for (let page = 1; ; page++) {
      const url = `${base}/settings/v2/tenant/${opts.tenant}/business-units?page=${page}&pageSize=500&active=Any`;
      const res = await http.json<{ data?: unknown; hasMore?: unknown }>(url, request);
      if (!Array.isArray(res.body?.data)) throw malformedError('servicetitan', url, 'a business-units page without `data`');
      for (const bu of res.body.data as StBusinessUnit[]) if (typeof bu?.id === 'number') units.set(bu.id, bu);
      if (res.body.hasMore !== true) return units;
    }
  }

  return {
    id: opts.id,
    side: 'upstream',
    displayName: opts.displayName,
    http,
    async read(ctx: SourceReadContext): Promise<SourceRead> {
      const previous = readCursor<Cursor>(ctx.cursor, 'feeds', 'object');
      const mode = previous ? 'incremental' : 'full';
      const out = new ReadCollector(opts.id, 'ServiceTitan');
      const units = await businessUnits();
      const settings: MapSettings = { zone: opts.timeZone, locationFrom: opts.locationFrom, units };
      for (const bu of units.values()) {
        if (!bu.name) continue;
        out.add('class', String(bu.id), `${base}/settings/v2/tenant/${opts.tenant}/business-units`, () => ({
          entity: 'class',
          sourceId: String(bu.id),
          name: bu.quickbooksClass ?? bu.name!,
          fullName: bu.name,
          active: bu.active !== false,
          updatedAt: bu.modifiedOn ?? null,
        }));
      }
      const next: Cursor = { v: 1, feeds: {} };
      let pages = 0;
      for (const feed of FEEDS) {
        let from = previous?.feeds[feed.name] ?? opts.startFrom;
        for (;;) {
          ctx.signal?.throwIfAborted();
          const url = `${base}/${feed.module}/v2/tenant/${opts.tenant}/export/${feed.name}${from ? `?from=${encodeURIComponent(from)}` : ''}`;
          const res = await http.json<ExportPage>(url, request);
          pages++;
          const body = res.body;
          if (!body || !Array.isArray(body.data) || typeof body.hasMore !== 'boolean')
            throw malformedError('servicetitan', url, 'an export page without `data` and `hasMore`');
          for (const w of body.data as Array<Record<string, unknown>>) {
            const sourceId = w?.['id'] === undefined ? undefined : String(w['id']);
            // Exports return deleted and inactive rows too; an inactive invoice is a voided one.
            if (w?.['active'] === false && feed.entity !== 'invoice') {
              if (sourceId !== undefined) out.remove(feed.entity, sourceId);
              continue;
            }
            out.add(
              feed.entity,
              sourceId,
              url,
              () =>
                feed.entity === 'customer'
                  ? mapCustomer(w)
                  : feed.entity === 'job'
                    ? mapJob(w, settings)
                    : feed.entity === 'invoice'
                      ? mapInvoice(w, settings)
                      : mapPayment(w, settings),
              () =>
                feed.entity === 'invoice'
                  ? { number: textAt(w, 'referenceNumber'), jobNumber: textAt(w, 'job', 'number') }
                  : feed.entity === 'job'
                    ? { number: textAt(w, 'jobNumber'), jobNumber: textAt(w, 'jobNumber') }
                    : feed.entity === 'payment'
                      ? { reference: textAt(w, 'referenceNumber') }
                      : {},
            );
          }
          if (typeof body.continueFrom === 'string' && body.continueFrom !== '') from = body.continueFrom;
          if (!body.hasMore) break;
        }
        if (from) next.feeds[feed.name] = from;
      }
      return out.result(
        mode,
        JSON.stringify(next),
        `${pages} export page${pages === 1 ? '' : 's'}, ${out.records.length.toLocaleString('en-US')} records`,
      );
    },
  };
}
