// Incidents, their findings and their append-only history, on Postgres.
import { and, asc, eq, inArray, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { Incident, IncidentChange, IncidentEvent, IncidentFinding } from '../../../src/incidents/model';
import type { PgRunner } from './db';
import { bytewise } from './collate';
import { incidentEvents, incidentFindings, incidents } from './schema';

type IncidentRow = typeof incidents.$inferSelect;
type FindingRow = typeof incidentFindings.$inferSelect;

const toIncident = (row: IncidentRow, findings: IncidentFinding[]): Incident => ({ ...row, findings });

function toFinding(row: FindingRow): IncidentFinding {
  return { key: row.findingKey, finding: row.data, firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt, resolvedAt: row.resolvedAt };
}

/** A `#12` or `12` typed in chat is a number; anything else is an incident id. */
const NUMBER_REF = /^#?(\d+)$/;

async function activeFindingsOf(db: PgRunner, companyId: string, incidentIds?: string[]): Promise<Map<string, IncidentFinding[]>> {
  const conditions = [eq(incidentFindings.companyId, companyId), isNull(incidentFindings.resolvedAt)];
  if (incidentIds) conditions.push(inArray(incidentFindings.incidentId, incidentIds));
  const rows = await db
    .select()
    .from(incidentFindings)
    .where(and(...conditions))
    .orderBy(asc(incidentFindings.firstSeenAt), bytewise(incidentFindings.findingKey));
  const byIncident = new Map<string, IncidentFinding[]>();
  for (const row of rows) byIncident.set(row.incidentId, [...(byIncident.get(row.incidentId) ?? []), toFinding(row)]);
  return byIncident;
}

async function findRow(db: PgRunner, companyId: string, match: SQL): Promise<IncidentRow | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.companyId, companyId), match));
  return row;
}

export async function loadPgIncidents(db: PgRunner, companyId: string): Promise<Incident[]> {
  const findings = await activeFindingsOf(db, companyId);
  const rows = await db.select().from(incidents).where(eq(incidents.companyId, companyId)).orderBy(asc(incidents.number));
  return rows.map((row) => toIncident(row, findings.get(row.id) ?? []));
}

export async function loadPgIncident(db: PgRunner, companyId: string, ref: string | number): Promise<Incident | null> {
  let row: IncidentRow | undefined;
  if (typeof ref === 'number') row = await findRow(db, companyId, eq(incidents.number, ref));
  else {
    row = await findRow(db, companyId, eq(incidents.id, ref));
    const typed = row ? null : NUMBER_REF.exec(ref.trim());
    if (typed) row = await findRow(db, companyId, eq(incidents.number, Number(typed[1])));
  }
  if (!row) return null;
  return toIncident(row, (await activeFindingsOf(db, companyId, [row.id])).get(row.id) ?? []);
}

export async function loadPgIncidentEvents(db: PgRunner, companyId: string, incidentId: string): Promise<IncidentEvent[]> {
  const rows = await db
    .select()
    .from(incidentEvents)
    .where(and(eq(incidentEvents.companyId, companyId), eq(incidentEvents.incidentId, incidentId)))
    .orderBy(asc(incidentEvents.id));
  return rows.map(({ incidentId: id, companyId: company, at, type, actor, data }) => ({
    incidentId: id,
    companyId: company,
    at,
    type,
    actor,
    data,
  }));
}

export async function nextPgIncidentNumber(db: PgRunner, companyId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(incidents.number) })
    .from(incidents)
    .where(eq(incidents.companyId, companyId));
  return (row?.last ?? 0) + 1;
}

/**
 * Call inside the commit's transaction. `keepOperatorEdits`: a poll computed its change from the
 * incidents it loaded at its start; what an operator changed since (in another process) is kept.
 */
export async function writePgChange(tx: PgRunner, change: IncidentChange, opts: { keepOperatorEdits?: boolean } = {}): Promise<void> {
  const stored =
    opts.keepOperatorEdits && change.before ? await findRow(tx, change.after.companyId, eq(incidents.id, change.after.id)) : undefined;
  const after = opts.keepOperatorEdits && change.before ? withOperatorEdits(change.before, change.after, stored) : change.after;
  const { findings: _findings, ...incident } = after;
  const { id: _id, ...fields } = incident;
  await tx.insert(incidents).values(incident).onConflictDoUpdate({ target: incidents.id, set: fields });

  // Later entries win: a finding listed as resolved stays resolved whatever `after` still holds.
  const touched = new Map<string, IncidentFinding>();
  for (const f of [...change.added, ...change.after.findings, ...change.resolved]) touched.set(f.key, f);
  if (touched.size > 0) {
    const rows = [...touched.values()].map((f) => ({
      companyId: incident.companyId,
      incidentId: incident.id,
      findingKey: f.key,
      data: f.finding,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
      resolvedAt: f.resolvedAt,
    }));
    for (let i = 0; i < rows.length; i += 1_000) {
      await tx
        .insert(incidentFindings)
        .values(rows.slice(i, i + 1_000))
        .onConflictDoUpdate({
          target: [incidentFindings.incidentId, incidentFindings.findingKey],
          set: {
            data: sqlExcluded('data'),
            firstSeenAt: sqlExcluded('first_seen_at'),
            lastSeenAt: sqlExcluded('last_seen_at'),
            resolvedAt: sqlExcluded('resolved_at'),
          },
        });
    }
  }

  if (change.events.length > 0) {
    await tx
      .insert(incidentEvents)
      .values(change.events.map(({ incidentId, companyId, at, type, actor, data }) => ({ incidentId, companyId, at, type, actor, data })));
  }
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Three-way merge of the operator's fields, as the SQLite store does (../incidents-store.ts). */
function withOperatorEdits(before: Incident, after: Incident, stored: IncidentRow | undefined): Incident {
  if (!stored) return after;
  const merged = { ...after };
  if (same(after.rootCause, before.rootCause) && !same(stored.rootCause, before.rootCause)) merged.rootCause = stored.rootCause;
  const statusMoved =
    stored.status !== before.status || stored.acknowledgedBy !== before.acknowledgedBy || stored.snoozedUntil !== before.snoozedUntil;
  if (after.status === before.status && after.snoozedUntil === before.snoozedUntil && statusMoved) {
    Object.assign(merged, { status: stored.status, acknowledgedBy: stored.acknowledgedBy, snoozedUntil: stored.snoozedUntil });
  }
  return merged;
}
