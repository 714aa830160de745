// A canary in every credential the service reads from its environment. Through a healthy poll, a
// poll where Slack and QuickBooks both refuse the credentials, and `status`, at debug log level,
// no canary may appear in the logs, the terminal, what Slack or Teams was sent, what QuickBooks was
// asked, or the SQLite file (QuickBooks tokens are stored encrypted). Teams runs as a managed identity
// whose tokens (for the Bot Connector and for Graph) are canaries too.
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
import { openSqliteStore } from '../../../adapters/storage/sqlite-store';
import { createTeamsStore } from '../../../adapters/storage/teams-store';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { startFaultProxy } from '../support/fault-proxy';
import { readLedger } from '../support/inspect';
import { checkTeams, readTeamsSent } from '../support/inspect-teams';
import { startEchoCredentials } from '../support/echo-credentials';
import { DEFAULT_RULES } from '../../../src/app/paths';
import YAML from 'yaml';
import { writeFileSync } from 'node:fs';

/** Runs the CLI in a child process; resolves with everything it printed and its exit code. */
function runCli(dir: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise<string>((resolve) => {
    let out = '';
    const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js'), ...args], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('exit', (code) => resolve(`${out}\n(exit ${code})`));
  });
}

const TEAM = '19:canary-team@thread.tacv2';
const TEAMS_OPS = '19:canary-sync-alerts@thread.tacv2';

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
  IDENTITY_HEADER: 'canary-IDENTITY_HEADER-4f1e',
};
/** Tokens the platforms hand out: they must not be logged or stored either. */
const ISSUED = { teamsBotToken: 'canary-teams-bot-access-token-4f1e', graphToken: 'canary-graph-access-token-4f1e' };
/** Also look for the key's bytes as text, in case it is stored or logged decoded. */
const NEEDLES: Array<[string, string]> = [
  ...Object.entries(CANARY),
  ...Object.entries(ISSUED),
  ['SYNC_SENTINEL_SECRET_KEY (decoded)', KEY_BYTES.toString('utf8')],
];

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
    const sandbox = await startQuickbooksSandbox({
      dataDir: path.join(dir, 'quickbooks'),
      realmId: DEMO_REALM,
      accessToken: CANARY['QBO_ACCESS_TOKEN']!,
      refreshToken: 'not-the-canary',
      limits: false,
    });
    cleanup.push(
      () => fake.stop(),
      () => sandbox.close(),
    );
    // Teams as a managed identity: tokens from the identity endpoint (IDENTITY_HEADER is its secret);
    // the first new thread's answer is lost, so the retry reads the channel through Graph.
    const connector = await new BotConnectorFake().start();
    connector.addTeam({ id: TEAM, name: 'Field Ops', channels: [{ id: TEAM }, { id: TEAMS_OPS, name: 'sync-alerts' }] });
    connector.requireToken = ISSUED.teamsBotToken;
    connector.graphToken = ISSUED.graphToken;
    connector.identityHeader = CANARY['IDENTITY_HEADER']!;
    let lost = 0;
    const teamsProxy = await startFaultProxy({
      target: connector.url,
      decide: (r) => (r.method === 'POST' && /\/v3\/conversations\/?$/.test(r.path) && lost++ === 0 ? { kind: 'lost' } : null),
    });
    cleanup.push(
      () => connector.stop(),
      () => teamsProxy.close(),
    );
    const config = writeConfig(dir, {
      channelId: 'C0CANARY1',
      sqlite: path.join(dir, 'sentinel.db'),
      channels: [
        { type: 'slack', name: 'ops', channel_id: 'C0CANARY1', pace_seconds: 0 },
        { type: 'teams', name: 'teams', channel_id: TEAMS_OPS, port: 0 },
      ],
      quickbooks: {
        id: 'quickbooks',
        type: 'quickbooks',
        realm_id: DEMO_REALM,
        base_url: sandbox.baseUrl,
        token_url: sandbox.tokenUrl,
        timeout: '2s',
      },
    });
    const seed = openSqliteStore(path.join(dir, 'sentinel.db'));
    await createTeamsStore(seed.db).saveConversation({
      companyId: 'proof',
      conversationId: TEAMS_OPS,
      kind: 'channel',
      teamId: TEAM,
      teamName: 'Field Ops',
      name: 'sync-alerts',
      serviceUrl: `${teamsProxy.url}/`,
      botId: '28:proof-bot',
      botName: 'Sync Sentinel',
      status: 'active',
      updatedAt: new Date().toISOString(),
    });
    await seed.close();
    const teamsEnv = {
      MICROSOFT_APP_ID: '0f0f0f0f-1111-4222-8333-444444444444',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: '7a7a7a7a-1111-4222-8333-444444444444',
      MICROSOFT_GRAPH_URL: connector.url,
      IDENTITY_ENDPOINT: `${connector.url}/msi/token`,
    };
    const env = {
      ...process.env,
      ...CANARY,
      ...teamsEnv,
      QBO_CLIENT_ID: 'proof-client',
      SYNC_SENTINEL_CONFIG: config,
      SYNC_SENTINEL_DATA_DIR: dir,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'debug',
      NO_PROXY: '127.0.0.1',
    };
    const run = (...args: string[]) => runCli(dir, env, args);

    const healthy = await run('run', '--once');
    expect(healthy).toMatch(/messages delivered/);
    // The lost thread is found through Graph by the next poll (after the 5 s retry backoff), not posted again.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const retried = await run('run', '--once');
    expect(connector.graphCalls().length).toBeGreaterThan(0);
    const teams = checkTeams(
      readLedger(path.join(dir, 'sentinel.db'), 'teams'),
      readTeamsSent(path.join(dir, 'sentinel.db')),
      connector,
      TEAMS_OPS,
    );
    expect(teams.parents).toBeGreaterThan(0);
    expect(teams.doubled).toEqual([]);
    expect(teams.parentProblems).toEqual([]);
    // Every side now refuses the credentials: Slack's invalid_auth, QuickBooks' 401 and a failed
    // refresh, the identity endpoint refusing the IDENTITY_HEADER.
    fake.botToken = 'rotated-elsewhere-not-a-real-token';
    connector.identityHeader = 'rotated-elsewhere-not-the-canary';
    sandbox.injectFault({ kind: 'status', status: 401 });
    company.mutate({ next: () => 0.1, int: (a) => a, pick: (l) => l[0]!, chance: () => true });
    const refused = await run('run', '--once');
    expect(refused).toMatch(/failed|invalid_auth|refused|disconnected/i);
    const status = await run('status');

    const db = ['sentinel.db', 'sentinel.db-wal', 'sentinel.db-shm'].map((f) => path.join(dir, f)).filter(existsSync);
    const found = [
      ...leaks('the healthy run', healthy),
      ...leaks('the retrying run', retried),
      ...leaks('Teams payloads', JSON.stringify(connector.calls.map((c) => ({ path: c.path, body: c.body })))),
      ...leaks('the refused run', refused),
      ...leaks('status', status),
      ...leaks('Slack payloads', JSON.stringify(fake.calls.map((c) => c.args))),
      ...leaks('QuickBooks requests', JSON.stringify(sandbox.requests)),
      ...db.flatMap((f) => leaks(path.basename(f), readFileSync(f).toString('latin1'))),
    ];
    process.stdout.write(
      `canary secrets: ${JSON.stringify({ canaries: NEEDLES.length, logBytes: healthy.length + refused.length + status.length, slackCalls: fake.calls.length, teamsCalls: connector.calls.length, graphCalls: connector.graphCalls().length, quickbooksRequests: sandbox.requests.length, leaks: found.length })}\n`,
    );
    expect(found).toEqual([]);
  }, 120_000);
});

/** Credentials of every connector; none of them shaped like a token, so only their values give them away. */
const ECHOED: Record<string, string> = {
  INHOUSE_TOKEN: 'canary-INHOUSE_TOKEN-7c2d',
  ST_CLIENT_ID: 'canary-ST_CLIENT_ID-7c2d',
  ST_CLIENT_SECRET: 'canary-ST_CLIENT_SECRET-7c2d',
  ST_APP_KEY: 'canary-ST_APP_KEY-7c2d',
  JOBBER_CLIENT_ID: 'canary-JOBBER_CLIENT_ID-7c2d',
  JOBBER_CLIENT_SECRET: 'canary-JOBBER_CLIENT_SECRET-7c2d',
  JOBBER_ACCESS_TOKEN: 'canary-JOBBER_ACCESS_TOKEN-7c2d',
  JOBBER_REFRESH_TOKEN: 'canary-JOBBER_REFRESH_TOKEN-7c2d',
  HCP_API_KEY: 'canary-HCP_API_KEY-7c2d',
  QBO_CLIENT_SECRET: 'canary-QBO_CLIENT_SECRET-7c2d',
  QBO_ACCESS_TOKEN: 'canary-QBO_ACCESS_TOKEN-7c2d',
  QBO_REFRESH_TOKEN: 'canary-QBO_REFRESH_TOKEN-7c2d',
};

describe('credentials a vendor echoes back in its error body', () => {
  it('are scrubbed from the poll summary, the JSON log, the alerts, status and the database, for every connector', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-echo-'));
    const vendor = await startEchoCredentials();
    cleanup.push(() => vendor.close());
    const config = path.join(dir, 'sync-sentinel.yaml');
    const common = { timeout: '2s', retries: 0 };
    writeFileSync(
      config,
      YAML.stringify({
        company: { id: 'echo', time_zone: 'America/Chicago' },
        storage: { sqlite: 'sentinel.db' },
        rules: [DEFAULT_RULES],
        sources: [
          {
            ...common,
            id: 'inhouse',
            type: 'http',
            base_url: `${vendor.url}/v1`,
            auth: { type: 'bearer', token_env: 'INHOUSE_TOKEN' },
            endpoints: { invoices: { path: '/invoices', fields: { id: '$.id', total: '$.total' } } },
          },
          { ...common, id: 'titan', type: 'servicetitan', tenant: '4001', api_url: vendor.url, token_url: `${vendor.url}/connect/token` },
          { ...common, id: 'jobber', type: 'jobber', api_url: `${vendor.url}/api/graphql`, token_url: `${vendor.url}/api/oauth/token` },
          { ...common, id: 'hcp', type: 'housecallpro', api_url: vendor.url },
          {
            id: 'quickbooks',
            type: 'quickbooks',
            realm_id: DEMO_REALM,
            base_url: `${vendor.url}/v3/company/`,
            token_url: `${vendor.url}/oauth2/v1/tokens/bearer`,
            timeout: '2s',
          },
        ],
        channels: [{ type: 'console', name: 'console' }],
      }),
    );
    const env = {
      ...process.env,
      ...ECHOED,
      QBO_CLIENT_ID: 'echo-client',
      SYNC_SENTINEL_SECRET_KEY: KEY_BYTES.toString('base64'),
      SYNC_SENTINEL_CONFIG: config,
      SYNC_SENTINEL_DATA_DIR: dir,
      LOG_LEVEL: 'debug',
      NO_PROXY: '127.0.0.1',
    };
    const run = (...args: string[]) => runCli(dir, env, args);
    const first = await run('run', '--once');
    const second = await run('run', '--once');
    const status = await run('status');
    // The vendor did echo them: the scrubber, not a quiet fake, keeps them out.
    expect(vendor.requests).toBeGreaterThanOrEqual(5);
    expect(first).toMatch(/inhouse: failed/);
    expect(first).toMatch(/titan: failed/);
    expect(first).toMatch(/jobber: failed/);
    expect(first).toMatch(/hcp: failed/);
    expect(first).toMatch(/quickbooks: failed/);
    const db = ['sentinel.db', 'sentinel.db-wal'].map((f) => path.join(dir, f)).filter(existsSync);
    const texts: Array<[string, string]> = [
      ['the first run', first],
      ['the second run', second],
      ['status', status],
      ...db.map((f): [string, string] => [path.basename(f), readFileSync(f).toString('latin1')]),
    ];
    const found = texts.flatMap(([where, text]) =>
      Object.entries(ECHOED)
        .filter(([, v]) => text.includes(v))
        .map(([k]) => `${k} in ${where}`),
    );
    expect(found).toEqual([]);
  }, 120_000);
});
