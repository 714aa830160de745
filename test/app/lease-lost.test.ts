import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';
import { createService } from '../../src/app/service';
import { configSchema } from '../../src/config/schema';
import { POLL_LEASE } from '../../src/cycle/poll-lease';
import type { SourcePort } from '../../src/ports/source';
import { NOW } from '../builders/clock';
import { anInvoice } from '../builders/records';
import { aRule } from '../builders/rules';
import { settled } from '../adapters/slack/requests';

let store: SqliteStore | undefined;
afterEach(async () => store?.close());

describe('a poll whose lease is taken over', () => {
  it('stops before writing what it read once a renewal finds the lease gone', async () => {
    store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-lease-lost-')), 'sentinel.db'));
    const s = store;
    const config = configSchema.parse({ company: { id: 'acme' }, sources: [{ id: 'fieldpro', type: 'files', path: 'x' }] });
    const warnings: string[] = [];
    let wall = NOW.getTime();
    // The source is slow: while it reads, another instance takes the company over (its lease looked expired).
    const source: SourcePort = {
      id: 'fieldpro',
      side: 'upstream',
      displayName: 'FieldPro export',
      async read() {
        const mine = await s.acquireLease('acme', POLL_LEASE, 'probe', new Date(wall).toISOString(), 3_000);
        if (mine.ok) throw new Error('the poll should hold the lease while it reads');
        wall += 10_000;
        const stolen = await s.acquireLease('acme', POLL_LEASE, 'other-host:1:abcd', new Date(wall).toISOString(), 3_000, mine.holder);
        expect(stolen.ok).toBe(true);
        await settled(() => warnings.some((w) => /taken over by another process/.test(w)));
        return { mode: 'full', records: [anInvoice()], problems: [] };
      },
    };
    const service = await createService({
      config,
      loadRules: async () => ({ ok: true, rules: [aRule('missing')] }),
      store: s,
      sources: [source],
      channels: [],
      log: { info() {}, error() {}, warn: (_o, msg) => warnings.push(msg) },
      now: () => NOW,
      wallNow: () => wall,
      leaseTtlMs: 3_000,
    });
    await expect(service.runOnce()).rejects.toMatchObject({ code: 'poll.lease_lost' });
    expect(await s.loadRecords('acme')).toEqual([]);
    expect(await s.lastPollRun('acme')).toBeNull();
  }, 30_000);
});
