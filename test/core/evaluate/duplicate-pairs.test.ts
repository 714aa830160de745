import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { fillerCustomers, labelledPairs, type LabelledPair, type PairCase } from '../../builders/customer-pairs';

const HARD_NEGATIVES: PairCase[] = [
  'household',
  'father and son',
  'property manager',
  'similar given names',
  'common surname',
  'shared business phone',
];

/** Runs the shipped duplicate-customer rule over one company holding every labelled pair and filler customers. */
function score(seed: number) {
  const pairs = labelledPairs(seed);
  const records = [...pairs.flatMap((p) => [p.a, p.b]), ...fillerCustomers(seed, 300)];
  const findings = evaluate('duplicate-customer', { records });
  const found = new Set<string>();
  for (const f of findings) {
    const ids = [f.subject.sourceId, ...f.related.map((r) => r.sourceId)];
    for (const x of ids) for (const y of ids) if (x < y) found.add(`${x}+${y}`);
  }
  const keyOf = (p: LabelledPair) => [p.a.sourceId, p.b.sourceId].sort().join('+');
  const labelled = new Set(pairs.map(keyOf));
  const tp = pairs.filter((p) => p.duplicate && found.has(keyOf(p)));
  const fn = pairs.filter((p) => p.duplicate && !found.has(keyOf(p)));
  const falseLabelled = pairs.filter((p) => !p.duplicate && found.has(keyOf(p)));
  // Any pair found outside the labels (across pairs or filler) is false too.
  const falseOther = [...found].filter((k) => !labelled.has(k));
  const fp = falseLabelled.length + falseOther.length;
  const precision = tp.length / Math.max(1, tp.length + fp);
  const recall = tp.length / Math.max(1, tp.length + fn.length);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { pairs, tp, fn, falseLabelled, falseOther, precision, recall, f1, records: records.length };
}

describe('duplicate customers on a labelled set of pairs (seeded; positives and hard negatives)', () => {
  for (const seed of [11, 2026, 90_210]) {
    it(`reaches F1 ≥ 0.95 with no hard negative paired (seed ${seed})`, () => {
      const r = score(seed);
      const positives = r.pairs.filter((p) => p.duplicate).length;
      console.log(
        `duplicate-customer seed ${seed}: ${r.pairs.length} labelled pairs (${positives} duplicates) among ${r.records} customers — ` +
          `precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, F1 ${r.f1.toFixed(3)}; ` +
          `missed: ${r.fn.map((p) => `${p.case}: ${p.a.displayName} / ${p.b.displayName}`).join('; ') || 'none'}`,
      );

      expect(r.pairs.length).toBeGreaterThanOrEqual(120);
      expect(
        r.falseLabelled.filter((p) => HARD_NEGATIVES.includes(p.case)).map((p) => `${p.case}: ${p.a.displayName} / ${p.b.displayName}`),
      ).toEqual([]);
      expect(r.falseOther).toEqual([]);
      expect(r.f1).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('covers every case with labelled pairs', () => {
    const cases = new Set(labelledPairs(11).map((p) => p.case));

    expect([...cases].sort()).toEqual(
      [
        'transposed letters',
        'first-letter typo',
        'dropped letter',
        'company form',
        'ampersand',
        'last, first',
        'nickname',
        'middle initial',
        'same name again',
        'moved house',
        ...HARD_NEGATIVES,
      ].sort(),
    );
  });
});
