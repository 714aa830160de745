import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRuleFiles } from '../../src/rules/check';
import { loadRuleFiles } from '../../src/rules/load-files';

const fixtures = new URL('../fixtures/rules/', import.meta.url);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentinel-rules-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copyFixture(name: string, as: string): Promise<string> {
  const target = join(dir, as);
  await writeFile(target, await readFile(new URL(name, fixtures), 'utf8'));
  return target;
}

describe('loadRuleFiles', () => {
  it('reads the .yaml and .yml files of a folder in name order and skips the rest', async () => {
    await copyFixture('duplicate-across-b.yaml', 'b.yml');
    await copyFixture('duplicate-across-a.yaml', 'a.yaml');
    await writeFile(join(dir, 'notes.txt'), 'not rules');
    await mkdir(join(dir, 'old'));

    const loaded = await loadRuleFiles([dir]);

    expect(loaded.files).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yml')]);
    // The repeated id is reported in b.yml: a.yaml was read first although written last.
    expect(loaded.ok ? [] : loaded.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      `${join(dir, 'b.yml')}: rule id "late-invoice" is already defined at ${join(dir, 'a.yaml')}:2:9`,
    ]);
  });

  it('names a path that does not exist', async () => {
    const missing = join(dir, 'nope.yaml');
    const loaded = await loadRuleFiles([missing]);
    expect(loaded).toEqual({
      ok: false,
      files: [],
      errors: [{ file: missing, line: 1, col: 1, message: 'this file does not exist', hint: 'check the path for typos' }],
    });
  });

  it('rejects a folder without rules files rather than running no rules', async () => {
    const loaded = await loadRuleFiles([dir]);
    expect(loaded.ok ? [] : loaded.errors.map((e) => e.message)).toEqual(['this folder has no .yaml or .yml files']);
  });
});

describe('checkRuleFiles', () => {
  it('counts the rules and names the files when all is well', async () => {
    const good = await copyFixture('good.yaml', 'good.yaml');
    expect(await checkRuleFiles([good])).toEqual({ ok: true, output: `3 rules OK in ${good}`, ruleCount: 3 });
  });

  it('lists every error, one line each', async () => {
    const bad = await copyFixture('many-errors.yaml', 'bad.yaml');
    const missing = join(dir, 'gone.yaml');
    const check = await checkRuleFiles([bad, missing]);
    expect(check.ok).toBe(false);
    expect(check.ruleCount).toBe(0);
    expect(check.output.split('\n')).toHaveLength(8);
    expect(check.output.split('\n')[0]).toBe(`${missing}:1:1: this file does not exist — check the path for typos`);
  });
});
