// The first line of every status answer (command line, Slack, Teams): the company's health and the
// incidents the answer goes on to list. A filtered answer says its count is of the matches, so
// "FAILING" never sits beside "0 open incidents"; before the first poll it says so instead of a
// health nobody measured.
import { formatCents } from '../domain/money';
import { plural } from '../domain/plural';
import type { StatusView } from './status-view';

/** No poll recorded, no source ever read and nothing found: a fresh install. */
export function notPolledYet(v: StatusView): boolean {
  const found = v.incidents.length > 0 || (v.overall?.openIncidents ?? 0) > 0;
  return !found && v.lastPoll === null && v.sources.every((s) => s.lastOkAt === null);
}

export function healthWord(v: StatusView): string {
  return notPolledYet(v) ? 'not polled yet' : v.health.toUpperCase();
}

/** "3 open incidents (1 critical, …) · $12.00 at risk", or for a filter "2 of 7 open incidents match (…)". */
export function incidentsLine(v: StatusView): string {
  const s = v.bySeverity;
  const bySeverity = `(${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low)`;
  const money = `${formatCents(v.moneyAtRiskCents)} at risk`;
  if (v.overall === undefined) return `${plural(v.incidents.length, 'open incident')} ${bySeverity} · ${money}`;
  const all = plural(v.overall.openIncidents, 'open incident');
  if (v.incidents.length === 0) return `none of the company's ${all} ${v.overall.openIncidents === 1 ? 'matches' : 'match'}`;
  return `${v.incidents.length} of the company's ${all} ${v.incidents.length === 1 ? 'matches' : 'match'} ${bySeverity} · ${money} in ${v.incidents.length === 1 ? 'it' : 'them'}`;
}

export function statusHeadline(v: StatusView): string {
  if (notPolledYet(v)) return 'Sync health: not polled yet — no source has been read, so nothing is known about the sync';
  return `Sync health: ${healthWord(v)} · ${incidentsLine(v)}`;
}

/** What the "Last poll" line says before there was one: how to get one. */
export const NOT_POLLED = 'not yet — `sync-sentinel run --once` reads every source once; `serve` polls on the schedule';
