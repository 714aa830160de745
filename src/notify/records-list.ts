// Every record of an incident, not just the ones a chat message has room for: the rows behind
// `sync-sentinel records`, the CSV a Slack thread carries and the pages of Teams' "Show all records".
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../domain/finding';
import { formatCents } from '../domain/money';
import { localTime } from '../domain/time';
import { activeFindings, type Incident } from '../incidents/model';
import { brokenHopLabel } from '../trace/trace';
import { byImportance } from './build-view';
import { printable } from './render-text';

/** One record of an incident, as a person lists it. */
export interface RecordRow {
  record: string;
  side: string;
  source: string;
  entity: string;
  id: string;
  number?: string;
  amountCents: number;
  since?: string;
  summary: string;
  brokenHop?: string;
  heldBack: boolean;
}

/** All records of an incident a person should look at, biggest money first (as the alert lists them). */
export interface RecordsList {
  incidentId: string;
  number: number;
  title: string;
  rows: RecordRow[];
}

export function recordsOf(incident: Incident): RecordsList {
  const findings = activeFindings(incident)
    .map((f) => f.finding)
    .sort(byImportance);
  return { incidentId: incident.id, number: incident.number, title: incident.title, rows: findings.map(rowOf) };
}

function rowOf(f: Finding): RecordRow {
  const s = f.subject;
  const hop = brokenHopLabel(f.trace);
  return {
    record: s.label,
    side: s.side,
    source: s.source,
    entity: s.entity,
    id: s.sourceId,
    ...(s.number ? { number: s.number } : {}),
    amountCents: f.amountCents,
    ...(f.since ? { since: f.since } : {}),
    summary: f.summary,
    ...(hop ? { brokenHop: hop } : {}),
    heldBack: !!f.suppressedBy,
  };
}

const COLUMNS = ['Record', 'Number', 'Side', 'Source', 'Type', 'Id', 'Amount', 'Since', 'What is wrong', 'Broken hop', 'Held back'];

/** The list as CSV (UTF-8, header row, amounts in dollars, times in the company's zone). */
export function recordsCsv(list: RecordsList, zone: string): string {
  const rows = list.rows.map((r) => [
    r.record,
    r.number ?? '',
    r.side,
    r.source,
    r.entity,
    r.id,
    (r.amountCents / 100).toFixed(2),
    r.since ? localTime(r.since, zone) : '',
    r.summary,
    r.brokenHop ?? '',
    r.heldBack ? 'yes' : '',
  ]);
  // Cells a spreadsheet would run as a formula are quoted as text: the records come from outside.
  return stringify([COLUMNS, ...rows.map((row) => row.map(defuse))], { bom: true, record_delimiter: 'windows' });
}

function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

/** One page of the list (1-based; clamped to the pages there are). */
export function recordsPage(list: RecordsList, page: number, size: number): { page: number; pages: number; rows: RecordRow[] } {
  const pages = Math.max(1, Math.ceil(list.rows.length / size));
  const at = Math.min(pages, Math.max(1, Math.floor(page) || 1));
  return { page: at, pages, rows: list.rows.slice((at - 1) * size, at * size) };
}

/** The whole list as plain text for the terminal. */
export function recordsText(list: RecordsList, zone: string): string {
  const head = `#${list.number} ${printable(list.title)} — ${list.rows.length} ${list.rows.length === 1 ? 'record' : 'records'}`;
  if (list.rows.length === 0) return `${head}\n  (none open: the incident is resolved or all its records were fixed)`;
  const lines = list.rows.map((r, i) => {
    const since = r.since ? ` · since ${localTime(r.since, zone)}` : '';
    const hop = r.brokenHop ? ` [${r.brokenHop}]` : '';
    return `${String(i + 1).padStart(4)}. ${r.heldBack ? '(held back) ' : ''}${printable(r.summary)}${printable(hop)}\n        ${printable(`${r.source} ${r.entity} ${r.id}${r.number ? ` (no. ${r.number})` : ''}`)} · ${formatCents(r.amountCents)}${since}`;
  });
  return [head, ...lines].join('\n');
}
