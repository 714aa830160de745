// Our engine on records already in memory: reconcile + every default rule. Run in its own process
// so its peak RSS is its own. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configSchema } from '../src/config/schema';
import { evaluateRules } from '../src/evaluate/evaluate';
import type { SourceHealth } from '../src/ports/store';
import { rulesFileSchema } from '../src/rules/schema';
import { reconcile } from '../src/trace/reconcile';
import { generate } from './generate';

const n = Number(process.argv[2] ?? 10_000);
const now = Date.parse('2026-11-18T15:00:00Z');
const t0 = performance.now();
const data = generate(n, now);
const genMs = performance.now() - t0;
globalThis.gc?.();
const rules = rulesFileSchema.parse(parse(readFileSync(new URL('../rules/default.yaml', import.meta.url), 'utf8'))).rules;
const config = configSchema.parse({ sources: [{ id: 'quickbooks', type: 'quickbooks' }], matching: { invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }], payment: [{ by: 'private_note', pattern: 'FieldPro payment (?<id>\\S+)' }, { by: 'reference' }] } });
const health: SourceHealth[] = ['fsm', 'quickbooks'].map((id) => ({ sourceId: id, side: id === 'fsm' ? 'upstream' : 'quickbooks', lastOkAt: new Date(now).toISOString(), lastErrorAt: null, lastError: null, consecutiveFailures: 0, newestRecordAt: new Date(now).toISOString(), recordCount: n, cursor: null }));
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t1 = performance.now();
const recon = reconcile(data.records, config.matching);
const t2 = performance.now();
const findings = evaluateRules(rules, { now: new Date(now), nowMs: now, recon, prefs: { classTracking: 'transaction', trackLocations: true, locationTerm: 'Location' }, health, problems: [], sourceNames: new Map() }, config.matching);
const t3 = performance.now();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const counts: Record<string, number> = {};
for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({ n, records: data.records.length, genMs, reconcileMs: t2 - t1, evaluateMs: t3 - t2, runMs: t3 - t1, peakRss: peak, counts, injected: data.injected })}\n`);
