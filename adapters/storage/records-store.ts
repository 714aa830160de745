// Records as last read from each source, and each source's health (last success, failures, cursor).
import { and, count, desc, eq, isNotNull, max, sql } from 'drizzle-orm';
import type { CanonicalRecord, CompanyPreferences, EntityKind, Side } from '../../src/domain/records';
import type { SourceRead } from '../../src/ports/source';
import type { SourceHealth, StoreApplyResult } from '../../src/ports/store';
import { inWriteTransaction, type StorageDb } from './open-database';
import { records, sourceState } from './schema';

type SourceError = { code: string; reason: string; message: string };

interface Stored {
  entity: EntityKind;
  sourceId: string;
  hash: string;
  updatedAt: string | null;
}

const identity = (entity: string, sourceId: string): string => `${entity}\u0000${sourceId}`;

export function createRecordStore(db: StorageDb) {
  /** What a read is compared with: identity, content hash and timestamp, not the record itself. */
  const storedColumns = { entity: records.entity, sourceId: records.sourceId, hash: records.hash, updatedAt: records.updatedAt };
  /** One record of a source, by its identity (entity, source id). */
  const oneRecord = and(
    eq(records.companyId, sql.placeholder('companyId')),
    eq(records.source, sql.placeholder('source')),
    eq(records.entity, sql.placeholder('entity')),
    eq(records.sourceId, sql.placeholder('sourceId')),
  );
  const existingOfSource = db
    .select(storedColumns)
    .from(records)
    .where(and(eq(records.companyId, sql.placeholder('companyId')), eq(records.source, sql.placeholder('source'))))
    .prepare();

  const oneOfSource = db.select(storedColumns).from(records).where(oneRecord).prepare();

  const upsertRecord = db
    .insert(records)
    .values({
      companyId: sql.placeholder('companyId'),
      side: sql.placeholder('side'),
      source: sql.placeholder('source'),
      entity: sql.placeholder('entity'),
      sourceId: sql.placeholder('sourceId'),
      hash: sql.placeholder('hash'),
      updatedAt: sql.placeholder('updatedAt'),
      data: sql.placeholder('data'),
    })
    .onConflictDoUpdate({
      target: [records.companyId, records.source, records.entity, records.sourceId],
      set: {
        side: sql`excluded.side`,
        hash: sql`excluded.hash`,
        updatedAt: sql`excluded.updated_at`,
        data: sql`excluded.data`,
      },
    })
    .prepare();

  const deleteRecord = db.delete(records).where(oneRecord).prepare();

  /** One write transaction: a read lands whole or not at all. */
  function applySourceRead(companyId: string, source: string, side: Side, read: SourceRead, now: string): StoreApplyResult {
    return inWriteTransaction(db, () => applyRead(companyId, source, side, read, now));
  }

  function applyRead(companyId: string, source: string, side: Side, read: SourceRead, now: string): StoreApplyResult {
    const changes: NonNullable<StoreApplyResult['changes']> = { upserted: [], deleted: [] };
    const result: StoreApplyResult = { inserted: 0, updated: 0, deleted: 0, unchanged: 0, changes };
    const stored = new Map<string, Stored>();
    // A full read needs every stored row (what it lacks is gone); an incremental one only the rows it
    // brings, looked up one by one, so a quiet poll does not scan a source of 100k records.
    if (read.mode === 'full') {
      for (const row of existingOfSource.all({ companyId, source })) stored.set(identity(row.entity, row.sourceId), row);
    } else {
      for (const record of read.records) {
        const row = oneOfSource.get({ companyId, source, entity: record.entity, sourceId: record.sourceId });
        if (row) stored.set(identity(row.entity, row.sourceId), row);
      }
    }

    const seen = new Set<string>();
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
      upsertRecord.run({
        companyId,
        side,
        source,
        entity: record.entity,
        sourceId: record.sourceId,
        hash: record.hash,
        updatedAt,
        data: record,
      });
      changes.upserted.push(record);
      stored.set(key, { entity: record.entity, sourceId: record.sourceId, hash: record.hash, updatedAt });
    }

    const remove = (entity: EntityKind, sourceId: string): void => {
      const gone = deleteRecord.run({ companyId, source, entity, sourceId }).changes;
      result.deleted += gone;
      if (gone > 0) changes.deleted.push({ entity, sourceId });
    };
    if (read.mode === 'full') {
      const kept = new Set<EntityKind>((read.unreadable ?? []).map((u) => u.entity));
      for (const [key, row] of stored) {
        if (!seen.has(key) && !kept.has(row.entity)) remove(row.entity, row.sourceId);
      }
    } else {
      for (const gone of read.deleted ?? []) remove(gone.entity, gone.sourceId);
      const whole = new Set<string>(read.complete ?? []);
      if (whole.size > 0) {
        for (const row of existingOfSource.all({ companyId, source })) {
          if (whole.has(row.entity) && !seen.has(identity(row.entity, row.sourceId))) remove(row.entity, row.sourceId);
        }
      }
    }

    markSourceOk(companyId, source, side, read, now);
    return result;
  }

  function markSourceOk(companyId: string, sourceId: string, side: Side, read: SourceRead, now: string): void {
    // A read that brings no cursor or preferences keeps the ones saved before.
    const given: Partial<typeof sourceState.$inferInsert> = {};
    if (read.cursor !== undefined) given.cursor = read.cursor;
    if (read.preferences !== undefined) given.preferences = read.preferences;
    db.insert(sourceState)
      .values({ companyId, sourceId, side, lastOkAt: now, consecutiveFailures: 0, ...given })
      .onConflictDoUpdate({
        target: [sourceState.companyId, sourceState.sourceId],
        set: { side, lastOkAt: now, consecutiveFailures: 0, ...given },
      })
      .run();
  }

  function recordSourceFailure(companyId: string, sourceId: string, side: Side, error: SourceError, now: string): void {
    // Only these three fields: an Error instance would serialise without its (non-enumerable) message.
    const lastError = { code: error.code, reason: error.reason, message: error.message };
    db.insert(sourceState)
      .values({ companyId, sourceId, side, lastErrorAt: now, lastError, consecutiveFailures: 1 })
      .onConflictDoUpdate({
        target: [sourceState.companyId, sourceState.sourceId],
        set: { side, lastErrorAt: now, lastError, consecutiveFailures: sql`${sourceState.consecutiveFailures} + 1` },
      })
      .run();
  }

  function loadSourceHealth(companyId: string): SourceHealth[] {
    const volume = new Map(
      db
        .select({ source: records.source, newest: max(records.updatedAt), count: count() })
        .from(records)
        .where(eq(records.companyId, companyId))
        .groupBy(records.source)
        .all()
        .map((row) => [row.source, row]),
    );
    return db
      .select()
      .from(sourceState)
      .where(eq(sourceState.companyId, companyId))
      .orderBy(sourceState.sourceId)
      .all()
      .map((row) => ({
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

  function loadRecords(companyId: string): CanonicalRecord[] {
    return db
      .select({ data: records.data })
      .from(records)
      .where(eq(records.companyId, companyId))
      .all()
      .map((row) => row.data);
  }

  function loadPreferences(companyId: string): CompanyPreferences | null {
    const row = db
      .select({ preferences: sourceState.preferences })
      .from(sourceState)
      .where(and(eq(sourceState.companyId, companyId), eq(sourceState.side, 'quickbooks'), isNotNull(sourceState.preferences)))
      .orderBy(desc(sourceState.lastOkAt))
      .limit(1)
      .get();
    return row?.preferences ?? null;
  }

  return { applySourceRead, recordSourceFailure, loadSourceHealth, loadRecords, loadPreferences };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
