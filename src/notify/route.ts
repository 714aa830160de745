import type { RouteConfig } from '../config/schema';
import type { Incident } from '../incidents/model';
import { activeFindings } from '../incidents/model';
import type { Rule } from '../rules/schema';

/**
 * Which channels hear about an incident: the rule's own route, else the first matching route of
 * the routing table (more with `continue`), else every configured channel.
 */
export function routeIncident(
  incident: Incident,
  rule: Rule | undefined,
  routes: readonly RouteConfig[],
  channels: readonly string[],
): string[] {
  if (rule?.route) return rule.route.channels.filter((c) => channels.includes(c));
  const locations = new Set(
    activeFindings(incident)
      .map((f) => f.finding.location)
      .filter(Boolean),
  );
  const picked = new Set<string>();
  for (const route of routes) {
    const m = route.match;
    if (m.severity && !m.severity.includes(incident.classification.severity)) continue;
    if (m.impact && !m.impact.some((i) => incident.classification.impact.includes(i as never))) continue;
    if (m.location && !m.location.some((l) => locations.has(l))) continue;
    if (m.rule && !m.rule.includes(incident.ruleId)) continue;
    for (const c of route.channels) if (channels.includes(c)) picked.add(c);
    if (!route.continue) break;
  }
  return picked.size > 0 || routes.length > 0 ? [...picked] : [...channels];
}
