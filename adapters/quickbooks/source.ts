// QuickBooks Online as a SourcePort. The first read is a full backfill; after that each poll asks for
// changes since the checkpoint (change data capture), re-checks records named by webhooks, and a full
// read comes round again on a schedule (weekly by default) to catch what incremental reads missed.
import { isSupportedCountry } from 'libphonenumber-js';
import { SentinelError } from '../../src/domain/errors';
import type { CanonicalRecord, EntityKind, RecordProblem } from '../../src/domain/records';
import type { Logger } from '../../src/ports/logger';
import type { SourcePort, SourceRead, SourceReadContext } from '../../src/ports/source';
import { readChanges, isDeletedStub } from './changes';
import { createQuickbooksClient, type RetryPolicy } from './client';
import { formatCursor, parseCursor, qboInstant, type QuickbooksCursor } from './cursor';
import { baseFilters, ENTITIES, ENTITY_NAMES, specOf, type EntitySpec } from './entities';
import { mapCompany } from './map-company';
import type { MapContext } from './map-support';
import type { BackfillProgress } from './progress';
import type { RateLimits } from './throttle';
import { staticTokens, type TokenManager } from './token-manager';

/** Events queued by the webhook endpoint, waiting for a targeted re-check. */
export interface WebhookQueue {
  webhookEventsAfter(
    realmId: string,
    afterSeq: number,
  ): Promise<Array<{ seq: number; entity: string; entityId: string; operation: string }>>;
  dropWebhookEventsUpTo(realmId: string, seq: number): Promise<void>;
}

export interface QuickbooksSourceOptions {
  id: string;
  displayName?: string;
  realmId: string;
  /** Ends in /v3/company/. */
  baseUrl: string;
  minorVersion: number;
  timeoutMs: number;
  clientId?: string;
  clientSecret?: string;
  /** The vault-backed token manager; `credentials` instead gives fixed tokens that are never refreshed. */
  tokens?: TokenManager;
  credentials?: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
  /** ISO country for phone numbers without a country code (default US). */
  defaultCountry?: string;
  retry?: Partial<RetryPolicy>;
  limits?: RateLimits;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  /** A full read this often catches what incremental reads missed (default a week). */
  fullRecheckMs?: number;
  /** The checkpoint is the server's answer time minus this (default 5 minutes). */
  overlapMs?: number;
  webhooks?: WebhookQueue;
  /** Called with a progress reporter for a first-run backfill. */
  progress?: () => BackfillProgress | undefined;
  onRequest?: () => void;
}

const DAY = 86_400_000;
/** Change data capture looks back 30 days at most; stay an hour inside it. */
const CDC_LOOKBACK_MS = 30 * DAY - 3_600_000;
const SETTINGS_EVERY_MS = 3_600_000;
/** An `Id IN (…)` list this long stays well inside QuickBooks' URL limits. */
const IDS_PER_QUERY = 100;

export function createQuickbooksSource(opts: QuickbooksSourceOptions): SourcePort {
  const country = (opts.defaultCountry ?? 'US').toUpperCase();
  // An unknown country would silently turn every local phone number into bare digits.
  if (!isSupportedCountry(country)) {
    throw new SentinelError(
      'config.default_country',
      'config',
      `Unknown default country "${country}" for phone numbers: use a two-letter ISO code such as US, CA or GB.`,
    );
  }
  const tokens = opts.tokens ?? (opts.credentials ? staticTokens(opts.credentials.accessToken) : undefined);
  if (!tokens) throw new SentinelError('config.qbo_tokens', 'config', 'QuickBooks source needs a token manager or credentials');
  let requests = 0;
  let firstServerTime: string | undefined;
  const client = createQuickbooksClient({
    realmId: opts.realmId,
    baseUrl: opts.baseUrl,
    minorVersion: opts.minorVersion,
    timeoutMs: opts.timeoutMs,
    clientId: opts.clientId ?? opts.credentials?.clientId ?? '',
    clientSecret: opts.clientSecret ?? opts.credentials?.clientSecret ?? '',
    tokens,
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    onRequest: () => {
      requests++;
      opts.onRequest?.();
    },
    onServerTime: (time) => {
      firstServerTime ??= time;
    },
  });
  const ctx: MapContext = { source: opts.id, resourceBase: `${opts.baseUrl}${opts.realmId}`, defaultCountry: country };
  const fullRecheckMs = opts.fullRecheckMs ?? 7 * DAY;
  const overlapMs = opts.overlapMs ?? 5 * 60_000;

  async function read(readCtx: SourceReadContext): Promise<SourceRead> {
    requests = 0;
    firstServerTime = undefined;
    const nowMs = readCtx.now.getTime();
    const cursor = parseCursor(readCtx.cursor);
    // Events up to the saved sequence were re-checked by a read that has been committed since.
    if (cursor && opts.webhooks && cursor.webhookSeq > 0) await opts.webhooks.dropWebhookEventsUpTo(opts.realmId, cursor.webhookSeq);
    const events = (await opts.webhooks?.webhookEventsAfter(opts.realmId, cursor?.webhookSeq ?? 0)) ?? [];
    const webhookSeq = events.reduce((max, e) => Math.max(max, e.seq), cursor?.webhookSeq ?? 0);

    if (!cursor || cursor.fullDue || nowMs - Date.parse(cursor.fullAt) >= fullRecheckMs) {
      const firstRun = !cursor;
      const recent: Array<[string, string, number]> = [];
      const result = await fullRead(firstRun ? opts.progress?.() : undefined, recent);
      const since = checkpoint(nowMs);
      // What the next poll's overlap shows again is already known: it is skipped, not re-mapped.
      const known = Object.fromEntries(recent.filter(([, , updated]) => updated >= Date.parse(since)).map(([key, token]) => [key, token]));
      const next: QuickbooksCursor = {
        v: 1,
        since,
        fullAt: readCtx.now.toISOString(),
        recent: known,
        webhookSeq,
        settingsAt: readCtx.now.toISOString(),
        fullDue: false,
      };
      const why = firstRun
        ? 'first full read'
        : cursor?.fullDue
          ? 'full read (a busy window left deletes unseen)'
          : 'periodic full re-check';
      return { ...result, cursor: formatCursor(next), summary: `${why} · ${result.summary} · ${requests} requests` };
    }

    const batch = new Batch(ctx, cursor.recent);
    let how: string;
    let deletesIncomplete = false;
    if (nowMs - Date.parse(cursor.since) > CDC_LOOKBACK_MS) {
      // Too long away for change data capture: changed rows by LastUpdatedTime; deletes wait for the full re-check.
      for (const spec of ENTITIES) {
        const rows = await client.queryAll(spec.entity, [
          ...baseFilters(spec),
          { field: 'MetaData.LastUpdatedTime', value: cursor.since, operator: '>=' },
        ]);
        for (const raw of rows) batch.take(spec, raw);
      }
      how = 'changes by LastUpdatedTime (over 30 days since the last poll)';
      deletesIncomplete = true;
    } else {
      const changes = await readChanges(client, ENTITY_NAMES, cursor.since);
      firstServerTime = changes.serverTime;
      for (const [name, rows] of changes.rows) {
        const spec = specOf(name);
        if (spec) for (const raw of rows) batch.take(spec, raw);
      }
      deletesIncomplete = changes.deletesIncomplete;
      how = 'change data capture';
    }
    await recheck(batch, events);
    // The company settings change rarely: re-read hourly, not on every poll (the store keeps the last).
    const settingsDue = !cursor.settingsAt || nowMs - Date.parse(cursor.settingsAt) >= SETTINGS_EVERY_MS;
    const company = settingsDue ? mapCompany(await client.preferences(), await client.companyInfo(), ctx) : undefined;
    if (company) batch.problems.push(...company.problems);
    const since = checkpoint(nowMs);
    const next: QuickbooksCursor = {
      v: 1,
      since,
      fullAt: cursor.fullAt,
      recent: batch.recentAfter(since),
      webhookSeq,
      ...(settingsDue ? { settingsAt: readCtx.now.toISOString() } : cursor.settingsAt ? { settingsAt: cursor.settingsAt } : {}),
      // A busy window that began before the last full read started is covered by it up to then; asking
      // for another full read at once would repeat while the busy objects sit inside the overlap.
      fullDue: deletesIncomplete && Date.parse(cursor.fullAt) < Date.parse(cursor.since),
    };
    return {
      mode: 'incremental',
      records: batch.records,
      deleted: batch.deleted,
      problems: batch.problems,
      ...(company ? { preferences: company.preferences } : {}),
      cursor: formatCursor(next),
      summary: `${how} · ${batch.describe()}${events.length ? ` · ${events.length} webhook events re-checked` : ''} · ${requests} requests`,
    };
  }

  /** The next changedSince: the server's clock at the first answer of this read, minus the overlap. */
  function checkpoint(nowMs: number): string {
    const server = firstServerTime ? Date.parse(firstServerTime) : nowMs;
    return qboInstant((Number.isNaN(server) ? nowMs : server) - overlapMs);
  }

  /** `recent` collects (entity:Id, SyncToken, LastUpdatedTime ms) of every row, for the next overlap. */
  async function fullRead(
    progress: BackfillProgress | undefined,
    recent: Array<[string, string, number]>,
  ): Promise<Omit<SourceRead, 'cursor'>> {
    const recentFrom = Date.now() - 24 * 3_600_000;
    const records: CanonicalRecord[] = [];
    const problems: RecordProblem[] = [];
    const counts: string[] = [];
    if (progress) {
      let total = 0;
      for (const spec of ENTITIES) total += await client.count(spec.entity, baseFilters(spec));
      progress.start(total);
    }
    // One request at a time keeps a full read well inside QuickBooks' per-company rate limits.
    for (const spec of ENTITIES) {
      const rows = await client.queryAll(spec.entity, baseFilters(spec), (n) => progress?.advance(n, spec.plural));
      let mapped = 0;
      for (const raw of rows) {
        const row = raw as { Id?: unknown; SyncToken?: unknown; MetaData?: { LastUpdatedTime?: unknown } };
        const updated = typeof row.MetaData?.LastUpdatedTime === 'string' ? Date.parse(row.MetaData.LastUpdatedTime) : Number.NaN;
        if (updated >= recentFrom && typeof row.Id === 'string' && typeof row.SyncToken === 'string')
          recent.push([`${spec.entity}:${row.Id}`, row.SyncToken, updated]);
        const result = spec.map(raw, ctx);
        if (result.problem) {
          problems.push(result.problem);
        } else {
          records.push(result.record);
          mapped++;
        }
      }
      // Sales receipts and credit memos are often absent; the summary names them only when present.
      if (mapped > 0 || !spec.idPrefix) counts.push(`${mapped} ${spec.plural}`);
    }
    progress?.stop();
    const company = mapCompany(await client.preferences(), await client.companyInfo(), ctx);
    problems.push(...company.problems);
    const skipped = problems.length > 0 ? `; ${problems.length} could not be mapped` : '';
    return { mode: 'full', records, problems, preferences: company.preferences, summary: `${counts.join(', ')}${skipped}` };
  }

  /** Webhook-named records, read by id; a transaction that is gone was deleted. */
  async function recheck(batch: Batch, events: Awaited<ReturnType<WebhookQueue['webhookEventsAfter']>>): Promise<void> {
    const byEntity = new Map<EntitySpec, Set<string>>();
    for (const e of events) {
      const spec = specOf(e.entity);
      if (!spec) continue;
      const ids = byEntity.get(spec) ?? new Set<string>();
      ids.add(e.entityId);
      byEntity.set(spec, ids);
    }
    for (const [spec, idSet] of byEntity) {
      const ids = [...idSet];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const chunk = ids.slice(i, i + IDS_PER_QUERY);
        const rows = await client.queryAll(spec.entity, [...baseFilters(spec), { field: 'Id', value: chunk, operator: 'IN' }]);
        const found = new Set<string>();
        for (const raw of rows) {
          const id = (raw as { Id?: unknown }).Id;
          if (typeof id === 'string') found.add(id);
          batch.take(spec, raw);
        }
        if (!spec.nameList) for (const id of chunk) if (!found.has(id)) batch.take(spec, { Id: id, status: 'Deleted' });
      }
    }
  }

  return {
    id: opts.id,
    side: 'quickbooks',
    displayName: opts.displayName ?? 'QuickBooks Online',
    read,
  };
}

/**
 * The rows of one incremental read, de-duplicated by (entity, Id, SyncToken): split windows, the
 * checkpoint overlap and webhook re-checks all see some objects twice.
 */
class Batch {
  readonly records: CanonicalRecord[] = [];
  readonly deleted: Array<{ entity: EntityKind; sourceId: string }> = [];
  readonly problems: RecordProblem[] = [];
  private readonly seen = new Map<string, { token: string; updated: number }>();
  private changed = 0;
  private duplicates = 0;

  constructor(
    private readonly ctx: MapContext,
    private readonly before: Record<string, string>,
  ) {}

  take(spec: EntitySpec, raw: unknown): void {
    const row = (raw ?? {}) as { Id?: unknown; SyncToken?: unknown; MetaData?: { LastUpdatedTime?: unknown } };
    const id = typeof row.Id === 'string' ? row.Id : undefined;
    const key = `${spec.entity}:${id ?? ''}`;
    if (id && isDeletedStub(raw)) {
      if (this.seen.get(key)?.token === 'deleted') return;
      this.seen.set(key, { token: 'deleted', updated: Number.MAX_SAFE_INTEGER });
      this.deleted.push({ entity: spec.kind, sourceId: `${spec.idPrefix}${id}` });
      return;
    }
    const token = typeof row.SyncToken === 'string' ? row.SyncToken : undefined;
    if (id && token !== undefined) {
      const known = this.seen.get(key)?.token === token || this.before[key] === token;
      const updated = typeof row.MetaData?.LastUpdatedTime === 'string' ? Date.parse(row.MetaData.LastUpdatedTime) : 0;
      // Kept even when skipped: the poll after this one may see it yet again.
      this.seen.set(key, { token, updated });
      if (known) {
        this.duplicates++;
        return;
      }
    }
    const result = spec.map(raw, this.ctx);
    if (result.problem) this.problems.push(result.problem);
    else {
      this.records.push(result.record);
      this.changed++;
    }
  }

  /** SyncTokens of objects the next poll will see again because they fall inside its overlap. */
  recentAfter(since: string): Record<string, string> {
    const from = Date.parse(since);
    const out: Record<string, string> = {};
    for (const [key, seen] of this.seen) if (seen.token !== 'deleted' && seen.updated >= from) out[key] = seen.token;
    return out;
  }

  describe(): string {
    const parts = [`${this.changed} changed`, `${this.deleted.length} deleted`];
    if (this.duplicates) parts.push(`${this.duplicates} already seen`);
    if (this.problems.length) parts.push(`${this.problems.length} could not be mapped`);
    return parts.join(', ');
  }
}
