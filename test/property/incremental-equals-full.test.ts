// The incremental engine must hand incident updating exactly what a full reconcile + evaluate gives.
// fast-check drives random edit sequences over a small company — invoices, payments, jobs, deposits
// and customers on both sides, amounts, numbers, dates and customers changed, duplicates made and
// removed, the clock moved past grace periods — and compares both after every poll.
// PROOF_LONG=1 runs many more sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalRecord, EntityKind } from '../../src/domain/records';
import { Engine, finish, type EngineInput, type SourceChanges } from '../../src/engine/engine';
import { evaluateRuleSet } from '../../src/evaluate/evaluate';
import { historyStart } from '../../src/evaluate/history-start';
import { reconcile } from '../../src/trace/reconcile';
import { DAY, HOUR, NOW } from '../builders/clock';
import { aMatching, aSourceHealth, SOURCE_NAMES } from '../builders/context';
import { anEdit, applyEdit, editArbitrary, type Edit } from '../builders/edits';
import { somePreferences } from '../builders/records';
import { shippedRules } from '../builders/rules';

const LONG = process.env['PROOF_LONG'] === '1';
const ZONE = 'America/Chicago';
const rules = shippedRules();
const matching = aMatching();

interface World {
  now: Date;
  /** The store: a JS Map keeps insertion order the way SQLite keeps rowids (a rewrite keeps its place). */
  records: Map<string, CanonicalRecord>;
  pending: Map<string, SourceChanges>;
  /** Since when the upstream export has failed to answer (its findings are held back once it is stale). */
  upstreamDownSince?: Date;
}

function inputOf(world: World, changes: SourceChanges[] | undefined): EngineInput {
  return {
    companyId: 'acme',
    rules,
    matching,
    historyFrom: '2020-01-01',
    timeZone: ZONE,
    sourceNames: SOURCE_NAMES,
    prefs: somePreferences(),
    health: [
      world.upstreamDownSince
        ? aSourceHealth('fieldpro', 'upstream', {
            lastOkAt: world.upstreamDownSince.toISOString(),
            lastErrorAt: world.now.toISOString(),
            lastError: { code: 'files.unreadable', reason: 'io', message: 'the export folder is gone' },
            consecutiveFailures: 3,
          })
        : aSourceHealth('fieldpro', 'upstream', { lastOkAt: world.now.toISOString() }),
      aSourceHealth('quickbooks', 'quickbooks', { lastOkAt: world.now.toISOString() }),
    ],
    problems: [],
    now: world.now,
    revision: 0,
    changes,
    loadRecords: () => Promise.resolve([...world.records.values()].map((r) => JSON.parse(JSON.stringify(r)) as CanonicalRecord)),
  };
}

/** Today's path: every stored record reconciled and every rule evaluated. */
function fullFindings(input: EngineInput, records: readonly CanonicalRecord[]) {
  const recon = reconcile(records, input.matching);
  const history = historyStart(recon, input.historyFrom, input.timeZone);
  const ctx = {
    now: input.now,
    nowMs: input.now.getTime(),
    recon,
    prefs: input.prefs,
    health: input.health,
    problems: input.problems,
    sourceNames: input.sourceNames,
    ...(history ? { history } : {}),
  };
  return finish(input.rules, evaluateRuleSet(input.rules, ctx, input.matching).findings);
}

function record(world: World, edit: Edit): void {
  const change = (source: string) => {
    let c = world.pending.get(source);
    if (!c) world.pending.set(source, (c = { source, upserted: [], deleted: [] }));
    return c as { source: string; upserted: CanonicalRecord[]; deleted: Array<{ entity: EntityKind; sourceId: string }> };
  };
  // As one read of the source reports it: the last word on each record, written or removed.
  for (const r of applyEdit(world.records, edit, world.now)) {
    const c = change(r.source);
    const same = (x: { entity: string; sourceId: string }) => x.entity === r.entity && x.sourceId === r.sourceId;
    c.upserted = c.upserted.filter((x) => !same(x));
    c.deleted = c.deleted.filter((x) => !same(x));
    if ('hash' in r) c.upserted.push(r);
    else c.deleted.push({ entity: r.entity, sourceId: r.sourceId });
  }
}

async function pollBoth(engine: Engine, world: World) {
  const input = inputOf(world, [...world.pending.values()]);
  world.pending.clear();
  const result = await engine.run(input);
  result.keep(0);
  const expected = fullFindings(input, await input.loadRecords());
  return { result, expected };
}

type Step = Edit | { op: 'advance'; hours: number } | { op: 'poll' } | { op: 'upstreamDown' } | { op: 'upstreamBack' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: editArbitrary },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 3, arbitrary: fc.constant({ op: 'poll' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ op: 'upstreamDown' as const }, { op: 'upstreamBack' as const }) },
);

describe('the incremental engine', () => {
  it(
    'gives the same findings as a full reconcile and evaluate after every poll of random edits',
    async () => {
      let incremental = 0;
      let heldBack = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }), async (steps) => {
          const engine = new Engine({ fullEveryPolls: 1_000, fullEveryMs: 365 * DAY, maxSubsetShare: 1 });
          const world: World = { now: NOW, records: new Map(), pending: new Map() };
          for (const step of [{ op: 'poll' as const }, ...steps, { op: 'poll' as const }]) {
            if (step.op === 'advance') world.now = new Date(world.now.getTime() + step.hours * HOUR);
            else if (step.op === 'upstreamDown') world.upstreamDownSince ??= world.now;
            else if (step.op === 'upstreamBack') delete world.upstreamDownSince;
            else if (step.op === 'poll') {
              const { result, expected } = await pollBoth(engine, world);
              if (result.mode === 'incremental') incremental++;
              if (result.mode === 'incremental' && result.findings.some((f) => f.suppressedBy)) heldBack++;
              expect(result.findings).toEqual(expected);
            } else record(world, step);
          }
        }),
        { numRuns: LONG ? 2_000 : 120, endOnFailure: false },
      );
      // The property means little if every poll fell back to the full path.
      expect(incremental).toBeGreaterThan(50);
      expect(heldBack).toBeGreaterThan(0);
    },
    LONG ? 60 * 60_000 : 60_000,
  );

  it('finds an invoice late when its grace period ends with nothing changed', async () => {
    const engine = new Engine({ fullEveryPolls: 1_000, fullEveryMs: 365 * DAY, maxSubsetShare: 1 });
    const world: World = { now: NOW, records: new Map(), pending: new Map() };
    await pollBoth(engine, world);
    record(world, anEdit({ op: 'upInvoice', k: 1, num: 1, cust: 0, cents: 20_000, daysAgo: 0, status: 'open' }));
    const first = await pollBoth(engine, world);
    expect(first.result.findings.filter((f) => f.ruleId === 'late-invoice')).toEqual([]);
    world.now = new Date(world.now.getTime() + 3 * DAY);
    const later = await pollBoth(engine, world);
    expect(later.result.mode).toBe('incremental');
    expect(later.result.findings.map((f) => f.key)).toEqual(later.expected.map((f) => f.key));
    expect(later.result.findings.some((f) => f.kind === 'late' || f.kind === 'missing')).toBe(true);
  });

  it('re-checks in full when the rules change', async () => {
    const engine = new Engine();
    const world: World = { now: NOW, records: new Map(), pending: new Map() };
    await pollBoth(engine, world);
    const edited = { ...inputOf(world, []), rules: rules.filter((r) => r.id !== 'late-invoice') };
    const result = await engine.run(edited);
    expect(result.mode).toBe('full');
    expect(result.reason).toBe('rules or config changed');
  });
});
