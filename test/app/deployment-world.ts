// Two companies (Acme inline, Bravo from an include file) in one deployment on one SQLite file, each
// on its own copy of the demo's data (exports and QuickBooks sandbox), for the many-company tests.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareDemo } from '../../src/app/demo-config';
import { readEnv, type Env } from '../../src/app/env';
import { DEFAULT_RULES } from '../../src/app/paths';

export interface DeploymentWorld {
  dir: string;
  configFile: string;
  env: Env;
  vars: Record<string, string>;
}

const company = (id: string, name: string, realm: string) => `company: { id: ${id}, name: ${name}, time_zone: America/Denver }
sources:
  - { id: fieldpro, type: files, name: FieldPro export, path: data/upstream/fieldpro }
  - { id: card-payments, type: files, name: Card processor export, path: data/upstream/card-payments }
  - { id: quickbooks, type: quickbooks, realm_id: "${realm}", sandbox_data: data/quickbooks }
`;

/** `portfolio` is the deployment file's `portfolio:` value (flow YAML). */
export function deploymentWorld(now: Date, portfolio = '{ name: Northwind Home Services Group }'): DeploymentWorld {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-deployment-'));
  const demo = prepareDemo(path.join(dir, 'seed'), now, 'files');
  for (const id of ['acme', 'bravo']) cpSync(demo.baseDir, path.join(dir, 'companies', id, 'data'), { recursive: true });
  mkdirSync(path.join(dir, 'companies'), { recursive: true });
  writeFileSync(path.join(dir, 'companies', 'bravo', 'company.yaml'), company('bravo', 'Bravo Plumbing', '9130350000000002'));
  const acme = company('acme', 'Acme HVAC', '9130350000000001')
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n')
    .replace(/^ {4}company/, '  - company')
    .replaceAll('path: data/', 'path: companies/acme/data/')
    .replace('sandbox_data: data/', 'sandbox_data: companies/acme/data/');
  const configFile = path.join(dir, 'sync-sentinel.yaml');
  writeFileSync(
    configFile,
    `storage: { sqlite: all.db }
defaults:
  rules: [${JSON.stringify(DEFAULT_RULES)}]
  matching:
    invoice: [ { by: private_note, pattern: "FieldPro invoice (?<id>\\\\S+)" }, { by: doc_number } ]
    payment: [ { by: private_note, pattern: "(?:FieldPro|Card) payment (?<id>\\\\S+)" }, { by: reference } ]
  channels: [ { type: console, name: console } ]
companies:
${acme}  - include: companies/bravo/company.yaml
portfolio: ${portfolio}
`,
  );
  const vars = { SYNC_SENTINEL_CONFIG: configFile, SYNC_SENTINEL_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
  return { dir, configFile, env: readEnv(vars, dir), vars };
}
