// The weekly digest lands once in Slack even when an answer is lost on the way back (Slack posted,
// the bot never heard), a reply or the chart fails part way, or the process stopped after posting:
// the retry continues the same digest (its thread), and never posts a second one.
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
import type { DigestSnapshot } from '../../../src/digest/snapshot';
import type { Logger } from '../../../src/ports/logger';
import { COMPANY, ZONE } from '../../builders/incidents';
import { weekInput, WEEK12 } from '../../digest/history';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { slackErrorBody, startFaultProxy, type FaultProxy, type ProxiedRequest, type ProxyFault } from '../../proof/support/fault-proxy';

const LEAD = 'C0LEAD001';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
/** Enough branches that the rest of the list takes two thread replies. */
const manyBranches = (s: DigestSnapshot): DigestSnapshot => ({
  ...s,
  moneyAtRisk: {
    ...s.moneyAtRisk,
    byLocation: Array.from({ length: 2000 }, (_, i) => ({
      location: `Branch ${i + 1} ${'North Territory '.repeat(4)}`,
      cents: 1_000_000 - i,
    })),
  },
});

let fake: SlackApiFake;
let proxy: FaultProxy | undefined;
const stores: SqliteStore[] = [];
let prepared: PreparedDigest;

beforeEach(async () => {
  fake = await new SlackApiFake().start();
  const snapshot = manyBranches(computeSnapshot(weekInput(12)));
  const view = viewWithHistory('Acme HVAC', ZONE, snapshot, [], WEEK12);
  prepared = { snapshot, view, chart: renderTrendChart(view) };
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await fake.stop();
  for (const s of stores.splice(0)) await s.close();
});

const openStore = () => {
  const store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-once-')), 'sentinel.db'));
  stores.push(store);
  return openDigestStore(store);
};

/** A sender whose Web API calls go through a proxy that applies `fault` to the calls it picks. */
async function lossySender(fault: (req: ProxiedRequest) => ProxyFault | null) {
  proxy = await startFaultProxy({ target: fake.baseUrl, decide: fault, errorBody: slackErrorBody });
  const client = createWebClient({ botToken: fake.botToken, apiUrl: `${proxy.url}/api/`, retries: 0 });
  return createSlackDigestSender({ name: 'leaders', channelId: LEAD, companyId: COMPANY, client, now: () => WEEK12 });
}

const isMainPost = (req: ProxiedRequest) => req.path === '/api/chat.postMessage' && !req.body.includes('thread_ts');
const isReply = (req: ProxiedRequest) => req.path === '/api/chat.postMessage' && req.body.includes('thread_ts');
/** Picks the `n`-th (1-based) request `match` accepts, once. */
const nth = (match: (req: ProxiedRequest) => boolean, n: number, fault: ProxyFault) => {
  let seen = 0;
  return (req: ProxiedRequest): ProxyFault | null => (match(req) && ++seen === n ? fault : null);
};

/** What a person sees: the digest messages in the channel, and its thread's replies and files. */
function channelView() {
  const top = fake.channelMessages(LEAD);
  const thread = top.length === 1 ? fake.threadOf(LEAD, top[0]!.ts) : [];
  return {
    mains: top.map((m) => m.text),
    replies: thread.filter((m) => !m.files).map((m) => m.text),
    files: thread.flatMap((m) => m.files ?? []).map((f) => f.name),
  };
}

const send = (sender: ReturnType<typeof createSlackDigestSender>, digests: ReturnType<typeof openDigestStore>) =>
  sendDigest(prepared, [sender], digests, { force: false, now: () => WEEK12, log: quiet });

describe('the weekly digest in Slack, retried after a failure', () => {
  it('whose main message was posted but the answer lost: the retry finds it and finishes its thread, one digest', async () => {
    const sender = await lossySender(nth(isMainPost, 1, { kind: 'lost' }));
    const digests = openStore();
    const rendered = renderDigestBlocks(prepared.view);
    expect(rendered.thread).toHaveLength(2);

    expect(await send(sender, digests)).toEqual([expect.objectContaining({ channel: 'leaders', status: 'failed', retryable: true })]);
    expect(fake.channelMessages(LEAD)).toHaveLength(1); // Slack did post it

    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
  });

  it('whose process stopped right after posting (nothing recorded): a new process finds the digest and does not post it again', async () => {
    const sender = await lossySender(nth(isReply, 1, { kind: 'reset' }));
    expect(await send(sender, openStore())).toEqual([expect.objectContaining({ status: 'failed' })]);

    // Another database: nothing of the first attempt is known but what the channel shows.
    expect(await send(sender, openStore())).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
  });

  it('whose second reply failed: the retry posts only that reply, none twice', async () => {
    const sender = await lossySender(nth(isReply, 2, { kind: 'reset' }));
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([expect.objectContaining({ status: 'failed', retryable: true })]);
    expect(channelView().replies).toHaveLength(1);

    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
    // The main message was recorded when Slack answered: the retry did not search the channel for it.
    expect(fake.callsOf('conversations.history')).toHaveLength(1);
  });

  it('whose reply landed but the answer was lost: the retry sees it in the thread by its metadata', async () => {
    const sender = await lossySender(nth(isReply, 1, { kind: 'lost' }));
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView().replies).toEqual(rendered.thread.map((m) => m.text));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1 + rendered.thread.length);
  });

  it('whose chart upload was shared but the answer lost: the retry finds the file in the thread, one chart', async () => {
    const sender = await lossySender(nth((req) => req.path === '/api/files.completeUploadExternal', 1, { kind: 'lost' }));
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(channelView().files).toEqual(['sync-digest-2026-W14.png']);

    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(1);
  });

  it('whose chart upload never reached Slack: the retry uploads it once', async () => {
    const sender = await lossySender(nth((req) => req.path === '/api/files.getUploadURLExternal', 1, { kind: 'reset' }));
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([expect.objectContaining({ status: 'failed', retryable: true })]);
    expect(channelView().files).toEqual([]);

    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
  });

  it('whose main message was deleted by hand before the retry: the retry posts the digest again, whole, in a new thread', async () => {
    const sender = await lossySender(nth(isReply, 2, { kind: 'reset' }));
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([expect.objectContaining({ status: 'failed', retryable: true })]);
    const first = fake.channelMessages(LEAD)[0]!;
    fake.messages.splice(fake.messages.indexOf(first), 1);

    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    const rendered = renderDigestBlocks(prepared.view);
    expect(channelView()).toEqual({
      mains: [rendered.main.text],
      replies: rendered.thread.map((m) => m.text),
      files: ['sync-digest-2026-W14.png'],
    });
    expect(fake.channelMessages(LEAD)[0]!.ts).not.toBe(first.ts);
  });

  it('sent again on request (`digest --send-now`) posts a new digest rather than finishing the old one', async () => {
    const sender = await lossySender(() => null);
    const digests = openStore();
    expect(await send(sender, digests)).toEqual([{ channel: 'leaders', status: 'sent' }]);
    expect(await sendDigest(prepared, [sender], digests, { force: true, now: () => WEEK12, log: quiet })).toEqual([
      { channel: 'leaders', status: 'sent' },
    ]);
    expect(fake.channelMessages(LEAD)).toHaveLength(2);
  });
});
