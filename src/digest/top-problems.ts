// The three problems leadership should hear about: worst severity first, then most money, then oldest.
import { ACTION_LABELS, SEVERITY_RANK } from '../classify/classification';
import { pathLine } from '../classify/classify';
import { activeFindings, type Incident } from '../incidents/model';
import type { TopProblem } from './snapshot';

export function topProblems(incidents: readonly Incident[], fixes: ReadonlyMap<string, string>, count = 3): TopProblem[] {
  return incidents
    .filter((i) => i.status !== 'resolved')
    .map((i) => {
      const live = activeFindings(i).filter((f) => !f.finding.suppressedBy);
      return { incident: i, money: live.reduce((n, f) => n + f.finding.amountCents, 0), findings: activeFindings(i).length };
    })
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.incident.classification.severity] - SEVERITY_RANK[a.incident.classification.severity] ||
        b.money - a.money ||
        a.incident.openedAt.localeCompare(b.incident.openedAt) ||
        a.incident.number - b.incident.number,
    )
    .slice(0, count)
    .map(({ incident, money, findings }) => {
      const fix = fixes.get(incident.ruleId);
      return {
        number: incident.number,
        title: incident.title,
        severity: incident.classification.severity,
        actionLabel: ACTION_LABELS[incident.classification.action],
        path: pathLine(incident.classification),
        ...(fix ? { fix } : {}),
        moneyCents: money,
        findings,
      };
    });
}
