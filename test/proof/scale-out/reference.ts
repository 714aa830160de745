// Which findings must exist: each company's files as they are at the end, polled once by an
// uninterrupted service on a fresh SQLite file with no chat — in this process, a few at a time.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { boot, wireBootedSources } from '../../../src/app/boot';
import { readEnv } from '../../../src/app/env';
import { createService } from '../../../src/app/service';
import type { Finding } from '../../../src/domain/finding';
import { writeConfig } from '../support/small-company';
import type { FleetCompany } from './fleet';

export async function cleanRunFindings(companies: FleetCompany[], parallel = 4): Promise<Map<string, Finding[]>> {
  const found = new Map<string, Finding[]>();
  const queue = [...companies];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) found.set(c.id, await cleanRun(c));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return found;
}

async function cleanRun(company: FleetCompany): Promise<Finding[]> {
  const dir = company.data.dir;
  const configPath = writeConfig(dir, {
    channelId: company.slack.channelId,
    sqlite: path.join(dir, 'reference.db'),
    channels: [{ type: 'console', name: 'console' }],
    file: 'reference.yaml',
    quickbooks: { id: 'quickbooks', type: 'quickbooks', realm_id: company.realmId, sandbox_data: 'quickbooks' },
  });
  const env = readEnv({ SYNC_SENTINEL_CONFIG: configPath, SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent' }, dir);
  const booted = await boot(env, { now: new Date(), logLevel: 'silent', stdout: new PassThrough() });
  const built = await wireBootedSources(booted, env);
  try {
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
    });
    const { cycle } = await service.runOnce();
    return cycle.findings;
  } finally {
    await built.close();
    await booted.close();
  }
}
