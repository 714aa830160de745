// What a crash or an outage left behind, read from both ends: the service's SQLite file and the
// messages the chat fake holds. Every check is one a person would notice: an alert missing, a
// message posted twice, a thread out of order.
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { Finding } from '../../../src/domain/finding';
import type { FakeMessage } from '../../fakes/slack/slack-api-fake';

export interface OutboxRow {
  id: number;
  incidentId: string;
  channel: string;
  op: string;
  status: string;
}

export interface Ledger {
  incidents: Array<{ id: string; number: number; ruleId: string; groupKey: string; status: string }>;
  /** Active findings (resolved_at null) by finding key → incident ids holding it. */
  activeFindings: Map<string, string[]>;
  outbox: OutboxRow[];
  threads: Map<string, string>;
}

export function readLedger(dbPath: string, channel: string): Ledger {
  const db = new Database(dbPath, { readonly: true });
  try {
    const incidents = db
      .prepare('select id, number, rule_id as ruleId, group_key as groupKey, status from incidents order by number')
      .all() as Ledger['incidents'];
    const activeFindings = new Map<string, string[]>();
    for (const row of db
      .prepare('select incident_id as incidentId, finding_key as findingKey from incident_findings where resolved_at is null')
      .all() as Array<{ incidentId: string; findingKey: string }>) {
      activeFindings.set(row.findingKey, [...(activeFindings.get(row.findingKey) ?? []), row.incidentId]);
    }
    const outbox = db
      .prepare('select id, incident_id as incidentId, channel, op, status from outbox where channel = ? order by id')
      .all(channel) as OutboxRow[];
    const threads = new Map(
      (
        db.prepare('select incident_id as incidentId, parent_ref as parentRef from threads where channel = ?').all(channel) as Array<{
          incidentId: string;
          parentRef: string;
        }>
      ).map((t) => [t.incidentId, t.parentRef]),
    );
    return { incidents, activeFindings, outbox, threads };
  } finally {
    db.close();
  }
}

export interface ChatCheck {
  parents: number;
  replies: number;
  edits: number;
  /** Outbox items that reached the chat more than once. */
  doubled: string[];
  /** Incidents with more or fewer than one parent message while the outbox holds a sent parent. */
  parentProblems: string[];
  /** Outbox items marked sent that are not in the chat (delivered on paper only). */
  missing: string[];
  /** Threads whose replies arrived out of the order they were planned. */
  outOfOrder: string[];
  /** Items still queued, or given up on. */
  undelivered: string[];
}

const outboxIdOf = (m: FakeMessage) =>
  m.metadata?.event_type === 'sync_sentinel_delivery' ? Number(m.metadata.event_payload['outbox_id']) : undefined;

/** Compares the outbox with what the chat shows: the delivery guarantees, item by item. */
export function checkChat(ledger: Ledger, messages: FakeMessage[], channelId: string): ChatCheck {
  const mine = messages.filter((m) => m.channel === channelId);
  const byItem = new Map<number, FakeMessage[]>();
  for (const m of mine) {
    const id = outboxIdOf(m);
    if (id !== undefined) byItem.set(id, [...(byItem.get(id) ?? []), m]);
  }
  const check: ChatCheck = {
    parents: 0,
    replies: 0,
    edits: 0,
    doubled: [],
    parentProblems: [],
    missing: [],
    outOfOrder: [],
    undelivered: [],
  };
  for (const [id, list] of byItem) if (list.length > 1) check.doubled.push(`outbox ${id} posted ${list.length} times`);
  const parentsByIncident = new Map<string, FakeMessage[]>();
  const items = new Map(ledger.outbox.map((o) => [o.id, o]));
  for (const m of mine) {
    const item = items.get(outboxIdOf(m) ?? -1);
    if (item?.op === 'post_parent') parentsByIncident.set(item.incidentId, [...(parentsByIncident.get(item.incidentId) ?? []), m]);
  }
  for (const o of ledger.outbox) {
    if (o.status === 'pending' || o.status === 'sending' || o.status === 'dead')
      check.undelivered.push(`outbox ${o.id} (${o.op}, incident ${o.incidentId}) is ${o.status}`);
    if (o.op === 'edit_parent') {
      if (o.status === 'sent') check.edits++;
      continue;
    }
    if (o.status === 'sent' && !byItem.has(o.id)) check.missing.push(`outbox ${o.id} (${o.op}) marked sent but not in the channel`);
    if (o.op === 'post_parent') {
      const n = parentsByIncident.get(o.incidentId)?.length ?? 0;
      if (o.status === 'sent') check.parents++;
      if (n !== 1) check.parentProblems.push(`incident ${o.incidentId} has ${n} parent messages`);
      const ts = ledger.threads.get(o.incidentId);
      if (n === 1 && ts !== parentsByIncident.get(o.incidentId)![0]!.ts)
        check.parentProblems.push(`incident ${o.incidentId} thread points at ${ts}, not its parent`);
    } else if (o.status === 'sent') {
      check.replies++;
    }
  }
  // Within each thread, replies in planned (outbox id) order.
  const byThread = new Map<string, number[]>();
  for (const m of mine) {
    const id = outboxIdOf(m);
    if (m.thread_ts && id !== undefined) byThread.set(m.thread_ts, [...(byThread.get(m.thread_ts) ?? []), id]);
  }
  for (const [ts, ids] of byThread)
    if (ids.some((id, i) => i > 0 && id < ids[i - 1]!)) check.outOfOrder.push(`thread ${ts}: ${ids.join(', ')}`);
  return check;
}

/** Every finding a clean run raises must be active in exactly one incident of the crashed one. */
export function checkFindings(ledger: Ledger, expected: Finding[]): { expected: number; problems: string[] } {
  const problems: string[] = [];
  const conclusive = expected.filter((f) => !f.holdOnly);
  const known = new Set(expected.map((f) => f.key));
  for (const f of conclusive) {
    const holders = ledger.activeFindings.get(f.key) ?? [];
    if (holders.length !== 1) problems.push(`finding ${f.key} (${f.ruleId}) is in ${holders.length} incidents`);
  }
  for (const key of ledger.activeFindings.keys())
    if (!known.has(key)) problems.push(`finding ${key} is still active but a clean run does not raise it`);
  return { expected: conclusive.length, problems };
}

/** Every planned message in the channel exactly once, one parent per incident, in order, none left over. */
export function expectDeliveredOnce(check: ChatCheck): void {
  expect(check.doubled).toEqual([]);
  expect(check.parentProblems).toEqual([]);
  expect(check.missing).toEqual([]);
  expect(check.outOfOrder).toEqual([]);
  expect(check.undelivered).toEqual([]);
}
