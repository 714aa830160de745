// Answers a parsed sync-status query from stored state only (no source is called, so the answer is
// fast and works while a source is down). Every chat renders the same answer its own way.
import type { Config } from '../config/schema';
import { closest } from '../config/closest';
import { activeFindings, type Incident } from '../incidents/model';
import type { StorePort } from '../ports/store';
import { buildStatusView, type StatusView } from '../status/status-view';
import { traceRef, type TraceResult } from '../status/trace-view';
import { reconcile } from '../trace/reconcile';
import { buildCloseView, type CloseView } from './close-view';
import { STATUS_HELP, type StatusFilters, type StatusQuery } from './status-query';

export interface StatusDeps {
  config: Config;
  store: StorePort;
  now: () => Date;
}

export type StatusAnswer =
  | { kind: 'status'; view: StatusView; filters: StatusFilters; public: boolean; note?: string }
  | { kind: 'trace'; trace: TraceResult; public: boolean }
  | { kind: 'close'; view: CloseView; public: boolean }
  | { kind: 'help'; commands: typeof STATUS_HELP }
  | { kind: 'unknown'; message: string; commands: typeof STATUS_HELP };

export async function answerStatusQuery(deps: StatusDeps, query: StatusQuery): Promise<StatusAnswer> {
  const companyId = deps.config.company.id;
  switch (query.kind) {
    case 'help':
      return { kind: 'help', commands: STATUS_HELP };
    case 'unknown':
      return { kind: 'unknown', message: query.message, commands: STATUS_HELP };
    case 'trace': {
      const [records, incidents] = await Promise.all([deps.store.loadRecords(companyId), deps.store.loadIncidents(companyId)]);
      return { kind: 'trace', trace: traceRef(reconcile(records, deps.config.matching), query.ref, incidents), public: query.public };
    }
    case 'close': {
      const now = deps.now();
      return { kind: 'close', view: buildCloseView(await deps.store.loadIncidents(companyId), deps.config, now), public: query.public };
    }
    case 'status': {
      const [incidents, health, lastPoll] = await Promise.all([
        deps.store.loadIncidents(companyId),
        deps.store.loadSourceHealth(companyId),
        deps.store.lastPollRun(companyId),
      ]);
      const all = buildStatusView(incidents, health, lastPoll);
      const { filters } = query;
      if (!filters.entity && !filters.location && !filters.severity) return { kind: 'status', view: all, filters, public: query.public };
      let note: string | undefined;
      let location = filters.location;
      if (location) {
        const known = knownLocations(incidents);
        const exact =
          known.find((l) => l.toLowerCase() === location!.toLowerCase()) ??
          known.find((l) => l.toLowerCase().startsWith(location!.toLowerCase()));
        if (exact) location = exact;
        else {
          const near = closest(location, known);
          note = near
            ? `No incidents at "${location}" — did you mean ${near}?`
            : `No incidents at "${location}"${known.length ? `; locations with incidents: ${known.join(', ')}` : ''}.`;
        }
      }
      const picked = incidents.filter((i) => matches(i, { ...filters, ...(location ? { location } : {}) }));
      // Health stays the company's: a filtered view must not read "healthy" while another area burns.
      const view = { ...buildStatusView(picked, health, lastPoll), health: all.health, overall: { openIncidents: all.incidents.length } };
      return {
        kind: 'status',
        view,
        filters: { ...filters, ...(location ? { location } : {}) },
        public: query.public,
        ...(note ? { note } : {}),
      };
    }
  }
}

function matches(incident: Incident, f: StatusFilters): boolean {
  if (f.severity && incident.classification.severity !== f.severity) return false;
  const active = activeFindings(incident);
  if (f.entity && !active.some((x) => x.finding.entity === f.entity || x.finding.subject.entity === f.entity)) return false;
  if (f.location && !active.some((x) => x.finding.location?.toLowerCase() === f.location!.toLowerCase())) return false;
  return true;
}

function knownLocations(incidents: readonly Incident[]): string[] {
  const set = new Set<string>();
  for (const i of incidents) for (const f of i.findings) if (f.finding.location) set.add(f.finding.location);
  return [...set].sort();
}
