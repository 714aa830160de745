// A deployment file → one full Config per company. A file with `companies:` lists them (inline, or
// `include:` one file each, whose paths are relative to that file), over shared `defaults:`; a file
// without it is today's single-company file, a deployment of one.
import path from 'node:path';
import { configVocabulary } from './config-vocabulary';
import { crossCompanyErrors, type PlacedCompany } from './deployment-checks';
import { locateWithin, mergedLocator, mergeUnder, type WrittenIn } from './deployment-merge';
import { deploymentSchema, type InstanceConfig, type PortfolioConfig } from './deployment-schema';
import type { Locate } from './locate';
import { byPosition, formatError, type ParseError, type ParseResult } from './parse-error';
import { validate } from './parse-yaml';
import { isRecord, valueAt } from './path';
import { readTextFile } from './read-text-file';
import { readYaml } from './read-yaml';
import { configSchema, type Config } from './schema';

export interface CompanyConfig {
  config: Config;
  /** The folder the company's relative paths resolve against: its include file's, else the deployment file's. */
  baseDir: string;
}

export interface DeploymentConfig {
  file: string;
  /** The deployment file's folder (`storage:` paths resolve against it). */
  baseDir: string;
  storage: Config['storage'];
  /** In file order; never empty. */
  companies: CompanyConfig[];
  portfolio: PortfolioConfig | null;
  instance: InstanceConfig;
  /** Whether the file lists companies (false: a single-company file). */
  many: boolean;
}

const deploymentVocabulary = {
  owner: () => undefined,
  notes: {
    companies: { hint: 'list each company under companies: as its keys (company:, sources: …) or as "- include: companies/acme.yaml"' },
    'portfolio.name': { example: 'name: Northwind Home Services Group' },
    'instance.max_concurrent_polls': { example: 'max_concurrent_polls: 2', why: 'polls this process runs at once' },
  },
};

export async function loadDeploymentFile(file: string): Promise<ParseResult<DeploymentConfig>> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const yaml = readYaml(read.text, file);
  if (!yaml.ok) return yaml;
  const baseDir = path.dirname(file);
  const common = { file, baseDir, portfolio: null, instance: { max_concurrent_polls: 2 } };
  if (!isRecord(yaml.data) || !('companies' in yaml.data)) {
    const single = validate(yaml.data, yaml.locate, file, configSchema, configVocabulary);
    if (!single.ok) return single;
    return { ok: true, value: { ...common, storage: single.value.storage, companies: [{ config: single.value, baseDir }], many: false } };
  }
  const outer = validate(yaml.data, yaml.locate, file, deploymentSchema, deploymentVocabulary);
  if (!outer.ok) return outer;
  const defaults: WrittenIn = { data: yaml.data.defaults ?? {}, file, locate: locateWithin(yaml.locate, ['defaults']) };
  const errors: ParseError[] = [];
  const placed: Array<PlacedCompany & CompanyConfig> = [];
  const entries = outer.value.companies;
  for (const [i, entry] of entries.entries()) {
    const own = await companyText(entry, i, { file, baseDir, locate: yaml.locate });
    if (!own.ok) {
      errors.push(...own.errors);
      continue;
    }
    const entryErrors = ownErrors(own.written);
    if (entryErrors.length > 0) {
      errors.push(...entryErrors);
      continue;
    }
    const locate = mergedLocator(own.written, defaults);
    const merged = validate(mergeUnder(defaults.data, own.written.data), locate, own.written.file, configSchema, configVocabulary);
    if (!merged.ok) errors.push(...merged.errors);
    else placed.push({ config: merged.value, locate, file: own.written.file, baseDir: own.baseDir });
  }
  if (errors.length === 0) errors.push(...crossCompanyErrors(placed));
  if (errors.length > 0) return { ok: false, errors: unique(errors) };
  return {
    ok: true,
    value: {
      ...common,
      storage: outer.value.storage,
      companies: placed.map(({ config, baseDir: dir }) => ({ config, baseDir: dir })),
      portfolio: outer.value.portfolio ?? null,
      instance: outer.value.instance,
      many: true,
    },
  };
}

type CompanyText = { ok: true; written: WrittenIn; baseDir: string } | { ok: false; errors: ParseError[] };

async function companyText(entry: unknown, i: number, main: { file: string; baseDir: string; locate: Locate }): Promise<CompanyText> {
  const include = isRecord(entry) && typeof entry.include === 'string' && Object.keys(entry).length === 1 ? entry.include : undefined;
  if (include === undefined)
    return {
      ok: true,
      written: { data: entry, file: main.file, locate: locateWithin(main.locate, ['companies', i]) },
      baseDir: main.baseDir,
    };
  const included = path.resolve(main.baseDir, include);
  const read = await readTextFile(included);
  if (!read.ok) {
    // The include line is the place to fix: say where it is written as well as what is wrong with the file.
    const at = main.locate(['companies', i, 'include']);
    return { ok: false, errors: [{ file: main.file, ...at, message: `include: ${formatError(read.error)}`, hint: read.error.hint }] };
  }
  const yaml = readYaml(read.text, included);
  if (!yaml.ok) return yaml;
  return { ok: true, written: { data: yaml.data, file: included, locate: yaml.locate }, baseDir: path.dirname(included) };
}

/** What a company entry may not say: the deployment's storage, or nothing about which company it is. */
function ownErrors(own: WrittenIn): ParseError[] {
  const at = (p: Array<string | number>) => ({ file: own.file, ...own.locate(p, 'key') });
  if (isRecord(own.data) && 'storage' in own.data)
    return [
      {
        ...at(['storage']),
        message: 'storage: is set once for the whole deployment, not per company',
        hint: 'move it to the top of the deployment file, beside companies:',
      },
    ];
  if (typeof valueAt(own.data, ['company', 'id']) !== 'string')
    return [
      {
        ...at(isRecord(valueAt(own.data, ['company'])) ? ['company'] : []),
        message: 'a company in a deployment needs its own company.id',
        hint: 'add e.g. "company: { id: acme, name: Acme HVAC }": incidents, tokens and --company are keyed by it',
      },
    ];
  return [];
}

/** An error in `defaults:` is found once per company; say it once. */
function unique(errors: ParseError[]): ParseError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => !seen.has(formatError(e)) && seen.add(formatError(e)))
    .sort((a, b) => a.file.localeCompare(b.file) || byPosition(a, b));
}
