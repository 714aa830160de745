// The embedded default: with no config file, the bundled demo company runs against the QuickBooks
// sandbox on 127.0.0.1, with SQLite under the data folder and the console channel.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import { generateDemo, publishDemo } from '../../demo/generate';
import { DEFAULT_RULES } from './paths';

export const DEMO_REALM = '9130350000000001';
export const DEMO_TOKEN = 'demo-access-token';

/** The vendors the demo's field-service data can be served as (each from its sandbox on 127.0.0.1). */
export const DEMO_UPSTREAMS = ['files', 'servicetitan', 'jobber', 'housecallpro'] as const;
export type DemoUpstream = (typeof DEMO_UPSTREAMS)[number];

/** Writes the demo data once (anchored on the first run's date), atomically, and returns its config. */
export function prepareDemo(
  dataDir: string,
  now: Date,
  upstream: string | undefined = process.env['SYNC_SENTINEL_DEMO_UPSTREAM'],
): { config: Config; baseDir: string; created: boolean } {
  const baseDir = path.join(dataDir, 'demo');
  // Written whole or not at all; of several first runs at once, one writes it and all use that one.
  // README.txt is the demo's last file: without it the folder is absent (or an older version's, cut off).
  const created = !existsSync(path.join(baseDir, 'README.txt')) && publishDemo(baseDir, () => generateDemo({ now }));
  return { config: demoConfig(dataDir, demoUpstream(upstream)), baseDir, created };
}

export function demoUpstream(value: string | undefined): DemoUpstream {
  if (value === undefined || value === '') return 'files';
  if ((DEMO_UPSTREAMS as readonly string[]).includes(value)) return value as DemoUpstream;
  throw new ConfigError(`SYNC_SENTINEL_DEMO_UPSTREAM="${value}" is not one of ${DEMO_UPSTREAMS.join(', ')}.`, {
    setting: 'SYNC_SENTINEL_DEMO_UPSTREAM',
  });
}

/**
 * The FieldPro source of the demo, as the export folder (default) or served by a vendor sandbox in
 * that vendor's wire format. Jobber and Housecall Pro expose no id that the sync writes into
 * QuickBooks, so with them invoices and payments link by number alone.
 */
function fieldproSource(upstream: DemoUpstream) {
  const common = { id: 'fieldpro', sandbox_data: 'upstream/fieldpro' };
  switch (upstream) {
    case 'files':
      return { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' };
    case 'servicetitan':
      return { ...common, type: 'servicetitan', name: 'ServiceTitan (sandbox)' };
    case 'jobber':
      return { ...common, type: 'jobber', name: 'Jobber (sandbox)', ids: 'gid_number' };
    case 'housecallpro':
      return { ...common, type: 'housecallpro', name: 'Housecall Pro (sandbox)', location_from: 'company_name' };
  }
}

export function demoConfig(dataDir: string, upstream: DemoUpstream = 'files'): Config {
  // ServiceTitan and Jobber ids are numbers: FieldPro's payment P70001 is payment 70001 there.
  const paymentNote = upstream === 'files' ? '(?:FieldPro|Card) payment (?<id>\\S+)' : '(?:FieldPro|Card) payment P?(?<id>\\S+)';
  const byId = upstream !== 'housecallpro';
  return configSchema.parse({
    company: { id: 'demo', name: 'Summit Comfort Services', time_zone: 'America/Chicago', close_day: 5 },
    storage: { sqlite: path.join(dataDir, 'sentinel.db') },
    rules: [DEFAULT_RULES],
    sources: [
      fieldproSource(upstream),
      { id: 'card-payments', type: 'files', name: 'Card processor export', path: 'upstream/card-payments' },
      { id: 'quickbooks', type: 'quickbooks', name: 'QuickBooks Online (sandbox)', realm_id: DEMO_REALM, sandbox_data: 'quickbooks' },
    ],
    matching: {
      invoice: [...(byId ? [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }] : []), { by: 'doc_number' }],
      payment: [...(byId ? [{ by: 'private_note', pattern: paymentNote }] : []), { by: 'reference' }],
    },
  });
}
