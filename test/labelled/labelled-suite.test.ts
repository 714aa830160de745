// The labelled scenario suite: the real product, booted on a generated company that this suite
// (not the demo) wrote, must find every injected catalogue failure, raise nothing a label does not
// explain, stay silent on every legitimate situation, and land each first occurrence where the
// catalogue says. Prints a table per scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SizeName } from './model';
import { runScenario, type ScenarioRun } from './run';
import { buildScenario, type Variant } from './scenario';
import { formatScore, score, type Score } from './score';

const RUNS: Array<[Variant, number, SizeName]> = [
  ['clean', 7, 'small'],
  ['labelled', 1, 'small'],
  ['labelled', 2, 'medium'],
  ['labelled', 3, 'large'],
  ['history-configured', 4, 'small'],
  ['history-inferred', 5, 'small'],
  ['class-tracking-unused', 6, 'small'],
  ['clean-servicetitan', 8, 'small'],
  ['clean-jobber', 9, 'small'],
  ['clean-housecallpro', 10, 'small'],
];
if (process.env['PROOF_LONG'] === '1') {
  RUNS.push(
    ['labelled', 11, 'huge'],
    ['labelled', 12, 'large'],
    ['history-configured', 13, 'large'],
    ['history-inferred', 14, 'large'],
    ['class-tracking-unused', 15, 'medium'],
  );
}

const tables: string[] = [];
afterAll(() => console.log(`\nLabelled scenario suite\n${tables.join('\n')}\n`));

describe.each(RUNS)('the %s company (seed %i, %s)', (variant, seed, size) => {
  const scenario = buildScenario(variant, seed, size);
  let run: ScenarioRun;
  let result: Score;

  beforeAll(async () => {
    run = await runScenario(scenario);
    result = score({ labels: scenario.labels, negatives: scenario.negatives, findings: run.findings, incidents: run.incidents });
    tables.push(run.bootError ? `── ${scenario.name}\n   did not start: ${run.bootError}` : formatScore(scenario.name, result));
  }, 120_000);

  /** A product that refused to start found nothing: no score may pass on that. */
  const scored = (): Score => {
    expect(run.bootError).toBeUndefined();
    return result;
  };

  it('starts on the config a user would write for this company', () => {
    expect(run.bootError).toBeUndefined();
  });

  it('finds every labelled failure (recall 100%)', () => {
    expect(scored().missed.map((l) => `row ${l.row} ${l.ruleId}: ${l.note}`)).toEqual([]);
  });

  it('raises findings a label explains, at least 99 in 100', () => {
    const extra = scored().falsePositives.map((f) => `${f.ruleId} [${f.situation}] ${f.summary}`);
    expect(result.precision, extra.slice(0, 30).join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('says nothing about any legitimate situation', () => {
    const situations = new Set(scenario.negatives.map((n) => n.situation));
    const hit = Object.entries(scored().fpBySituation).filter(([s]) => situations.has(s));
    expect(Object.fromEntries(hit)).toEqual({});
  });

  it('lands each first occurrence where the catalogue says', () => {
    expect(
      scored()
        .classification.filter((c) => !c.ok)
        .map((c) => `${c.label} (${c.ruleId}): expected ${c.expected}, got ${c.got}`),
    ).toEqual([]);
  });

  if (variant === 'labelled') {
    it('labels every catalogue row and keeps hard negatives apart from labels', () => {
      expect(new Set(scenario.labels.map((l) => l.row).filter((r) => r > 0))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 1)));
      const labelled = new Set(scenario.labels.flatMap((l) => l.records));
      expect(scenario.negatives.flatMap((n) => n.records).filter((k) => labelled.has(k))).toEqual([]);
    });
  }
});
