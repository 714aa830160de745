import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { installedInTeam, mentionInChannel, OPS, TEAM } from './activities';
import { cardLines, cardOf } from './card-text';

const BIN = path.resolve(__dirname, '../../../bin/sync-sentinel.js');
const RULES = path.resolve(__dirname, '../../../rules/default.yaml');

let fake: BotConnectorFake | undefined;
afterEach(async () => fake?.stop());

describe('sync-sentinel serve with a Teams channel', () => {
  it('starts the bot endpoint, says loudly that it is unauthenticated, answers Teams, and stops cleanly', async () => {
    fake = await new BotConnectorFake().start();
    fake.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: OPS, name: 'sync-alerts' }] });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-teams-serve-'));
    mkdirSync(path.join(dir, 'upstream'));
    const config = path.join(dir, 'sync-sentinel.yaml');
    writeFileSync(
      config,
      [
        `rules: ['${RULES}']`,
        'sources:',
        '  - { id: fieldpro, type: files, path: upstream }',
        'channels:',
        '  - type: teams',
        '    name: ops',
        `    channel_id: '${OPS}'`,
        '    port: 0',
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        SYNC_SENTINEL_CONFIG: config,
        SYNC_SENTINEL_DATA_DIR: dir,
        LOG_LEVEL: 'info',
        MICROSOFT_APP_ID: '',
        MicrosoftAppId: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 45_000;
    while (!/WITHOUT AUTHENTICATION/.test(stderr) && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    try {
      const line = stderr.split('\n').find((l) => l.includes('WITHOUT AUTHENTICATION'))!;
      const entry = JSON.parse(line) as { level: number; port: number; msg: string };
      expect(entry.level).toBeGreaterThanOrEqual(50); // error level: it shows up in any log view
      expect(entry.msg).toMatch(/set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD/);
      const url = `http://127.0.0.1:${entry.port}/api/messages`;
      const post = (activity: unknown) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect((await post(installedInTeam(fake.serviceUrl))).status).toBe(200);
      expect((await post(mentionInChannel(fake.serviceUrl, 'sync-status', OPS, '1700000000999'))).status).toBe(200);
      expect(cardLines(cardOf(fake.calls.at(-1)!.body))[0]).toMatch(/^Sync health: /);
      expect((await fetch(url.replace('/api/messages', '/elsewhere'))).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
    expect(code).toBe(0);
  }, 60_000);
});
