// Jobber as an upstream source: GraphQL over OAuth 2 (refresh tokens, rotation-safe), Relay cursor
// pages, incremental reads by `updatedAt` filters where Jobber has them (invoices, clients), by
// newest-first order cut at the watermark where it has not (jobs), by entry date for payments, and
// targeted re-checks queued by signed webhooks.
import type { EntityKind } from '../../src/domain/records';
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { ReadCollector, textAt, type ReadableIdentity } from '../vendor-http/collect';
import { connectorHttpClient, type ConnectorHttpSettings, type HttpClient } from '../vendor-http/http-client';
import { malformedError } from '../vendor-http/http-errors';
import { refreshTokens, type TokenSet } from '../vendor-http/oauth';
import { RecheckQueue } from '../vendor-http/recheck-queue';
import { TooCostly, createGraphqlClient } from './graphql-client';
import { mapClient, mapInvoice, mapJob, mapPayment, type JobberMapSettings } from './map';
import { CLIENT, CLIENTS, INVOICE, INVOICES, JOB, JOBS, PAYMENT, PAYMENTS } from './queries';
import { readCursor } from '../vendor-http/cursor';

export interface JobberSourceOptions extends JobberMapSettings, ConnectorHttpSettings {
  id: string;
  displayName: string;
  graphqlUrl: string;
  tokenUrl: string;
  apiVersion: string;
  clientId: string;
  clientSecret: string;
  tokens: TokenSet;
  /** Persist rotated refresh tokens here before they are needed again. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  pageSize: number;
  maxThrottleWaitMs: number;
}

interface Cursor {
  v: 1;
  marks: Partial<Record<Feed['name'], string>>;
}

interface Feed {
  name: 'clients' | 'jobs' | 'invoices' | 'paymentRecords';
  entity: EntityKind;
  document: string;
  /** Field compared with the watermark. */
  stamp: 'updatedAt' | 'entryDate';
  /** true: the server filters by the watermark; false: newest first, the client stops at it. */
  filtered: boolean;
}

const FEEDS: Feed[] = [
  { name: 'clients', entity: 'customer', document: CLIENTS, stamp: 'updatedAt', filtered: true },
  { name: 'jobs', entity: 'job', document: JOBS, stamp: 'updatedAt', filtered: false },
  { name: 'invoices', entity: 'invoice', document: INVOICES, stamp: 'updatedAt', filtered: true },
  { name: 'paymentRecords', entity: 'payment', document: PAYMENTS, stamp: 'entryDate', filtered: true },
];

const SINGLE: Record<string, { entity: EntityKind; document: string; field: string }> = {
  CLIENT: { entity: 'customer', document: CLIENT, field: 'client' },
  JOB: { entity: 'job', document: JOB, field: 'job' },
  INVOICE: { entity: 'invoice', document: INVOICE, field: 'invoice' },
  PAYMENT: { entity: 'payment', document: PAYMENT, field: 'paymentRecord' },
};

export interface JobberSource extends SourcePort {
  readonly http: HttpClient;
  /** Where the webhook route queues re-checks. */
  readonly rechecks: RecheckQueue;
}

export function createJobberSource(opts: JobberSourceOptions): JobberSource {
  const http = connectorHttpClient('jobber', opts, 8);
  const tokens = refreshTokens({
    http,
    tokenUrl: opts.tokenUrl,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    initial: opts.tokens,
    ...(opts.onTokens ? { onTokens: opts.onTokens } : {}),
  });
  const gql = createGraphqlClient({
    http,
    url: opts.graphqlUrl,
    version: opts.apiVersion,
    tokens,
    maxThrottleWaitMs: opts.maxThrottleWaitMs,
  });
  const rechecks = new RecheckQueue();
  const map = (entity: EntityKind, node: Record<string, unknown>) =>
    entity === 'customer'
      ? mapClient(node, opts)
      : entity === 'job'
        ? mapJob(node, opts)
        : entity === 'invoice'
          ? mapInvoice(node, opts)
          : mapPayment(node, opts);

  return {
    id: opts.id,
    side: 'upstream',
    displayName: opts.displayName,
    http,
    rechecks,
    async read(ctx: SourceReadContext): Promise<SourceRead> {
      const previous = readCursor<Cursor>(ctx.cursor, 'marks', 'object');
      const out = new ReadCollector(opts.id, 'Jobber');
      const seen = new Set<string>();
      const next: Cursor = { v: 1, marks: { ...previous?.marks } };
      let pages = 0;
      let pageSize = opts.pageSize;
      for (const feed of FEEDS) {
        const mark = previous?.marks[feed.name];
        const markMs = mark ? Date.parse(mark) : undefined;
        let newest = markMs;
        let after: string | null = null;
        for (let done = false; !done;) {
          ctx.signal?.throwIfAborted();
          let data: Record<string, unknown>;
          try {
            data = await gql.query(feed.document, { first: pageSize, after, ...(feed.filtered && mark ? { since: mark } : {}) });
          } catch (err) {
            // A page that can never fit the bucket: ask for fewer nodes and try the same page again.
            if (err instanceof TooCostly && pageSize > 1) {
              pageSize = Math.max(1, Math.floor(pageSize / 2));
              continue;
            }
            throw err;
          }
          pages++;
          const conn = data[feed.name] as
            { nodes?: Array<Record<string, unknown>>; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } | undefined;
          if (!conn || !Array.isArray(conn.nodes)) throw malformedError('jobber', opts.graphqlUrl, `a ${feed.name} page without nodes`);
          for (const node of conn.nodes) {
            const stampMs = Date.parse(String(node[feed.stamp] ?? ''));
            if (!feed.filtered && markMs !== undefined && stampMs <= markMs) {
              done = true;
              break;
            }
            if (!Number.isNaN(stampMs) && (newest === undefined || stampMs > newest)) newest = stampMs;
            const sourceId = typeof node['id'] === 'string' ? node['id'] : undefined;
            out.add(
              feed.entity,
              sourceId,
              opts.graphqlUrl,
              () => map(feed.entity, node),
              () => jobberIdentity(feed.entity, node),
            );
            if (sourceId) seen.add(`${feed.entity}|${sourceId}`);
          }
          after = conn.pageInfo?.endCursor ?? null;
          if (!conn.pageInfo?.hasNextPage || !after) done = true;
        }
        if (newest !== undefined) next.marks[feed.name] = new Date(newest).toISOString();
      }
      // Webhook re-checks: fetch each named record (a change that polling by watermark could miss).
      const targeted = rechecks.drain();
      try {
        for (const r of targeted) {
          const kind = SINGLE[r.topic.split('_')[0] ?? ''];
          if (!kind || seen.has(`${kind.entity}|${r.itemId}`)) continue;
          const destroyed = /_DESTROY$/.test(r.topic);
          const node = destroyed
            ? null
            : ((await gql.query(kind.document, { id: r.itemId }))[kind.field] as Record<string, unknown> | null);
          if (node)
            out.add(
              kind.entity,
              r.itemId,
              opts.graphqlUrl,
              () => map(kind.entity, node),
              () => jobberIdentity(kind.entity, node),
            );
          else out.remove(kind.entity, jobberIdForDelete(r.itemId, opts));
        }
      } catch (err) {
        // This read is thrown away: what the webhooks asked for must still be done by the next one
        // (a payment edit keeps its entry date, so polling alone would never see it).
        rechecks.restore(targeted);
        throw err;
      }
      const warnings = [...gql.warnings];
      const summary = `${pages} GraphQL page${pages === 1 ? '' : 's'}, ${out.records.length.toLocaleString('en-US')} records${targeted.length ? `, ${targeted.length} webhook re-check${targeted.length === 1 ? '' : 's'}` : ''}${gql.throttledMs ? `, waited ${(gql.throttledMs / 1000).toFixed(1)} s for the cost budget` : ''}${warnings.length ? ` · API warning: ${warnings.join('; ')}` : ''}`;
      gql.throttledMs = 0;
      gql.warnings.clear();
      // A webhook deletion is news even on a first read; a full read already leaves out what is gone.
      const result = out.result(previous ? 'incremental' : 'full', JSON.stringify(next), summary);
      return result;
    },
  };
}

function jobberIdForDelete(id: string, s: Pick<JobberMapSettings, 'ids'>): string {
  if (s.ids === 'encoded') return id;
  const m = /^gid:\/\/Jobber\/\w+\/(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m ? m[1]! : id;
}

/** The numbers a Jobber node that failed to map still carries (its invoice, job or payment details). */
function jobberIdentity(entity: EntityKind, node: Record<string, unknown>): ReadableIdentity {
  if (entity === 'invoice') {
    const jobs = node['jobs'] as { nodes?: unknown[] } | undefined;
    return { number: textAt(node, 'invoiceNumber'), jobNumber: textAt(jobs?.nodes?.[0], 'jobNumber') };
  }
  if (entity === 'job') return { number: textAt(node, 'jobNumber'), jobNumber: textAt(node, 'jobNumber') };
  if (entity === 'payment') return { reference: textAt(node, 'details') };
  return {};
}
