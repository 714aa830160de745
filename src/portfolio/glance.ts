// Every company's current status at a glance, worst first: what `status` without --company,
// `/sync-status` in a channel bound to no company and App Home show for a deployment of many
// companies. One line each, built from the per-company StatusView so it says what that view says.
import { SEVERITY_RANK } from '../classify/classification';
import type { Severity } from '../config/schema';
import { formatCents } from '../domain/money';
import { humanAge } from '../domain/time';
import { openLine } from './build-portfolio';
import { healthWord, notPolledYet } from '../status/headline';
import type { StatusView } from '../status/status-view';

export interface GlanceInput {
  id: string;
  name: string;
  /** The company's status view; null when nothing could be read for it (counted as not polled yet). */
  view: StatusView | null;
}

export type GlanceHealth = StatusView['health'] | 'not_polled';

export interface GlanceLine {
  id: string;
  name: string;
  health: GlanceHealth;
  /** "FAILING", "DEGRADED", "HEALTHY" or "not polled yet", as the single-company status says it. */
  word: string;
  open: number;
  bySeverity: Record<Severity, number>;
  /** "3 open (1 critical, 2 high)" or "none open". */
  incidents: string;
  moneyAtRiskCents: number;
  money: string;
  /** "last poll 5 min ago · ok", "last poll 2 h ago · failed: QuickBooks refused the token", or "not polled yet". */
  lastPoll: string;
}

export interface GlanceView {
  companies: GlanceLine[];
  totals: { companies: number; byHealth: Record<GlanceHealth, number>; open: number; moneyAtRiskCents: number; money: string };
}

/** Worst first; a company nobody has polled comes after the ones we know about, so it is listed, never hidden. */
const HEALTH_ORDER: Record<GlanceHealth, number> = { failing: 0, degraded: 1, healthy: 2, not_polled: 3 };

export function buildGlance(companies: readonly GlanceInput[], now: Date): GlanceView {
  const lines = companies.map((c) => line(c, now));
  lines.sort(
    (a, b) =>
      HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] ||
      worstSeverity(b) - worstSeverity(a) ||
      b.bySeverity.critical - a.bySeverity.critical ||
      b.bySeverity.high - a.bySeverity.high ||
      b.moneyAtRiskCents - a.moneyAtRiskCents ||
      b.open - a.open ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
  const byHealth: Record<GlanceHealth, number> = { failing: 0, degraded: 0, healthy: 0, not_polled: 0 };
  for (const l of lines) byHealth[l.health]++;
  const cents = lines.reduce((n, l) => n + l.moneyAtRiskCents, 0);
  return {
    companies: lines,
    totals: {
      companies: lines.length,
      byHealth,
      open: lines.reduce((n, l) => n + l.open, 0),
      moneyAtRiskCents: cents,
      money: formatCents(cents),
    },
  };
}

/** "2 failing, 1 degraded, 27 healthy, 1 not polled yet" (zero counts left out). */
export function glanceCounts(g: GlanceView): string {
  const t = g.totals.byHealth;
  const parts = [
    [t.failing, 'failing'],
    [t.degraded, 'degraded'],
    [t.healthy, 'healthy'],
    [t.not_polled, 'not polled yet'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, w]) => `${n} ${w}`)
    .join(', ');
}

function line(c: GlanceInput, now: Date): GlanceLine {
  const v = c.view;
  const bySeverity = v ? { ...v.bySeverity } : { critical: 0, high: 0, medium: 0, low: 0 };
  const open = bySeverity.critical + bySeverity.high + bySeverity.medium + bySeverity.low;
  const polled = v !== null && !notPolledYet(v);
  const cents = v?.moneyAtRiskCents ?? 0;
  const poll = v?.lastPoll;
  return {
    id: c.id,
    name: c.name,
    health: polled ? v.health : 'not_polled',
    word: v ? healthWord(v) : 'not polled yet',
    open,
    bySeverity,
    incidents: openLine(open, bySeverity),
    moneyAtRiskCents: cents,
    money: formatCents(cents),
    lastPoll: poll
      ? `last poll ${humanAge(Math.max(0, now.getTime() - Date.parse(poll.finishedAt)))} ago · ${poll.ok ? 'ok' : `failed: ${poll.error ?? 'unknown error'}`}`
      : polled
        ? 'no poll recorded'
        : 'not polled yet',
  };
}

function worstSeverity(l: GlanceLine): number {
  const found = (['critical', 'high', 'medium', 'low'] as const).find((s) => l.bySeverity[s] > 0);
  return found ? SEVERITY_RANK[found] : -1;
}
