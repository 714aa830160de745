// A channel the config names but nothing can build is a configuration error naming the setting, never
// a console channel posting in its place.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wireChannels } from '../../src/app/wire-channels';
import { readEnv } from '../../src/app/env';
import { configSchema, type ChannelConfig } from '../../src/config/schema';
import { ConfigError } from '../../src/domain/errors';
import { createLogger } from '../../src/app/logger';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';

let dir: string;
let store: SqliteStore;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function build(channels: unknown[]) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-channels-'));
  store = openSqliteStore(path.join(dir, 'sentinel.db'));
  const config = configSchema.parse({ sources: [{ id: 'shop', type: 'files', side: 'upstream', path: 'exports/' }] });
  // As a config written for a newer version, or built in code, would hand it over: past the schema.
  config.channels = channels as ChannelConfig[];
  return wireChannels(config, readEnv({}, dir), store, { log: createLogger('silent') });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('building the configured channels', () => {
  it('refuses a channel type it does not know, naming the setting, instead of printing to the console', () => {
    const err = thrown(() =>
      build([
        { type: 'console', name: 'console' },
        { type: 'discord', name: 'ops' },
      ]),
    );

    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ reason: 'config', setting: 'channels[1].type', retryable: false });
    expect((err as Error).message).toBe('channels[1].type "discord" is not a channel type — use one of console, slack, teams.');
  });

  it('refuses a Teams channel the Teams bot did not start for', () => {
    const err = thrown(() => build([{ type: 'teams', name: 'ops-teams', channel_id: '19:abc@thread.tacv2' }]));

    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ setting: 'channels[0].type' });
    expect((err as Error).message).toMatch(/^Channel "ops-teams" is a Teams channel, but the Teams bot did not start for it/);
  });

  it('builds a console channel for a console entry', () => {
    expect(build([{ type: 'console', name: 'console' }]).channels.map((c) => c.name)).toEqual(['console']);
  });
});
