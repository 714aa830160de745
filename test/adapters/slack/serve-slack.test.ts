// With SLACK_* set and a Slack channel in the config, the service posts threaded alerts for the
// demo company and answers /sync-status over Socket Mode — the whole composition root, against fakes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/app/cli';
import YAML from 'yaml';
import { boot, wireBootedSources } from '../../../src/app/boot';
import { prepareDemo, DEMO_REALM } from '../../../src/app/demo-config';
import { readEnv } from '../../../src/app/env';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { createService } from '../../../src/app/service';
import { serveChats } from '../../../src/app/serve-chats';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { SocketModeFake } from '../../fakes/slack/socket-mode-fake';
import { ANN, eventBody, settled, slashBody } from './requests';

const OPS = 'C0OPS0001';
const now = new Date('2026-11-18T15:00:00Z');
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function demoWithSlack(extra: Record<string, unknown> = {}): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-slack-serve-'));
  const { baseDir } = prepareDemo(dataDir, now);
  const file = path.join(baseDir, 'sync-sentinel.yaml');
  writeFileSync(
    file,
    YAML.stringify({
      company: { id: 'demo', name: 'Summit Comfort Services', time_zone: 'America/Chicago' },
      storage: { sqlite: path.join(dataDir, 'sentinel.db') },
      rules: [DEFAULT_RULES],
      sources: [
        { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' },
        { id: 'card-payments', type: 'files', name: 'Card processor export', path: 'upstream/card-payments' },
        { id: 'quickbooks', type: 'quickbooks', realm_id: DEMO_REALM, sandbox_data: 'quickbooks' },
      ],
      matching: {
        invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
        payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
      },
      channels: [{ type: 'slack', name: 'ops', channel_id: OPS, pace_seconds: 0 }],
      ...extra,
    }),
  );
  return file;
}

describe('the service with Slack configured', () => {
  it('posts one threaded alert per incident and answers /sync-status over Socket Mode', async () => {
    const fake = await new SlackApiFake().start();
    const socket = await new SocketModeFake().start(fake);
    const env = readEnv({
      SYNC_SENTINEL_CONFIG: demoWithSlack(),
      SYNC_SENTINEL_DATA_DIR: os.tmpdir(),
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
    });
    const booted = await boot(env, { now, logLevel: 'silent' });
    const built = await wireBootedSources(booted, env);
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
      now: () => now,
    });
    const slack = await serveChats([{ runtime: booted, service }]);
    cleanup.push(
      () => fake.stop(),
      () => socket.stop(),
      () => booted.close(),
      () => built.close(),
      () => slack.stop(),
    );
    await socket.whenConnected();

    await socket.send(
      'events_api',
      JSON.parse(eventBody({ type: 'app_home_opened', user: ANN.id, channel: 'D1', tab: 'home', event_ts: '1.000100' })) as Record<
        string,
        unknown
      >,
    );
    await settled(() => fake.homes.has(ANN.id));
    const { delivery } = await service.runOnce();
    await slack.afterPoll();

    const parents = fake.channelMessages(OPS).filter((m) => !m.thread_ts);
    expect(parents.length).toBeGreaterThan(5);
    expect(delivery['ops']!.pending).toBe(0);
    // Every parent carries the buttons and the metadata that makes recovery possible.
    expect(parents.every((m) => m.metadata?.event_type === 'sync_sentinel_delivery')).toBe(true);
    expect(parents.every((m) => JSON.stringify(m.blocks).includes('sentinel_acknowledge'))).toBe(true);
    // App Home was refreshed after the poll: it now lists the open incidents.
    expect(JSON.stringify(fake.homes.get(ANN.id))).toContain('#1 ');

    await socket.send('slash_commands', Object.fromEntries(new URLSearchParams(slashBody(fake, 'high'))));
    await settled(() => fake.responses.length > 0);
    expect(fake.responses[0]!.body['response_type']).toBe('ephemeral');
    expect(String(fake.responses[0]!.body['text'])).toMatch(/^Sync health: (failing|degraded)/);
  }, 60_000);

  it('keeps alerts queued while the app is not in the channel, and `status` says how to fix it', async () => {
    const fake = await new SlackApiFake().start();
    fake.notIn.add(OPS);
    const env = readEnv({
      SYNC_SENTINEL_CONFIG: demoWithSlack(),
      SYNC_SENTINEL_DATA_DIR: os.tmpdir(),
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_API_URL: fake.apiUrl,
    });
    const booted = await boot(env, { now, logLevel: 'silent' });
    const built = await wireBootedSources(booted, env);
    cleanup.push(
      () => fake.stop(),
      () => booted.close(),
      () => built.close(),
    );
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
      now: () => now,
    });
    const { delivery } = await service.runOnce();
    expect(delivery['ops']!.pending).toBeGreaterThan(5);
    expect(fake.channelMessages(OPS)).toEqual([]);

    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    try {
      expect(await main(['status'], env)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toContain(
      'Alerts held — a person must fix:\n  ✗ ops: the app is not a member of the channel (not_in_channel) — invite the app to channel "ops" (C0OPS0001)',
    );
  }, 60_000);

  it('says which variable to set when SLACK_BOT_TOKEN is missing', async () => {
    const env = readEnv({ SYNC_SENTINEL_CONFIG: demoWithSlack(), SYNC_SENTINEL_DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' });
    await expect(boot(env, { now, logLevel: 'silent' })).rejects.toThrow(
      /Channel "ops" is a Slack channel, but SLACK_BOT_TOKEN is not set/,
    );
  });

  it('points at the config line of a channel id that is a name', async () => {
    const env = readEnv({
      SYNC_SENTINEL_CONFIG: demoWithSlack({ channels: [{ type: 'slack', name: 'ops', channel_id: '#ops' }] }),
      SYNC_SENTINEL_DATA_DIR: os.tmpdir(),
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'fake-bot-x',
    });
    await expect(boot(env, { now, logLevel: 'silent' })).rejects.toThrow(/sync-sentinel\.yaml:\d+:\d+: .*channel id \(C0123456789\)/);
  });
});
