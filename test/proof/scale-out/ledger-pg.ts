// What the instances left in the shared Postgres database, read per company in the shape the other
// proofs' checks take (test/proof/support/inspect.ts): incidents, active findings, the outbox and
// threads of a channel, Teams' record of sent activities, and every poll run.
import pg from 'pg';
import type { Ledger, OutboxRow } from '../support/inspect';
import type { PollRun } from './poll-lag';

export interface PgLedger {
  ledger(companyId: string, channel: string): Promise<Ledger>;
  teamsSent(companyId: string): Promise<Map<number, { conversationId: string; activityId: string }>>;
  pollRuns(): Promise<PollRun[]>;
  /** Outbox items not yet delivered (pending or in flight), over every company. */
  queued(): Promise<number>;
  close(): Promise<void>;
}

const instant = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

export async function openPgLedger(url: string): Promise<PgLedger> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  return {
    async ledger(companyId, channel) {
      const incidents = await rows<Ledger['incidents'][number]>(
        'select id, number, rule_id as "ruleId", group_key as "groupKey", status from incidents where company_id = $1 order by number',
        [companyId],
      );
      const activeFindings = new Map<string, string[]>();
      for (const r of await rows<{ incidentId: string; findingKey: string }>(
        'select incident_id as "incidentId", finding_key as "findingKey" from incident_findings where company_id = $1 and resolved_at is null',
        [companyId],
      ))
        activeFindings.set(r.findingKey, [...(activeFindings.get(r.findingKey) ?? []), r.incidentId]);
      const outbox = (
        await rows<OutboxRow>(
          'select id, incident_id as "incidentId", channel, op, status from outbox where company_id = $1 and channel = $2 order by id',
          [companyId, channel],
        )
      ).map((o) => ({ ...o, id: Number(o.id) }));
      const threads = new Map(
        (
          await rows<{ incidentId: string; parentRef: string }>(
            'select incident_id as "incidentId", parent_ref as "parentRef" from threads where company_id = $1 and channel = $2',
            [companyId, channel],
          )
        ).map((t) => [t.incidentId, t.parentRef]),
      );
      return { incidents, activeFindings, outbox, threads };
    },
    async teamsSent(companyId) {
      const sent = await rows<{ outboxId: number; conversationId: string; activityId: string }>(
        'select outbox_id as "outboxId", conversation_id as "conversationId", activity_id as "activityId" from teams_sent_activities where company_id = $1',
        [companyId],
      );
      return new Map(sent.map((s) => [Number(s.outboxId), { conversationId: s.conversationId, activityId: s.activityId }]));
    },
    async pollRuns() {
      return (
        await rows<{ companyId: string; startedAt: unknown; ok: unknown }>(
          'select company_id as "companyId", started_at as "startedAt", ok from poll_runs order by started_at',
        )
      ).map((r) => ({ companyId: r.companyId, startedAt: instant(r.startedAt), ok: r.ok === true || r.ok === 1 || r.ok === '1' }));
    },
    async queued() {
      try {
        return Number((await rows<{ n: string }>("select count(*) as n from outbox where status in ('pending', 'sending')"))[0]!.n);
      } catch {
        return 0; // not migrated yet
      }
    },
    close: () => client.end(),
  };
}
