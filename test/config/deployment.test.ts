import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDeploymentFile } from '../../src/config/deployment';
import { formatError } from '../../src/config/parse-error';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deployment-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string) => {
  const file = join(dir, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, text);
  return file;
};

async function load(text: string) {
  return loadDeploymentFile(await write('sync-sentinel.yaml', text));
}

async function errorsOf(text: string): Promise<string[]> {
  const loaded = await load(text);
  if (loaded.ok) throw new Error('expected the deployment to be refused');
  return loaded.errors.map((e) => formatError(e).replace(`${dir}/`, ''));
}

const TWO = `storage:
  sqlite: data/all.db
defaults:
  schedule: { poll: "*/10 * * * *" }
  incidents: { notify_low: true }
  channels: [ { type: console, name: ops } ]
companies:
  - company: { id: acme, name: Acme HVAC, time_zone: America/Denver }
    incidents: { resolve_after_clean_polls: 3 }
    sources:
      - { id: fieldpro, type: files, path: acme/exports }
      - { id: quickbooks, type: quickbooks, realm_id: "111" }
  - company: { id: bravo, name: Bravo Plumbing }
    schedule: { poll: "*/2 * * * *" }
    channels: [ { type: console, name: bravo-ops } ]
    sources:
      - { id: fieldpro, type: files, path: bravo/exports }
      - { id: quickbooks, type: quickbooks, realm_id: "222" }
portfolio:
  name: Northwind Home Services Group
  digest: { schedule: "0 9 * * 1" }
`;

describe('a deployment file', () => {
  it('reads a file without companies: as a deployment of one, unchanged', async () => {
    const loaded = await load('company: { name: Solo }\nsources: [ { id: fieldpro, type: files, path: exports } ]\n');
    if (!loaded.ok) throw new Error(loaded.errors.map(formatError).join('\n'));
    expect(loaded.value.many).toBe(false);
    expect(loaded.value.companies.map((c) => c.config.company)).toEqual([
      { id: 'default', name: 'Solo', time_zone: 'America/Chicago', close_day: 5 },
    ]);
    expect(loaded.value.portfolio).toBeNull();
  });

  it('merges the defaults under each company, a company list replacing the default list', async () => {
    const loaded = await load(TWO);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatError).join('\n'));
    const [acme, bravo] = loaded.value.companies.map((c) => c.config);
    expect(acme!.schedule.poll).toBe('*/10 * * * *');
    expect(bravo!.schedule.poll).toBe('*/2 * * * *');
    expect(acme!.incidents).toMatchObject({ notify_low: true, resolve_after_clean_polls: 3 });
    expect(bravo!.incidents).toMatchObject({ notify_low: true, resolve_after_clean_polls: 2 });
    expect(acme!.channels.map((c) => c.name)).toEqual(['ops']);
    expect(bravo!.channels.map((c) => c.name)).toEqual(['bravo-ops']);
    expect(loaded.value.storage).toEqual({ sqlite: 'data/all.db' });
    expect(loaded.value.portfolio).toMatchObject({ name: 'Northwind Home Services Group', digest: { schedule: '0 9 * * 1' } });
    expect(loaded.value.instance.max_concurrent_polls).toBe(2);
  });

  it('reads an included company with its paths relative to the included file', async () => {
    await write(
      'companies/charlie.yaml',
      'company: { id: charlie }\nrules: [rules/charlie.yaml]\nsources: [ { id: f, type: files, path: exports } ]\n',
    );
    const loaded = await load(`companies:\n  - include: companies/charlie.yaml\n`);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatError).join('\n'));
    expect(loaded.value.companies[0]!.baseDir).toBe(join(dir, 'companies'));
    expect(loaded.value.companies[0]!.config.rules).toEqual(['rules/charlie.yaml']);
  });

  it('places an error in the company entry at its line, and one from the defaults at the defaults', async () => {
    expect(await errorsOf(TWO.replace('close_day', 'x').replace('time_zone: America/Denver', 'time_zone: Mars/Base'))).toEqual([
      expect.stringMatching(/^sync-sentinel\.yaml:8:\d+: .*time_zone/),
    ]);
    const errors = await errorsOf(TWO.replace('notify_low: true', 'notify_low: often'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^sync-sentinel\.yaml:5:\d+: .*notify_low/);
  });

  it('places an error in an included company in the included file', async () => {
    await write('companies/delta.yaml', 'company: { id: delta }\nsources:\n  - { id: f, type: filez, path: exports }\n');
    const loaded = await load(`companies:\n  - include: companies/delta.yaml\n`);
    expect(loaded.ok ? [] : loaded.errors.map((e) => `${e.file.replace(`${dir}/`, '')}:${e.line}`)).toEqual(['companies/delta.yaml:3']);
  });

  it('refuses an include that does not exist, at the include line', async () => {
    const errors = await errorsOf(`companies:\n  - include: companies/nobody.yaml\n`);
    expect(errors).toEqual([expect.stringMatching(/^sync-sentinel\.yaml:2:\d+: include: .*nobody\.yaml.*does not exist/)]);
  });

  it('refuses two companies with one id, naming both places', async () => {
    const errors = await errorsOf(TWO.replace('id: bravo', 'id: acme'));
    expect(errors).toEqual([
      expect.stringMatching(/^sync-sentinel\.yaml:13:\d+: company id "acme" is already used by the company at .*sync-sentinel\.yaml:8:\d+/),
    ]);
  });

  it('refuses a company whose id is portfolio, which the portfolio digest keeps its deliveries under', async () => {
    const errors = await errorsOf(TWO.replace('id: bravo', 'id: portfolio'));
    expect(errors).toEqual([expect.stringMatching(/^sync-sentinel\.yaml:13:20: company id "portfolio" is reserved: the portfolio digest/)]);
  });

  it('refuses two companies on one QuickBooks realm, naming both', async () => {
    const errors = await errorsOf(TWO.replace('realm_id: "222"', 'realm_id: "111"'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^sync-sentinel\.yaml:18:\d+: QuickBooks realm 111 is already watched by company "acme" \(.*sync-sentinel\.yaml:12:\d+\)/,
      ),
    ]);
  });

  it('refuses one channel name set two ways, since a channel name means one chat channel', async () => {
    const text = TWO.replace('{ type: console, name: ops }', '{ type: slack, name: ops, channel_id: C0000000001 }').replace(
      '{ type: console, name: bravo-ops }',
      '{ type: slack, name: ops, channel_id: C0000000002 }',
    );
    expect(await errorsOf(text)).toEqual([
      expect.stringMatching(
        /^sync-sentinel\.yaml:15:\d+: channel "ops" of company "bravo" is set differently from channel "ops" of company "acme" \(.*:6:\d+\)/,
      ),
    ]);
  });

  it('asks every company for its own id', async () => {
    const errors = await errorsOf(TWO.replace('id: bravo, ', ''));
    expect(errors).toEqual([expect.stringMatching(/^sync-sentinel\.yaml:13:\d+: a company in a deployment needs its own company\.id/)]);
  });

  it('refuses storage: inside a company', async () => {
    const errors = await errorsOf(TWO.replace('    schedule: { poll: "*/2', '    storage: { sqlite: b.db }\n    schedule: { poll: "*/2'));
    expect(errors).toEqual([expect.stringMatching(/^sync-sentinel\.yaml:14:5: storage: is set once for the whole deployment/)]);
  });
});
