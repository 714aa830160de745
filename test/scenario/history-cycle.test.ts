// The first polls of a company whose QuickBooks sync started six months ago, with three years in its
// field tool, through the whole cycle: read, store, evaluate, incidents, notifications.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';
import { DEFAULT_RULES } from '../../src/app/paths';
import { configSchema } from '../../src/config/schema';
import { runCycle } from '../../src/cycle/run-cycle';
import type { CanonicalRecord, Side } from '../../src/domain/records';
import { silentLogger } from '../../src/ports/logger';
import type { SourcePort } from '../../src/ports/source';
import { loadRuleFiles } from '../../src/rules/load-files';
import { HOUR, NOW } from '../builders/clock';
import { aCompanyWithHistory, ZONE } from '../builders/history';
import { QUICKBOOKS, somePreferences, UPSTREAM } from '../builders/records';

let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** A source that hands over everything it holds on each read, as a full export does. */
function holding(id: string, side: Side, displayName: string, records: CanonicalRecord[]): SourcePort {
  return {
    id,
    side,
    displayName,
    read: async () => ({ mode: 'full', records, problems: [], ...(side === 'quickbooks' ? { preferences: somePreferences() } : {}) }),
  };
}

async function firstPolls(company: Record<string, unknown>, incidents: Record<string, unknown>) {
  const records = aCompanyWithHistory({ syncSince: '2025-09-01', years: 3 });
  const config = configSchema.parse({
    company: { id: 'hist', time_zone: ZONE, ...company },
    sources: [{ id: QUICKBOOKS, type: 'quickbooks' }],
    matching: {
      invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
      payment: [{ by: 'private_note', pattern: 'FieldPro payment (?<id>\\S+)' }, { by: 'reference' }],
    },
    incidents,
  });
  const rules = await loadRuleFiles([DEFAULT_RULES]);
  if (!rules.ok) throw new Error('shipped rules do not load');
  store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-history-')), 'sentinel.db'));
  const sources = [
    holding(
      UPSTREAM,
      'upstream',
      'FieldPro export',
      records.filter((r) => r.side === 'upstream'),
    ),
    holding(
      QUICKBOOKS,
      'quickbooks',
      'QuickBooks Online',
      records.filter((r) => r.side === 'quickbooks'),
    ),
  ];
  let now = NOW;
  const cycle = () =>
    runCycle({ config, rules: rules.rules, sources, store: store!, channels: ['console'], now: () => now, log: silentLogger });
  const first = await cycle();
  now = new Date(NOW.getTime() + HOUR);
  const second = await cycle();
  return { first, second };
}

describe('the first polls of a company with years of history from before its sync', () => {
  it('open one low incident for the backlog, to monitor, and post nothing while notify_low is off', async () => {
    const { first, second } = await firstPolls({}, { notify_low: false });

    const opened = first.changes.map((c) => c.after);
    expect(opened.map((i) => i.ruleId)).toEqual(['history-backlog']);
    expect(opened[0]!.findings).toHaveLength(1);
    expect(opened[0]!.classification.severity).toBe('low');
    expect(opened[0]!.classification.action).toBe('monitor');
    expect(first.planned).toBe(0);
    // Polled again an hour later: the same incident, nothing new.
    expect(second.findings.map((f) => f.key)).toEqual(first.findings.map((f) => f.key));
    expect(second.planned).toBe(0);
  }, 60_000);

  it('post the backlog as one message when low incidents go to chat', async () => {
    const { first, second } = await firstPolls({}, { notify_low: true });

    expect(first.changes.map((c) => c.after.ruleId)).toEqual(['history-backlog']);
    expect(first.planned).toBe(1);
    expect(second.planned).toBe(0);
  }, 60_000);

  it('open nothing at all once company.history_from is set', async () => {
    const { first } = await firstPolls({ history_from: '2025-09-01' }, { notify_low: true });

    expect(first.findings).toEqual([]);
    expect(first.changes).toEqual([]);
    expect(first.planned).toBe(0);
  }, 60_000);
});
