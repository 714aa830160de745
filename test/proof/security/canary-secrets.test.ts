// A canary in every credential the service reads from its environment. Through a healthy poll, a
// poll where Slack and QuickBooks both refuse the credentials, and `status`, at debug log level,
// no canary may appear in the logs, the terminal, what Slack was sent, what QuickBooks was asked,
// or the SQLite file (QuickBooks tokens are stored encrypted).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/app/paths';
import { DEMO_REALM } from '../../../src/app/demo-config';
import { startQuickbooksSandbox } from '../../../adapters/quickbooks-sandbox/server';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { smallCompany, writeConfig } from '../support/small-company';

const KEY_BYTES = Buffer.from('canary-SECRET_KEY-0123456789abcd');
const CANARY: Record<string, string> = {
  SLACK_BOT_TOKEN: 'canary-SLACK_BOT_TOKEN-not-a-real-token',
  SLACK_APP_TOKEN: 'canary-SLACK_APP_TOKEN-not-a-real-token',
  SLACK_SIGNING_SECRET: 'canary-SLACK_SIGNING_SECRET-4f1e',
  QBO_CLIENT_SECRET: 'canary-QBO_CLIENT_SECRET-4f1e',
  QBO_ACCESS_TOKEN: 'canary-QBO_ACCESS_TOKEN-4f1e',
  QBO_REFRESH_TOKEN: 'canary-QBO_REFRESH_TOKEN-4f1e',
  QBO_WEBHOOK_VERIFIER_TOKEN: 'canary-QBO_WEBHOOK_VERIFIER_TOKEN-4f1e',
  SYNC_SENTINEL_SECRET_KEY: KEY_BYTES.toString('base64'),
};
/** Also look for the key's bytes as text, in case it is stored or logged decoded. */
const NEEDLES: Array<[string, string]> = [...Object.entries(CANARY), ['SYNC_SENTINEL_SECRET_KEY (decoded)', KEY_BYTES.toString('utf8')]];

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

function leaks(where: string, text: string): string[] {
  return NEEDLES.filter(([, v]) => text.includes(v)).map(([k]) => `${k} in ${where}`);
}

describe('credentials', () => {
  it('never reach logs, terminal output, chat payloads, QuickBooks requests or the database in clear text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-canary-'));
    const company = smallCompany(dir, new Date());
    company.write();
    const fake = await new SlackApiFake({ botToken: CANARY['SLACK_BOT_TOKEN'], appToken: CANARY['SLACK_APP_TOKEN'] }).start();
    // The first refresh must present a token other than the canary, so refreshing fails (invalid_grant).
    const sandbox = await startQuickbooksSandbox({ dataDir: path.join(dir, 'quickbooks'), realmId: DEMO_REALM, accessToken: CANARY['QBO_ACCESS_TOKEN']!, refreshToken: 'not-the-canary', limits: false });
    cleanup.push(() => fake.stop(), () => sandbox.close());
    const config = writeConfig(dir, {
      channelId: 'C0CANARY1',
      sqlite: path.join(dir, 'sentinel.db'),
      quickbooks: { id: 'quickbooks', type: 'quickbooks', realm_id: DEMO_REALM, base_url: sandbox.baseUrl, token_url: sandbox.tokenUrl, timeout: '2s' },
    });
    const env = { ...process.env, ...CANARY, QBO_CLIENT_ID: 'proof-client', SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'debug', NO_PROXY: '127.0.0.1' };
    const run = (...args: string[]) =>
      new Promise<string>((resolve) => {
        let out = '';
        const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js'), ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.on('exit', (code) => resolve(`${out}\n(exit ${code})`));
      });

    const healthy = await run('run', '--once');
    expect(healthy).toMatch(/messages delivered/);
    // Both sides now refuse the credentials: Slack's invalid_auth, QuickBooks' 401 and a failed refresh.
    fake.botToken = 'rotated-elsewhere-not-a-real-token';
    sandbox.injectFault({ kind: 'status', status: 401 });
    company.mutate({ next: () => 0.1, int: (a) => a, pick: (l) => l[0]!, chance: () => true });
    const refused = await run('run', '--once');
    expect(refused).toMatch(/failed|invalid_auth|refused|disconnected/i);
    const status = await run('status');

    const db = ['sentinel.db', 'sentinel.db-wal', 'sentinel.db-shm'].map((f) => path.join(dir, f)).filter(existsSync);
    const found = [
      ...leaks('the healthy run', healthy),
      ...leaks('the refused run', refused),
      ...leaks('status', status),
      ...leaks('Slack payloads', JSON.stringify(fake.calls.map((c) => c.args))),
      ...leaks('QuickBooks requests', JSON.stringify(sandbox.requests)),
      ...db.flatMap((f) => leaks(path.basename(f), readFileSync(f).toString('latin1'))),
    ];
    process.stdout.write(`canary secrets: ${JSON.stringify({ canaries: NEEDLES.length, logBytes: healthy.length + refused.length + status.length, slackCalls: fake.calls.length, quickbooksRequests: sandbox.requests.length, leaks: found.length })}\n`);
    expect(found).toEqual([]);
  }, 120_000);
});
