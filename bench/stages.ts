// Where our run spends its time, stage by stage: reconcile per entity and as a whole, then each
// default rule on its own, with the garbage collection that fell inside each stage. Not part of
// `npm run bench`; run it after a change in src/ to see which stage moved:
//   node --expose-gc --max-old-space-size=12288 --import tsx bench/stages.ts 1000000
import { PerformanceObserver } from 'node:perf_hooks';
import type { EvalContext } from '../src/evaluate/context';
import { evaluateRules } from '../src/evaluate/evaluate';
import { reconcile } from '../src/trace/reconcile';
import { generate } from './generate';
import { collect } from './measure';
import { defaultRules, healthySources, matchingConfig, NOW_MS, PREFERENCES } from './setup';

const n = Number(process.argv[2] ?? 100_000);
const { records } = generate(n);
const rules = defaultRules();
const matching = matchingConfig();

// GC entries arrive asynchronously; each is charged to the stage whose time window it started in.
const gcs: Array<{ start: number; ms: number }> = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push({ start: e.startTime, ms: e.duration }))).observe({
  entryTypes: ['gc'],
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const lines: string[] = [];

async function stage<T>(name: string, work: () => T): Promise<T> {
  await settle();
  const t = performance.now();
  const result = work();
  const ms = performance.now() - t;
  await settle();
  const gc = gcs.filter((g) => g.start >= t && g.start < t + ms).reduce((s, g) => s + g.ms, 0);
  lines.push(`${name.padEnd(34)} ${String(Math.round(ms)).padStart(7)} ms   (gc ${Math.round(gc)} ms)`);
  return result;
}

collect();
const heapRecords = process.memoryUsage().heapUsed;
for (const entity of ['invoice', 'payment', 'customer'] as const) {
  const only = records.filter((r) => r.entity === entity);
  await stage(`reconcile, ${entity}s only`, () => reconcile(only, matching));
}
const recon = await stage('reconcile, all records', () => reconcile(records, matching));
collect();
const heapRecon = process.memoryUsage().heapUsed;
const ctx: EvalContext = {
  now: new Date(NOW_MS),
  nowMs: NOW_MS,
  recon,
  prefs: PREFERENCES,
  health: healthySources(records.length),
  problems: [],
  sourceNames: new Map(),
};
for (const rule of rules) await stage(`rule ${rule.id}`, () => evaluateRules([rule], ctx, matching));

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
process.stdout.write(
  `N=${n}: ${records.length} records, heap ${mb(heapRecords)}; reconcile keeps ${mb(heapRecon - heapRecords)} more\n${lines.join('\n')}\n`,
);
