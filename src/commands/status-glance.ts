// Every company of a deployment at a glance, worst first: one line each with its health, open
// incidents by severity, money at risk and last poll. `status` without --company prints it, and
// `/sync-status` in a channel no single company owns answers with it.
import type { Config, Severity } from '../config/schema';
import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import type { StorePort } from '../ports/store';
import type { StatusView } from '../status/status-view';
import { answerStatusQuery } from './status-answer';

export interface CompanyGlance {
  id: string;
  name: string;
  view: StatusView;
}

const HEALTH_RANK: Record<StatusView['health'], number> = { failing: 2, degraded: 1, healthy: 0 };
const SEVERITIES_WORST_FIRST: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export async function glanceAt(companies: ReadonlyArray<{ config: Config; store: StorePort }>, now: () => Date): Promise<CompanyGlance[]> {
  const rows = await Promise.all(
    companies.map(async ({ config, store }): Promise<CompanyGlance> => {
      const answer = await answerStatusQuery({ config, store, now }, { kind: 'status', filters: {}, public: false });
      if (answer.kind !== 'status') throw new Error('a status query answered something else');
      return { id: config.company.id, name: config.company.name, view: answer.view };
    }),
  );
  return rows.sort(worstFirst);
}

/** Failing before degraded before healthy; then the most severe open incidents, then the most money at risk. */
export function worstFirst(a: CompanyGlance, b: CompanyGlance): number {
  const health = HEALTH_RANK[b.view.health] - HEALTH_RANK[a.view.health];
  if (health !== 0) return health;
  for (const s of SEVERITIES_WORST_FIRST)
    if (a.view.bySeverity[s] !== b.view.bySeverity[s]) return b.view.bySeverity[s] - a.view.bySeverity[s];
  return b.view.moneyAtRiskCents - a.view.moneyAtRiskCents || a.id.localeCompare(b.id);
}

export function renderGlanceText(rows: readonly CompanyGlance[], now: Date): string {
  const lines = rows.map(({ id, name, view }) => {
    const open = SEVERITIES_WORST_FIRST.filter((s) => view.bySeverity[s] > 0).map((s) => `${view.bySeverity[s]} ${s}`);
    const last = view.lastPoll
      ? `last poll ${humanAge(Math.max(0, now.getTime() - Date.parse(view.lastPoll.finishedAt)))} ago${view.lastPoll.ok ? '' : ' (failed)'}`
      : 'not polled yet';
    return `${view.health.padEnd(8)} ${id} (${name}) — ${open.length ? open.join(', ') : 'no open incidents'} · ${formatCents(view.moneyAtRiskCents)} at risk · ${last}`;
  });
  return [`${rows.length} companies, worst first (\`--company <id>\` for one company’s view):`, ...lines].join('\n');
}
