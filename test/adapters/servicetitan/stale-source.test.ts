import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { createServiceTitanSource } from '../../../adapters/servicetitan/source';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import { startServiceTitanSandbox, type ServiceTitanSandbox } from '../../../adapters/vendor-sandboxes/servicetitan/server';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { configSchema, sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import { runCycle } from '../../../src/cycle/run-cycle';
import { silentLogger } from '../../../src/ports/logger';
import { loadRuleFiles } from '../../../src/rules/load-files';

let sandbox: ServiceTitanSandbox | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await sandbox?.close();
  await store?.close();
});

describe('a ServiceTitan outage in the poll', () => {
  it('becomes a stale-source finding naming ServiceTitan and the cause, while the other source is still read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-stale-'));
    mkdirSync(path.join(dir, 'card'));
    writeFileSync(path.join(dir, 'card', 'payments.csv'), 'id,reference,amount,date\nch_1,ch_1,10.00,2026-11-20\n');
    sandbox = await startServiceTitanSandbox({
      world: generateWorld({ jobs: 10 }),
      tenant: '7',
      clientId: 'c',
      clientSecret: 's',
      appKey: 'k',
    });
    const st = createServiceTitanSource({
      id: 'st',
      displayName: 'ServiceTitan',
      tenant: '7',
      apiUrl: sandbox.apiUrl,
      tokenUrl: sandbox.tokenUrl,
      clientId: 'c',
      clientSecret: 's',
      appKey: 'k',
      timeZone: 'America/Chicago',
      locationFrom: 'division',
      retries: 1,
      minRetryMs: 10,
    });
    const card = createFilesSource(sourceSchema.parse({ id: 'card', type: 'files', path: 'card' }) as FilesSourceConfig, {
      baseDir: dir,
      timeZone: 'America/Chicago',
    });
    store = openSqliteStore(path.join(dir, 'sentinel.db'));
    const config = configSchema.parse({ company: { id: 'acme' }, sources: [{ id: 'card', type: 'files', path: 'card' }] });
    const rules = await loadRuleFiles([DEFAULT_RULES]);
    if (!rules.ok) throw new Error('shipped rules do not load');
    let now = new Date('2026-11-20T15:00:00Z');
    const cycle = () =>
      runCycle({
        config,
        rules: rules.rules,
        sources: [st, card],
        store: store!,
        channels: ['console'],
        now: () => now,
        log: silentLogger,
      });

    const first = await cycle();
    expect(first.pollRun.ok).toBe(true);

    // The tenant admin revokes the app: every call is refused from now on.
    sandbox.revokeTokens();
    sandbox.injectFault({ status: 401 }, 1_000);
    now = new Date('2026-11-20T18:30:00Z');
    const second = await cycle();
    expect(second.pollRun.ok).toBe(false);
    expect(second.pollRun.sources['card']).toMatch(/^ok · 1 file, 1 row/);
    expect(second.pollRun.sources['st']).toMatch(/^failed · servicetitan: HTTP 401/);
    const stale = second.findings.filter((f) => f.ruleId === 'stale-source');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.summary).toMatch(
      /^ServiceTitan has not answered for \d+ ?h.*: servicetitan: HTTP 401 .* reconnect the app or set fresh credentials/,
    );
    // The invoices read before the outage are kept: nothing is concluded from their absence.
    expect(second.pollRun.recordCount).toBe(first.pollRun.recordCount);
  });
});
