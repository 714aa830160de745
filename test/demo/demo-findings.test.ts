// The demo's `expected` list is a promise about the real checker: run the whole service (file
// exports, QuickBooks sandbox, shipped rules) over companies other than the default one and hold
// it to exactly that list. The default seed and date are covered by test/scenario.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo, writeDemo } from '../../demo/generate';
import { startDemo } from '../scenario/harness';

describe('the findings the demo promises', () => {
  it.each([
    ['another seed', '2026-11-18T15:00:00Z', 11],
    ['a summer date (daylight saving time)', '2026-07-01T22:59:00Z', 12],
    ['the week daylight saving ends', '2026-11-02T06:30:00Z', 13],
  ])(
    'are exactly what the service raises, for %s',
    async (_what, iso, seed) => {
      const now = new Date(iso);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-demo-'));
      const demo = generateDemo({ now, seed });
      // Written first, the service's embedded default finds its demo folder and leaves it as is.
      writeDemo(path.join(dir, 'demo'), demo);
      const h = await startDemo(now, dir);
      try {
        const { findings } = (await h.service.runOnce()).cycle;
        const found = findings.map((f) => `${f.ruleId} ${f.subject.sourceId}`).sort();
        expect(found).toEqual(demo.expected.map((e) => `${e.ruleId} ${e.sourceId}`).sort());
      } finally {
        await h.close();
      }
    },
    60_000,
  );
});
