// Incidents, their findings and their append-only history.
import { and, asc, eq, inArray, isNull, max, type SQL } from 'drizzle-orm';
import type { Incident, IncidentChange, IncidentEvent, IncidentFinding } from '../../src/incidents/model';
import type { StorageDb } from './open-database';
import { incidentEvents, incidentFindings, incidents } from './schema';

type IncidentRow = typeof incidents.$inferSelect;
type FindingRow = typeof incidentFindings.$inferSelect;

/** The row holds every incident field but its findings, which live in their own table. */
function toIncident(row: IncidentRow, findings: IncidentFinding[]): Incident {
  return { ...row, findings };
}

function toFinding(row: FindingRow): IncidentFinding {
  return { key: row.findingKey, finding: row.data, firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt, resolvedAt: row.resolvedAt };
}

/** A `#12` or `12` typed in chat is a number; anything else is an incident id. */
const NUMBER_REF = /^#?(\d+)$/;

export function createIncidentStore(db: StorageDb) {
  function activeFindingsOf(companyId: string, incidentIds?: string[]): Map<string, IncidentFinding[]> {
    const conditions = [eq(incidentFindings.companyId, companyId), isNull(incidentFindings.resolvedAt)];
    if (incidentIds) conditions.push(inArray(incidentFindings.incidentId, incidentIds));
    const byIncident = new Map<string, IncidentFinding[]>();
    const rows = db
      .select()
      .from(incidentFindings)
      .where(and(...conditions))
      .orderBy(asc(incidentFindings.firstSeenAt), asc(incidentFindings.findingKey))
      .all();
    for (const row of rows) {
      const list = byIncident.get(row.incidentId) ?? [];
      list.push(toFinding(row));
      byIncident.set(row.incidentId, list);
    }
    return byIncident;
  }

  function loadIncidents(companyId: string): Incident[] {
    const findings = activeFindingsOf(companyId);
    return db
      .select()
      .from(incidents)
      .where(eq(incidents.companyId, companyId))
      .orderBy(asc(incidents.number))
      .all()
      .map((row) => toIncident(row, findings.get(row.id) ?? []));
  }

  function loadIncident(companyId: string, ref: string | number): Incident | null {
    const row =
      typeof ref === 'number'
        ? findRow(companyId, eq(incidents.number, ref))
        : (findRow(companyId, eq(incidents.id, ref)) ?? findByTypedNumber(companyId, ref));
    if (!row) return null;
    return toIncident(row, activeFindingsOf(companyId, [row.id]).get(row.id) ?? []);
  }

  function findByTypedNumber(companyId: string, ref: string): IncidentRow | undefined {
    const typed = NUMBER_REF.exec(ref.trim());
    return typed ? findRow(companyId, eq(incidents.number, Number(typed[1]))) : undefined;
  }

  function findRow(companyId: string, match: SQL): IncidentRow | undefined {
    return db
      .select()
      .from(incidents)
      .where(and(eq(incidents.companyId, companyId), match))
      .get();
  }

  function loadIncidentEvents(companyId: string, incidentId: string): IncidentEvent[] {
    return db
      .select()
      .from(incidentEvents)
      .where(and(eq(incidentEvents.companyId, companyId), eq(incidentEvents.incidentId, incidentId)))
      .orderBy(asc(incidentEvents.id))
      .all()
      .map((row) => ({
        incidentId: row.incidentId,
        companyId: row.companyId,
        at: row.at,
        type: row.type,
        actor: row.actor,
        data: row.data,
      }));
  }

  function nextIncidentNumber(companyId: string): number {
    const row = db
      .select({ last: max(incidents.number) })
      .from(incidents)
      .where(eq(incidents.companyId, companyId))
      .get();
    return (row?.last ?? 0) + 1;
  }

  /**
   * Call inside the commit's transaction. A poll computes its change from the incidents it loaded at
   * its start; `keepOperatorEdits` keeps what an operator changed since then in another process (a
   * CLI `ack` while `serve` polls) instead of writing the poll's stale copy over it.
   */
  function writeChange(change: IncidentChange, opts: { keepOperatorEdits?: boolean } = {}): void {
    const after =
      opts.keepOperatorEdits && change.before
        ? withOperatorEdits(change.before, change.after, findRow(change.after.companyId, eq(incidents.id, change.after.id)))
        : change.after;
    const { findings: _findings, ...incident } = after;
    const { id: _id, ...fields } = incident;
    db.insert(incidents).values(incident).onConflictDoUpdate({ target: incidents.id, set: fields }).run();

    // Later entries win: a finding listed as resolved stays resolved whatever `after` still holds.
    const touched = new Map<string, IncidentFinding>();
    for (const f of [...change.added, ...change.after.findings, ...change.resolved]) touched.set(f.key, f);
    for (const f of touched.values()) {
      const values = { data: f.finding, firstSeenAt: f.firstSeenAt, lastSeenAt: f.lastSeenAt, resolvedAt: f.resolvedAt };
      db.insert(incidentFindings)
        .values({ companyId: incident.companyId, incidentId: incident.id, findingKey: f.key, ...values })
        .onConflictDoUpdate({ target: [incidentFindings.incidentId, incidentFindings.findingKey], set: values })
        .run();
    }

    for (const event of change.events) {
      const { incidentId, companyId, at, type, actor, data } = event;
      db.insert(incidentEvents).values({ incidentId, companyId, at, type, actor, data }).run();
    }
  }

  return { loadIncidents, loadIncident, loadIncidentEvents, nextIncidentNumber, writeChange };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of the operator's fields: where the poll left a field as it found it (`before`)
 * but the stored row has moved on, the stored value wins. A poll's own transitions (resolve, reopen,
 * a snooze running out) still win, because there the poll did change the field.
 */
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

export type IncidentStore = ReturnType<typeof createIncidentStore>;
