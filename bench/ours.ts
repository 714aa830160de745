// Our engine on records already in memory: reconcile + every default rule, in a process of its own so
// that its peak RSS is its own. Usage: node --expose-gc --import tsx bench/ours.ts N
// Prints one JSON line (OursResult) on stdout.
import type { EvalContext } from '../src/evaluate/context';
import { evaluateRules } from '../src/evaluate/evaluate';
import { reconcile } from '../src/trace/reconcile';
import { generate, type Anomaly } from './generate';
import { collect, emit, progress, rss, startStage } from './measure';
import { defaultRules, healthySources, matchingConfig, NOW_MS, PREFERENCES } from './setup';

export interface OursResult {
  n: number;
  records: number;
  genMs: number;
  /** RSS with the generated records held and garbage collected: the floor before our run. */
  rssRecords: number;
  heapRecords: number;
  reconcileMs: number;
  evaluateMs: number;
  runMs: number;
  peakRss: number;
  hwmRss: number | null;
  maxRss: number;
  findings: number;
  counts: Record<string, number>;
  injected: Record<Anomaly, number>;
}

const n = Number(process.argv[2] ?? 10_000);
const t0 = performance.now();
const data = generate(n);
const genMs = performance.now() - t0;
progress(`ours N=${n}: generated ${data.records.length.toLocaleString('en-US')} records in ${Math.round(genMs)} ms`);

// Everything that is not the run itself (parsing rules and config) happens before the clock starts.
const rules = defaultRules();
const matching = matchingConfig();
const health = healthySources(data.records.length);
collect();
const rssRecords = rss();
const heapRecords = process.memoryUsage().heapUsed;

const stop = await startStage();
const t1 = performance.now();
const recon = reconcile(data.records, matching);
const t2 = performance.now();
const ctx: EvalContext = {
  now: new Date(NOW_MS),
  nowMs: NOW_MS,
  recon,
  prefs: PREFERENCES,
  health,
  problems: [],
  sourceNames: new Map([['fsm', 'FieldPro export']]),
};
const findings = evaluateRules(rules, ctx, matching);
const t3 = performance.now();
const peak = await stop();

const counts: Record<string, number> = Object.fromEntries(rules.map((r) => [r.id, 0]));
for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
progress(
  `ours N=${n}: reconcile ${Math.round(t2 - t1)} ms, evaluate ${Math.round(t3 - t2)} ms, ${findings.length} findings, peak ${Math.round(peak.peak / 2 ** 20)} MB`,
);

const result: OursResult = {
  n,
  records: data.records.length,
  genMs,
  rssRecords,
  heapRecords,
  reconcileMs: t2 - t1,
  evaluateMs: t3 - t2,
  runMs: t3 - t1,
  peakRss: peak.peak,
  hwmRss: peak.hwm ?? null,
  maxRss: peak.maxRss,
  findings: findings.length,
  counts,
  injected: data.injected,
};
emit(result);
