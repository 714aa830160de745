// The incremental engine at scale: one full poll that builds the engine's state, then polls with 0,
// 1,000 and 10,000 changed records (edited amounts and numbers, deletions, new invoices). Each poll's
// findings are compared with a plain full reconcile + evaluate of the same records, whose time is the
// yardstick. Usage: node --expose-gc --import tsx bench/incremental.ts N — one JSON line on stdout.
import type { CanonicalRecord, EntityKind } from '../src/domain/records';
import { Engine, finish, type EngineInput, type SourceChanges } from '../src/engine/engine';
import type { EvalContext } from '../src/evaluate/context';
import { evaluateRuleSet } from '../src/evaluate/evaluate';
import { historyStart } from '../src/evaluate/history-start';
import { reconcile } from '../src/trace/reconcile';
import { generate, prng } from './generate';
import type { IncrementalResult } from './incremental-table';
import { collect, emit, progress, startStage } from './measure';
import { defaultRules, healthySources, matchingConfig, NOW_MS, PREFERENCES } from './setup';

export interface IncrementalRow {
  changes: number;
  ms: number;
  mode: string;
  judged: number;
  /** The plain full reconcile + evaluate of the same records. */
  fullMs: number;
  findings: number;
  equal: boolean;
}

const n = Number(process.argv[2] ?? 10_000);
const data = generate(n);
let records: CanonicalRecord[] = data.records;
const rules = defaultRules();
const matching = matchingConfig();
const sourceNames = new Map([['fsm', 'FieldPro export']]);
// The incremental path needs a configured history start (an inferred one moves with the data).
const HISTORY_FROM = '2000-01-01';

function inputAt(nowMs: number, changes: SourceChanges[] | undefined): EngineInput {
  return {
    companyId: 'bench',
    rules,
    matching,
    historyFrom: HISTORY_FROM,
    timeZone: 'America/Chicago',
    sourceNames,
    prefs: PREFERENCES,
    health: healthySources(records.length),
    problems: [],
    now: new Date(nowMs),
    revision: 0,
    changes,
    loadRecords: () => Promise.resolve(records),
  };
}

function plainFull(input: EngineInput): { ms: number; keys: string } {
  const t = performance.now();
  const recon = reconcile(records, matching);
  const history = historyStart(recon, HISTORY_FROM, input.timeZone);
  const ctx: EvalContext = {
    now: input.now,
    nowMs: input.now.getTime(),
    recon,
    prefs: PREFERENCES,
    health: input.health,
    problems: [],
    sourceNames,
    ...(history ? { history } : {}),
  };
  const findings = finish(rules, evaluateRuleSet(rules, ctx, matching).findings);
  const ms = performance.now() - t;
  return { ms, keys: JSON.stringify(findings) };
}

/** Edits `count` random invoices and payments the way a busy day does, as new objects (the store hands back copies). */
function mutate(count: number, seed: number): SourceChanges[] {
  const rand = prng(seed);
  const bySource = new Map<
    string,
    { source: string; upserted: CanonicalRecord[]; deleted: Array<{ entity: EntityKind; sourceId: string }> }
  >();
  const of = (source: string) => {
    let c = bySource.get(source);
    if (!c) bySource.set(source, (c = { source, upserted: [], deleted: [] }));
    return c;
  };
  const gone = new Set<number>();
  const added: CanonicalRecord[] = [];
  for (let done = 0; done < count;) {
    const i = Math.floor(rand() * records.length);
    const r = records[i]!;
    if (gone.has(i) || (r.entity !== 'invoice' && r.entity !== 'payment')) continue;
    done++;
    const roll = rand();
    if (roll < 0.1) {
      gone.add(i);
      of(r.source).deleted.push({ entity: r.entity, sourceId: r.sourceId });
    } else if (roll < 0.2 && r.entity === 'invoice') {
      const copy: CanonicalRecord = { ...r, sourceId: `${r.sourceId}-new${done}`, number: `${r.number ?? ''}N${done}` };
      added.push(copy);
      of(r.source).upserted.push(copy);
    } else {
      const copy: CanonicalRecord =
        r.entity === 'invoice'
          ? { ...r, totalCents: r.totalCents + 100, updatedAt: new Date(NOW_MS).toISOString() }
          : { ...r, amountCents: r.amountCents + 100 };
      records[i] = copy;
      of(r.source).upserted.push(copy);
    }
  }
  records = [...records.filter((_, i) => !gone.has(i)), ...added];
  return [...bySource.values()];
}

const engine = new Engine({ fullEveryPolls: 1_000, fullEveryMs: 30 * 86_400_000, maxSubsetShare: 0.25 });
collect();
const stop = await startStage();
let t = performance.now();
const first = await engine.run(inputAt(NOW_MS, []));
const firstPollMs = performance.now() - t;
const peak = await stop();
first.keep(0);
progress(
  `incremental N=${n}: first (full) poll ${Math.round(firstPollMs)} ms, ${first.findings.length} findings, peak ${Math.round(peak.peak / 2 ** 20)} MB`,
);

const rows: IncrementalRow[] = [];
let nowMs = NOW_MS;
for (const count of [0, 1_000, 10_000]) {
  nowMs += 5 * 60_000;
  const changes = mutate(count, 1000 + count);
  const input = inputAt(nowMs, changes);
  // The garbage of the run before is not this poll's cost.
  collect();
  t = performance.now();
  const result = await engine.run(input);
  const ms = performance.now() - t;
  result.keep(0);
  collect();
  const full = plainFull(input);
  const equal = JSON.stringify(result.findings) === full.keys;
  rows.push({ changes: count, ms, mode: result.mode, judged: result.judged, fullMs: full.ms, findings: result.findings.length, equal });
  progress(
    `incremental N=${n}: ${count} changes: ${result.mode}${result.reason ? ` (${result.reason})` : ''} ${Math.round(ms)} ms, ${result.judged} judged, vs full ${Math.round(full.ms)} ms, equal: ${equal}`,
  );
  collect();
}
const out: IncrementalResult = { n, records: data.records.length, firstPollMs, firstPollPeakRss: peak.peak, rows };
emit(out);
