// The card's "Show trace": the trace behind an incident's most important records.
import { activeFindings } from '../../src/incidents/model';
import { byImportance } from '../../src/notify/build-view';
import type { StorePort } from '../../src/ports/store';
import type { TraceResult } from '../../src/status/trace-view';

const CHAINS = 5;

export async function incidentTrace(
  store: Pick<StorePort, 'loadIncident'>,
  companyId: string,
  ref: string,
): Promise<{ number: number; title: string; chains: TraceResult['chains'] } | null> {
  const incident = await store.loadIncident(companyId, ref);
  if (!incident) return null;
  const findings = activeFindings(incident)
    .map((f) => f.finding)
    .filter((f) => f.trace.length > 0)
    .sort(byImportance)
    .slice(0, CHAINS);
  return { number: incident.number, title: incident.title, chains: findings.map((f) => ({ label: f.subject.label, hops: f.trace })) };
}
