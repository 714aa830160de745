// A quiet poll of the embedded demo, end to end: the real service on the demo config (CSV exports,
// the QuickBooks sandbox on 127.0.0.1, SQLite, console channel) polls once, then again with nothing
// changed; the second poll is the row. Usage: node --import tsx bench/demo-poll.ts — one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { boot, wireBootedSources } from '../src/app/boot';
import { readEnv } from '../src/app/env';
import { createService } from '../src/app/service';
import { emit } from './measure';

export interface DemoPollResult {
  firstMs: number;
  quietMs: number;
  records: number;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-demo-'));
const now = new Date();
const env = readEnv({ SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent' }, dir);
const booted = await boot(env, { now, logLevel: 'silent', stdout: new PassThrough() });
const wired = await wireBootedSources(booted, env);
const service = await createService({
  config: booted.config,
  loadRules: booted.loadRules,
  store: booted.store,
  sources: wired.sources,
  channels: booted.channels,
  log: booted.log,
  now: () => new Date(),
});
let t = performance.now();
const first = await service.runOnce();
const firstMs = performance.now() - t;
t = performance.now();
await service.runOnce();
const quietMs = performance.now() - t;
await wired.close();
await booted.close();
rmSync(dir, { recursive: true, force: true });
emit({ firstMs, quietMs, records: first.cycle.pollRun.recordCount } satisfies DemoPollResult);
