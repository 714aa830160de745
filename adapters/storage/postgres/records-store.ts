// Records as last read from each source, and each source's health, on Postgres. A read lands in one
// transaction; unchanged hashes are skipped and the rest go in multi-row upserts, so a poll of 5,000
// invoices is a handful of statements, not 5,000 round trips.
import { and, asc, count, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { CanonicalRecord, CompanyPreferences, EntityKind, Side } from '../../../src/domain/records';
import type { SourceRead } from '../../../src/ports/source';
import type { SourceHealth, StoreApplyResult } from '../../../src/ports/store';
import type { PgDb, PgRunner } from './db';
import { bytewise } from './collate';
import { records, sourceState } from './schema';

type SourceError = { code: string; reason: string; message: string };
type RecordRow = typeof records.$inferInsert;

interface Stored {
  entity: EntityKind;
  sourceId: string;
  hash: string;
  updatedAt: string | null;
}

/** Rows per statement: 8 parameters each stays far below Postgres' 65,535 parameters a statement. */
const BATCH = 1_000;

const identity = (entity: string, sourceId: string): string => `${entity}\u0000${sourceId}`;

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const storedColumns = { entity: records.entity, sourceId: records.sourceId, hash: records.hash, updatedAt: records.updatedAt };

async function storedRows(tx: PgRunner, companyId: string, source: string, sourceIds?: string[]): Promise<Stored[]> {
  const ofSource = and(eq(records.companyId, companyId), eq(records.source, source));
  if (!sourceIds) return tx.select(storedColumns).from(records).where(ofSource);
  const rows: Stored[] = [];
  for (const ids of chunks([...new Set(sourceIds)]))
    rows.push(
      ...(await tx
        .select(storedColumns)
        .from(records)
        .where(and(ofSource, inArray(records.sourceId, ids)))),
    );
  return rows;
}

async function upsert(tx: PgRunner, rows: RecordRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await tx
      .insert(records)
      .values(batch)
      .onConflictDoUpdate({
        target: [records.companyId, records.source, records.entity, records.sourceId],
        set: { side: sql`excluded.side`, hash: sql`excluded.hash`, updatedAt: sql`excluded.updated_at`, data: sql`excluded.data` },
      });
  }
}

/** Deletes the named records and says which of them were there to delete. */
async function remove(
  tx: PgRunner,
  companyId: string,
  source: string,
  gone: Array<{ entity: string; sourceId: string }>,
): Promise<Array<{ entity: EntityKind; sourceId: string }>> {
  const byEntity = new Map<string, string[]>();
  for (const g of gone) byEntity.set(g.entity, [...(byEntity.get(g.entity) ?? []), g.sourceId]);
  const deleted: Array<{ entity: EntityKind; sourceId: string }> = [];
  for (const [entity, ids] of byEntity) {
    for (const batch of chunks(ids)) {
      const rows = await tx
        .delete(records)
        .where(
          and(
            eq(records.companyId, companyId),
            eq(records.source, source),
            eq(records.entity, entity as EntityKind),
            inArray(records.sourceId, batch),
          ),
        )
        .returning({ entity: records.entity, sourceId: records.sourceId });
      deleted.push(...rows);
    }
  }
  return deleted;
}

export function createPgRecordStore(db: PgDb) {
  async function applySourceRead(companyId: string, source: string, side: Side, read: SourceRead, now: string): Promise<StoreApplyResult> {
    return db.transaction(async (tx) => {
      const changes: NonNullable<StoreApplyResult['changes']> = { upserted: [], deleted: [] };
      const result: StoreApplyResult = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, changes };
      const removed = async (gone: Array<{ entity: string; sourceId: string }>): Promise<number> => {
        const rows = await remove(tx, companyId, source, gone);
        changes.deleted.push(...rows);
        return rows.length;
      };
      // A full read needs every stored row (what it lacks is gone); an incremental one only the rows it brings.
      const existing = await storedRows(tx, companyId, source, read.mode === 'full' ? undefined : read.records.map((r) => r.sourceId));
      const stored = new Map<string, Stored>(existing.map((row) => [identity(row.entity, row.sourceId), row]));

      const seen = new Set<string>();
      const writes = new Map<string, RecordRow>();
      for (const record of read.records) {
        const key = identity(record.entity, record.sourceId);
        seen.add(key);
        const before = stored.get(key);
        const updatedAt = record.updatedAt ?? null;
        if (before && before.hash === record.hash) {
          result.unchanged++;
          // Same content, newer timestamp: keep the timestamp, it is what tells a stalled source.
          if (before.updatedAt === updatedAt) continue;
        } else if (before) {
          result.updated++;
        } else {
          result.inserted++;
        }
        // A read that names a record twice: the last copy wins, as row-by-row upserts would have it.
        writes.set(key, {
          companyId,
          side,
          source,
          entity: record.entity,
          sourceId: record.sourceId,
          hash: record.hash,
          updatedAt,
          data: record,
        });
        stored.set(key, { entity: record.entity, sourceId: record.sourceId, hash: record.hash, updatedAt });
      }
      await upsert(tx, [...writes.values()]);
      changes.upserted.push(...[...writes.values()].map((w) => w.data));

      if (read.mode === 'full') {
        const kept = new Set<EntityKind>((read.unreadable ?? []).map((u) => u.entity));
        const gone = [...stored.entries()].filter(([key, row]) => !seen.has(key) && !kept.has(row.entity)).map(([, row]) => row);
        result.deleted += await removed(gone);
      } else {
        result.deleted += await removed(read.deleted ?? []);
        const whole = new Set<string>(read.complete ?? []);
        if (whole.size > 0) {
          const all = await storedRows(tx, companyId, source);
          const gone = all.filter((row) => whole.has(row.entity) && !seen.has(identity(row.entity, row.sourceId)));
          result.deleted += await removed(gone);
        }
      }

      await markSourceOk(tx, companyId, source, side, read, now);
      return result;
    });
  }

  async function markSourceOk(tx: PgRunner, companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): Promise<void> {
    // A read that brings no cursor or preferences keeps the ones saved before.
    const given: Partial<typeof sourceState.$inferInsert> = {};
    if (read.cursor !== undefined) given.cursor = read.cursor;
    if (read.preferences !== undefined) given.preferences = read.preferences;
    await tx
      .insert(sourceState)
      .values({ companyId, sourceId, side, lastOkAt: now, consecutiveFailures: 0, ...given })
      .onConflictDoUpdate({
        target: [sourceState.companyId, sourceState.sourceId],
        set: { side, lastOkAt: now, consecutiveFailures: 0, ...given },
      });
  }

  async function recordSourceFailure(companyId: string, sourceId: string, side: Side, error: SourceError, now: string): Promise<void> {
    const lastError = { code: error.code, reason: error.reason, message: error.message };
    await db
      .insert(sourceState)
      .values({ companyId, sourceId, side, lastErrorAt: now, lastError, consecutiveFailures: 1 })
      .onConflictDoUpdate({
        target: [sourceState.companyId, sourceState.sourceId],
        set: { side, lastErrorAt: now, lastError, consecutiveFailures: sql`${sourceState.consecutiveFailures} + 1` },
      });
  }

  async function loadSourceHealth(companyId: string): Promise<SourceHealth[]> {
    const volumes = await db
      .select({ source: records.source, newest: max(records.updatedAt), count: count() })
      .from(records)
      .where(eq(records.companyId, companyId))
      .groupBy(records.source);
    const volume = new Map(volumes.map((row) => [row.source, row]));
    const rows = await db.select().from(sourceState).where(eq(sourceState.companyId, companyId)).orderBy(bytewise(sourceState.sourceId));
    return rows.map((row) => ({
      sourceId: row.sourceId,
      side: row.side,
      lastOkAt: row.lastOkAt,
      lastErrorAt: row.lastErrorAt,
      lastError: row.lastError,
      consecutiveFailures: row.consecutiveFailures,
      newestRecordAt: volume.get(row.sourceId)?.newest ?? null,
      recordCount: volume.get(row.sourceId)?.count ?? 0,
      cursor: row.cursor,
    }));
  }

  async function loadRecords(companyId: string): Promise<CanonicalRecord[]> {
    const rows = await db.select({ data: records.data }).from(records).where(eq(records.companyId, companyId)).orderBy(asc(records.seq));
    return rows.map((row) => row.data);
  }

  async function loadPreferences(companyId: string): Promise<CompanyPreferences | null> {
    const [row] = await db
      .select({ preferences: sourceState.preferences })
      .from(sourceState)
      .where(and(eq(sourceState.companyId, companyId), eq(sourceState.side, 'quickbooks'), isNotNull(sourceState.preferences)))
      .orderBy(sql`${sourceState.lastOkAt} DESC NULLS LAST`)
      .limit(1);
    return row?.preferences ?? null;
  }

  return { applySourceRead, recordSourceFailure, loadSourceHealth, loadRecords, loadPreferences };
}
