// The embedded default: with no config file, the bundled demo company runs against the QuickBooks
// sandbox on 127.0.0.1, with SQLite under the data folder and the console channel.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type Config } from '../config/schema';
import { generateDemo, writeDemo } from '../../demo/generate';
import { DEFAULT_RULES } from './paths';

export const DEMO_REALM = '9130350000000001';
export const DEMO_TOKEN = 'demo-access-token';

/** Writes the demo data once (anchored on the first run's date) and returns its config. */
export function prepareDemo(dataDir: string, now: Date): { config: Config; baseDir: string; created: boolean } {
  const baseDir = path.join(dataDir, 'demo');
  const created = !existsSync(path.join(baseDir, 'quickbooks'));
  if (created) writeDemo(baseDir, generateDemo({ now }));
  return { config: demoConfig(dataDir), baseDir, created };
}

export function demoConfig(dataDir: string): Config {
  return configSchema.parse({
    company: { id: 'demo', name: 'Summit Comfort Services', time_zone: 'America/Chicago', close_day: 5 },
    storage: { sqlite: path.join(dataDir, 'sentinel.db') },
    rules: [DEFAULT_RULES],
    sources: [
      { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' },
      { id: 'card-payments', type: 'files', name: 'Card processor export', path: 'upstream/card-payments' },
      { id: 'quickbooks', type: 'quickbooks', name: 'QuickBooks Online (sandbox)', realm_id: DEMO_REALM, sandbox_data: 'quickbooks' },
    ],
    matching: {
      invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
      payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
    },
  });
}
