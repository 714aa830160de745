// Boots the real service on the embedded default (demo data, QuickBooks sandbox on 127.0.0.1,
// SQLite file, console channel) with a fixed clock, capturing what the console channel prints.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { boot, wireBootedSources, type Booted } from '../../src/app/boot';
import type { WiredSources } from '../../src/app/wire-sources';
import { createService, type Service } from '../../src/app/service';
import { readEnv } from '../../src/app/env';

export interface DemoHarness {
  dir: string;
  demoDir: string;
  booted: Booted;
  service: Service;
  /** Console output since the last call. */
  takeOutput(): string;
  setNow(d: Date): void;
  close(): Promise<void>;
}

export async function startDemo(now: Date, dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-demo-'))): Promise<DemoHarness> {
  let clock = now;
  const out = new PassThrough();
  let buffer = '';
  out.on('data', (chunk: Buffer) => (buffer += chunk.toString('utf8')));
  const env = { ...readEnv({ SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent' }, dir) };
  const booted = await boot(env, { now, logLevel: 'silent', stdout: out });
  const built: WiredSources = await wireBootedSources(booted, env);
  const service = await createService({
    config: booted.config,
    loadRules: booted.loadRules,
    store: booted.store,
    sources: built.sources,
    channels: booted.channels,
    log: booted.log,
    now: () => clock,
  });
  return {
    dir,
    demoDir: path.join(dir, 'demo'),
    booted,
    service,
    takeOutput() {
      const text = buffer;
      buffer = '';
      return text;
    },
    setNow(d) {
      clock = d;
    },
    async close() {
      await built.close();
      await booted.close();
    },
  };
}
