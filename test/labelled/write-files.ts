// Writes a scenario as the product finds it on disk: CSV exports per upstream source (generic
// column names), the QuickBooks sandbox's data folder (wire JSON), and a sync-sentinel.yaml.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { FIELDS } from '../../adapters/files/columns';
import type { CsvRow, LabelledScenario } from './model';

export const REALM = '9130350000000777';
const RULES = path.resolve(import.meta.dirname, '../../rules/default.yaml');

export function writeScenario(dir: string, s: LabelledScenario): string {
  for (const [source, files] of Object.entries(s.upstream)) {
    const folder = path.join(dir, 'upstream', source);
    mkdirSync(folder, { recursive: true });
    for (const [entity, rows] of Object.entries(files))
      writeFileSync(path.join(folder, `${entity}.csv`), toCsv(FIELDS[entity as keyof typeof FIELDS], rows));
  }
  const qbo = path.join(dir, 'quickbooks');
  mkdirSync(qbo, { recursive: true });
  for (const [name, value] of Object.entries(s.quickbooks)) {
    // Every entity QuickBooks returns carries these two; the mappers must not trip on them.
    const wire = Array.isArray(value)
      ? value.map((e: object) => ({ ...e, domain: 'QBO', sparse: false }))
      : { ...(value as object), domain: 'QBO', sparse: false };
    writeFileSync(path.join(qbo, `${name}.json`), `${JSON.stringify(wire, null, 1)}\n`);
  }
  const config = {
    version: 1,
    company: {
      id: 'lab',
      name: 'Three Rivers Home Services',
      time_zone: 'America/Chicago',
      close_day: 5,
      ...(s.historyFrom ? { history_from: s.historyFrom } : {}),
    },
    storage: { sqlite: 'sentinel.db' },
    rules: [RULES],
    sources: [
      fieldproSource(s),
      { id: 'webpay', type: 'files', name: 'Web payments export', path: 'upstream/webpay' },
      ...(s.upstream['financing']
        ? [{ id: 'financing', type: 'files', name: 'Financing partner export', path: 'upstream/financing' }]
        : []),
      { id: 'quickbooks', type: 'quickbooks', name: 'QuickBooks Online', realm_id: REALM, sandbox_data: 'quickbooks' },
    ],
    matching: matchingFor(s),
    channels: [{ type: 'console', name: 'console' }],
  };
  const file = path.join(dir, 'sync-sentinel.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

/** The field tool as files, or served by a vendor sandbox (which numbers FieldPro's ids: FP-INV-20231 is invoice 20231). */
function fieldproSource(s: LabelledScenario): Record<string, string> {
  const common = { id: 'fieldpro', sandbox_data: 'upstream/fieldpro' };
  switch (s.upstreamAs) {
    case undefined:
      return { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' };
    case 'servicetitan':
      return { ...common, type: 'servicetitan', name: 'ServiceTitan (sandbox)' };
    case 'jobber':
      return { ...common, type: 'jobber', name: 'Jobber (sandbox)', ids: 'gid_number' };
    case 'housecallpro':
      return { ...common, type: 'housecallpro', name: 'Housecall Pro (sandbox)' };
  }
}

/** The sync's notes name FieldPro ids; a vendor knows them by number (Housecall Pro by neither: numbers alone). */
function matchingFor(s: LabelledScenario) {
  if (s.upstreamAs === undefined) {
    return {
      invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
      payment: [{ by: 'private_note', pattern: '(?:FieldPro|Web) payment (?<id>\\S+)' }, { by: 'reference' }],
    };
  }
  const byId = s.upstreamAs !== 'housecallpro';
  return {
    invoice: [...(byId ? [{ by: 'private_note', pattern: 'FieldPro invoice FP-INV-(?<id>\\d+)' }] : []), { by: 'doc_number' }],
    payment: [
      ...(byId ? [{ by: 'private_note', pattern: '(?:FieldPro payment FP-PAY-|Web payment )(?<id>\\S+)' }] : []),
      { by: 'reference' },
    ],
  };
}

function toCsv(fields: readonly string[], rows: CsvRow[]): string {
  const used = fields.filter((f) => rows.some((r) => r[f] !== undefined));
  const cell = (v: string | undefined) => (v === undefined ? '' : /[",\n|]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [used.join(','), ...rows.map((r) => used.map((f) => cell(r[f])).join(','))].join('\n') + '\n';
}
