// One poll that found the given findings, decided and committed by the product's own cycle
// (decideAndCommit, the half of runCycle after evaluation): chat tests state what a poll found and get
// exactly the incidents, classification, plan and outbox rows a real poll would make of it.
import type { Config } from '../../src/config/schema';
import { decideAndCommit } from '../../src/cycle/run-cycle';
import type { Finding } from '../../src/domain/finding';
import type { IncidentChange } from '../../src/incidents/model';
import { silentLogger } from '../../src/ports/logger';
import type { StorePort } from '../../src/ports/store';
import type { Rule } from '../../src/rules/schema';

export interface PollDeps {
  config: Config;
  rules: readonly Rule[];
  store: StorePort;
  channels: readonly string[];
}

export async function pollFound(deps: PollDeps, findings: Finding[], now: Date): Promise<IncidentChange[]> {
  const at = now.toISOString();
  const pollRun = {
    companyId: deps.config.company.id,
    startedAt: at,
    finishedAt: at,
    ok: true,
    sources: {},
    findingCount: findings.length,
    recordCount: 0,
  };
  const { changes } = await decideAndCommit(
    { ...deps, log: silentLogger },
    { now, findings, evaluated: new Set(deps.rules.map((r) => r.id)), pollRun, weeklyStats: [] },
  );
  return changes;
}
