// A channel the config names but nothing can build is a configuration error naming the setting, never
// a console channel posting in its place.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wireChannels, type WiredChannels } from '../../src/app/wire-channels';
import { readEnv } from '../../src/app/env';
import { configSchema, type ChannelConfig } from '../../src/config/schema';
import { ConfigError } from '../../src/domain/errors';
import { createLogger } from '../../src/app/logger';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';
import type { Storage } from '../../src/ports/storage';

let dir: string;
let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let opened: WiredChannels | undefined;
afterEach(async () => {
  for (const chat of opened?.chats ?? []) await chat.runtime.close?.();
  opened = undefined;
});

async function build(channels: unknown[]) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-channels-'));
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
  const config = configSchema.parse({ sources: [{ id: 'shop', type: 'files', side: 'upstream', path: 'exports/' }] });
  // As a config written for a newer version, or built in code, would hand it over: past the schema.
  config.channels = channels as ChannelConfig[];
  return (opened = await wireChannels(config, readEnv({}, dir), storage, { log: createLogger('silent') }));
}

async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('building the configured channels', () => {
  it('refuses a channel type it does not know, naming the setting, instead of printing to the console', async () => {
    const err = await thrown(() =>
      build([
        { type: 'console', name: 'console' },
        { type: 'discord', name: 'ops' },
      ]),
    );

    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ reason: 'config', setting: 'channels[1].type', retryable: false });
    expect((err as Error).message).toBe('channels[1].type "discord" is not a channel type — use one of console, slack, teams.');
  });

  it('refuses a Slack channel without SLACK_BOT_TOKEN, naming the channel and the setting', async () => {
    const err = await thrown(() => build([{ type: 'slack', name: 'ops', channel_id: 'C0OPS0001' }]));

    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ setting: 'channels[0]' });
    expect((err as Error).message).toMatch(/^Channel "ops" is a Slack channel, but SLACK_BOT_TOKEN is not set/);
  });

  it('builds a Teams channel from its config alone (the bot then runs without authentication, on loopback)', async () => {
    const wired = await build([
      { type: 'console', name: 'console' },
      { type: 'teams', name: 'ops-teams', channel_id: '19:abc@thread.tacv2' },
    ]);

    expect(wired.channels.map((c) => c.name)).toEqual(['console', 'ops-teams']);
    expect(wired.chats.map((c) => c.platform.type)).toEqual(['console', 'teams']);
  });

  it('builds a console channel for a console entry', async () => {
    expect((await build([{ type: 'console', name: 'console' }])).channels.map((c) => c.name)).toEqual(['console']);
  });
});
