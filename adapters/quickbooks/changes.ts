// Reads what changed in QuickBooks since a checkpoint. Change data capture answers with at most 1,000
// objects and has no paging and no end time, so a saturated answer is never a checkpoint: the window
// is split by entity — each entity the capped answer showed is asked alone, the quiet rest together —
// and an entity busy enough to saturate alone is read with paged LastUpdatedTime queries instead (its
// deletes then wait for the next full read).
import type { CdcResult, QueryEntity, QuickbooksClient } from './client';
import { baseFilters, specOf } from './entities';

/** QuickBooks' cap on one change-data-capture answer. */
export const CDC_MAX_OBJECTS = 1000;

export interface Changes {
  rows: Map<string, unknown[]>;
  /** The earliest server time among the answers: nothing after it was missed. */
  serverTime: string;
  requests: number;
  /** Some deletes may be missing (an entity was read by query): a full read should follow. */
  deletesIncomplete: boolean;
}

export async function readChanges(client: QuickbooksClient, entities: readonly QueryEntity[], since: string): Promise<Changes> {
  const out: Changes = { rows: new Map(), serverTime: '', requests: 0, deletesIncomplete: false };
  const earliest = (time: string) => {
    if (!out.serverTime || Date.parse(time) < Date.parse(out.serverTime)) out.serverTime = time;
  };
  const add = (entity: string, rows: unknown[]) => out.rows.set(entity, [...(out.rows.get(entity) ?? []), ...rows]);

  async function window(group: readonly QueryEntity[]): Promise<void> {
    const answer: CdcResult = await client.cdc(group, since);
    out.requests++;
    if (answer.total < CDC_MAX_OBJECTS) {
      earliest(answer.time);
      for (const [entity, rows] of answer.rows) add(entity, rows);
      return;
    }
    if (group.length > 1) {
      const busy = group.filter((e) => (answer.rows.get(e)?.length ?? 0) > 0);
      const quiet = group.filter((e) => !busy.includes(e));
      // A capped answer names at least one entity, so every part is smaller than the group.
      for (const part of [...busy.map((e) => [e]), ...(quiet.length ? [quiet] : [])]) await window(part);
      return;
    }
    const [entity] = group as [QueryEntity];
    earliest(answer.time);
    // Deleted stubs from the capped answer are real; live rows come complete from the query.
    const deleted = (answer.rows.get(entity) ?? []).filter(isDeletedStub);
    const spec = specOf(entity);
    const live = await client.queryAll(
      entity,
      [...(spec ? baseFilters(spec) : []), { field: 'MetaData.LastUpdatedTime', value: since, operator: '>=' }],
      () => out.requests++,
    );
    add(entity, [...live, ...deleted]);
    out.deletesIncomplete = true;
  }

  await window(entities);
  return out;
}

export function isDeletedStub(row: unknown): boolean {
  return typeof row === 'object' && row !== null && (row as { status?: unknown }).status === 'Deleted';
}
