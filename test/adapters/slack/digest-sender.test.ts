// The leadership digest through the real Slack Web API client to the Slack fake: one message in the
// leadership channel, the rest of long lists and the chart in its thread, once a week.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDigestSender } from '../../../adapters/slack/digest-sender';
import { createWebClient } from '../../../adapters/slack/web-client';
import { openDigestStore } from '../../../adapters/storage/digest-store';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { computeSnapshot } from '../../../src/digest/compute-snapshot';
import { renderDigestBlocks } from '../../../adapters/slack/render-digest';
import { renderTrendChart } from '../../../src/digest/render-chart';
import { sendDigest, viewWithHistory, type PreparedDigest } from '../../../src/digest/run-digest';
import type { Logger } from '../../../src/ports/logger';
import { COMPANY, ZONE } from '../../builders/incidents';
import { weekInput, WEEK12 } from '../../digest/history';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
let fake: SlackApiFake;
let store: SqliteStore;
let prepared: PreparedDigest;

beforeEach(async () => {
  fake = await new SlackApiFake().start();
  store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-slack-')), 'sentinel.db'));
  const snapshot = computeSnapshot(weekInput(12));
  const view = viewWithHistory('Acme HVAC', ZONE, snapshot, [], WEEK12);
  prepared = { snapshot, view, chart: renderTrendChart(view) };
});
afterEach(async () => {
  await fake.stop();
  await store.close();
});

describe('the weekly digest in Slack', () => {
  it('posts one message to the leadership channel with the rest and the chart in its thread, once a week', async () => {
    const client = createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 });
    const sender = createSlackDigestSender({ name: 'leaders', channelId: 'C0LEAD001', companyId: COMPANY, client });
    const digests = openDigestStore(store);

    expect(await sendDigest(prepared, [sender], digests, { force: false, now: () => WEEK12, log: quiet })).toEqual([
      { channel: 'leaders', status: 'sent' },
    ]);
    const top = fake.channelMessages('C0LEAD001');
    expect(top).toHaveLength(1);
    expect(top[0]!.text).toBe(renderDigestBlocks(prepared.view).main.text);
    expect(JSON.stringify(top[0]!.blocks)).toContain('Health 37/100');

    const upload = fake.callsOf('files.completeUploadExternal');
    expect(upload).toHaveLength(1);
    expect(upload[0]!.args).toMatchObject({ channel_id: 'C0LEAD001', thread_ts: top[0]!.ts });
    expect([...fake.uploads.values()]).toEqual([
      { filename: 'sync-digest-2026-W14.png', bytes: prepared.chart.png.length, channel: 'C0LEAD001' },
    ]);
    const rest = renderDigestBlocks(prepared.view).thread;
    const thread = fake.threadOf('C0LEAD001', top[0]!.ts);
    expect(thread.filter((m) => !m.files).map((m) => m.text)).toEqual(rest.map((m) => m.text));
    expect(thread.flatMap((m) => m.files ?? []).map((f) => f.name)).toEqual(['sync-digest-2026-W14.png']);

    // The schedule firing again the same week (a restart at 08:00) posts nothing.
    expect(await sendDigest(prepared, [sender], digests, { force: false, now: () => WEEK12, log: quiet })).toEqual([
      { channel: 'leaders', status: 'already_sent' },
    ]);
    expect(fake.channelMessages('C0LEAD001')).toHaveLength(1);
  });

  it('reports a channel the app was not invited to as a failure to fix, sending nothing', async () => {
    fake.notIn.add('C0LEAD001');
    const client = createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 });
    const sender = createSlackDigestSender({ name: 'leaders', channelId: 'C0LEAD001', companyId: COMPANY, client });
    const [outcome] = await sendDigest(prepared, [sender], openDigestStore(store), { force: false, now: () => WEEK12, log: quiet });
    expect(outcome).toMatchObject({ channel: 'leaders', status: 'failed', error: expect.stringMatching(/invite the app/) });
    expect(fake.uploads.size).toBe(0);
  });
});
