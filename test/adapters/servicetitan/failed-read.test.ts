import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceTitanSource } from '../../../adapters/servicetitan/source';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import { startServiceTitanSandbox, type ServiceTitanSandbox } from '../../../adapters/vendor-sandboxes/servicetitan/server';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { configSchema } from '../../../src/config/schema';
import { runCycle } from '../../../src/cycle/run-cycle';
import { silentLogger } from '../../../src/ports/logger';
import { loadRuleFiles } from '../../../src/rules/load-files';

let sandbox: ServiceTitanSandbox | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await sandbox?.close();
  await store?.close();
});

describe('a failed ServiceTitan read', () => {
  it('does not count as the clean poll that confirms a fix: the incident resolves only after a read that answers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-failed-read-'));
    const world = generateWorld({ jobs: 6 });
    sandbox = await startServiceTitanSandbox({ world, tenant: '7', clientId: 'c', clientSecret: 's', appKey: 'k' });
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
      retries: 0,
    });
    store = openSqliteStore(path.join(dir, 'sentinel.db'));
    // Two clean polls resolve an incident (the shipped default).
    const config = configSchema.parse({ company: { id: 'acme' }, sources: [{ id: 'card', type: 'files', path: 'card' }] });
    const rules = await loadRuleFiles([DEFAULT_RULES]);
    if (!rules.ok) throw new Error('shipped rules do not load');
    let now = new Date('2026-11-20T15:00:00Z');
    const cycle = () =>
      runCycle({ config, rules: rules.rules, sources: [st], store: store!, channels: ['console'], now: () => now, log: silentLogger });
    const missing = async () => (await store!.loadIncidents('acme')).filter((i) => i.ruleId === 'missing-invoice').map((i) => i.status);

    await cycle();
    expect(await missing()).toContain('open');

    // The invoices are voided in ServiceTitan: the next read no longer raises them (first clean poll).
    for (const { record } of [...world.list('invoices')]) world.remove('invoices', record.sourceId, now.getTime());
    now = new Date('2026-11-20T15:10:00Z');
    expect((await cycle()).pollRun.ok).toBe(true);
    expect(new Set(await missing())).toEqual(new Set(['open']));

    // ServiceTitan is down for the next poll: nothing was read, so nothing is confirmed.
    sandbox.injectFault({ status: 503 }, 100);
    now = new Date('2026-11-20T15:20:00Z');
    expect((await cycle()).pollRun.ok).toBe(false);
    expect(new Set(await missing())).toEqual(new Set(['open']));

    // It answers again, still without them: that is the second clean poll.
    sandbox.clearFaults();
    now = new Date('2026-11-20T15:30:00Z');
    expect((await cycle()).pollRun.ok).toBe(true);
    expect(new Set(await missing())).toEqual(new Set(['resolved']));
  });
});
