// Delivery of the digest: each leadership channel gets a week's digest once; a channel that fails is
// retried without re-sending to the others; --send-now sends again on purpose. Snapshots are one per
// week and replaced when the same week is computed again.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleDigestSender } from '../../adapters/console/console-digest-sender';
import { openDigestStore } from '../../adapters/storage/digest-store';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';
import { computeSnapshot } from '../../src/digest/compute-snapshot';
import { renderTrendChart } from '../../src/digest/render-chart';
import { sendDigest, viewWithHistory, type PreparedDigest } from '../../src/digest/run-digest';
import { SentinelError } from '../../src/domain/errors';
import type { DigestView } from '../../src/digest/view';
import type { DigestAttempt, DigestChart, DigestSender } from '../../src/ports/digest-sender';
import type { DigestStorePort } from '../../src/ports/digest-store';
import type { Logger } from '../../src/ports/logger';
import { COMPANY, ZONE } from '../builders/incidents';
import { weekInput, WEEK12 } from './history';

/** A chat that records what it was sent and can be told to fail its next sends. */
class RecordingSender implements DigestSender {
  sent: Array<{ view: DigestView; chart: DigestChart }> = [];
  failures = 0;
  constructor(readonly channel: string) {}
  async send(view: DigestView, chart: DigestChart): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new SentinelError('chat.rate_limited', 'rate_limited', `${this.channel} is rate limited`, { retryable: true });
    }
    this.sent.push({ view, chart });
  }
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const now = () => WEEK12;

let store: SqliteStore;
let digests: DigestStorePort;
let prepared: PreparedDigest;

beforeEach(() => {
  store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-send-')), 'sentinel.db'));
  digests = openDigestStore(store);
  const snapshot = computeSnapshot(weekInput(12));
  const view = viewWithHistory('Acme HVAC', ZONE, snapshot, [], WEEK12);
  prepared = { snapshot, view, chart: renderTrendChart(view) };
});

afterEach(async () => {
  await store.close();
});

describe('sending the weekly digest', () => {
  it('sends the view and the chart to every leadership channel once a week', async () => {
    const leaders = new RecordingSender('leaders');
    const board = new RecordingSender('board');
    expect(await sendDigest(prepared, [leaders, board], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'sent' },
      { channel: 'board', status: 'sent' },
    ]);
    expect(leaders.sent[0]!.view.health.score).toBe(37);
    expect(leaders.sent[0]!.chart.fileName).toBe('sync-digest-2026-W14.png');
    expect(PNG.sync.read(leaders.sent[0]!.chart.png).width).toBe(960);

    // The scheduler firing again in the same week (a restart at 08:00) sends nothing twice.
    expect(await sendDigest(prepared, [leaders, board], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'already_sent' },
      { channel: 'board', status: 'already_sent' },
    ]);
    expect(leaders.sent).toHaveLength(1);
    expect((await digests.sentChannels(COMPANY, '2026-W14')).sort()).toEqual(['board', 'leaders']);
  });

  it('retries only the channel that failed, and says why it failed', async () => {
    const leaders = new RecordingSender('leaders');
    const board = new RecordingSender('board');
    board.failures = 1;
    expect(await sendDigest(prepared, [leaders, board], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'sent' },
      { channel: 'board', status: 'failed', retryable: true, error: 'board is rate limited' },
    ]);
    expect(await sendDigest(prepared, [leaders, board], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'already_sent' },
      { channel: 'board', status: 'sent' },
    ]);
    expect([leaders.sent.length, board.sent.length]).toEqual([1, 1]);
  });

  it('hands a retry what the failed attempt recorded (its main message and the replies in), kept per channel and week', async () => {
    const attempts: DigestAttempt[] = [];
    const partWay: DigestSender = {
      channel: 'leaders',
      async send(_view, _chart, attempt) {
        attempts.push(attempt!);
        if (attempts.length > 1) return;
        await attempt!.record({ mainRef: '1700000000.000100', done: ['reply-1'] });
        throw new SentinelError('slack.network', 'network', 'the connection dropped', { retryable: true });
      },
    };
    expect(await sendDigest(prepared, [partWay], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'failed', retryable: true, error: 'the connection dropped' },
    ]);
    expect(await sendDigest(prepared, [partWay], digests, { force: false, now, log: quiet })).toEqual([
      { channel: 'leaders', status: 'sent' },
    ]);
    expect(attempts.map((a) => [a.fresh, a.recorded])).toEqual([
      [false, null],
      [false, { mainRef: '1700000000.000100', done: ['reply-1'] }],
    ]);
    expect(await digests.loadProgress(COMPANY, '2026-W14', 'board')).toBeNull();
    expect(await digests.loadProgress(COMPANY, '2026-W13', 'leaders')).toBeNull();

    // --send-now posts a new digest: nothing earlier is handed over.
    await sendDigest(prepared, [partWay], digests, { force: true, now, log: quiet });
    expect(attempts[2]).toMatchObject({ fresh: true, recorded: null });
  });

  it('sends again when asked to (digest --send-now)', async () => {
    const leaders = new RecordingSender('leaders');
    await sendDigest(prepared, [leaders], digests, { force: false, now, log: quiet });
    await sendDigest(prepared, [leaders], digests, { force: true, now, log: quiet });
    expect(leaders.sent).toHaveLength(2);
  });

  it('prints the digest on the console channel and writes the chart beside it', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const chartDir = mkdtempSync(path.join(os.tmpdir(), 'digest-chart-'));
    await sendDigest(prepared, [createConsoleDigestSender({ name: 'console', chartDir, out })], digests, { force: false, now, log: quiet });
    const chartPath = path.join(chartDir, 'sync-digest-2026-W14.png');
    expect(existsSync(chartPath)).toBe(true);
    expect(PNG.sync.read(readFileSync(chartPath)).height).toBe(480);
    expect(printed).toContain('Weekly sync digest · Acme HVAC · 2026-W14 (Mar 26 – Apr 2, 2026)');
    expect(printed).toContain('Health 37/100 · Critical');
    expect(printed).toContain(`Chart (8 weeks: open incidents by severity, money at risk): ${chartPath}`);
  });
});

describe('the digest snapshot store', () => {
  it('keeps one snapshot per company and week, the latest computation winning', async () => {
    await digests.saveSnapshot(prepared.snapshot, WEEK12.toISOString());
    const later = { ...prepared.snapshot, health: { ...prepared.snapshot.health, score: 40 } };
    await digests.saveSnapshot(later, new Date(WEEK12.getTime() + 3_600_000).toISOString());
    await digests.saveSnapshot({ ...prepared.snapshot, companyId: 'other' }, WEEK12.toISOString());
    const stored = await digests.loadSnapshots(COMPANY, '2026-W01');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.health.score).toBe(40);
    expect(await digests.loadSnapshots(COMPANY, '2026-W15')).toEqual([]);
  });
});

describe('the weekly digest in serve', () => {
  it('posts the digest to the leadership channel when the schedule fires, and not again that week', async () => {
    const { startDemo } = await import('../scenario/harness');
    const { startDigestSchedule } = await import('../../src/app/digest');
    const { readEnv } = await import('../../src/app/env');
    const monday = new Date('2026-11-23T14:00:00Z');
    const h = await startDemo(monday);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const schedule = startDigestSchedule(h.booted, readEnv({ SYNC_SENTINEL_DATA_DIR: h.dir }, h.dir), quiet, { now: () => monday, out });
    try {
      await h.service.runOnce();
      expect(schedule.task.getPattern()).toBe('0 8 * * 1');
      await schedule.task.execute();
      expect(printed).toMatch(/Weekly sync digest · Summit Comfort Services · 2026-W48/);
      expect(await h.booted.digestStore.sentChannels('demo', '2026-W48')).toEqual(['console']);
      printed = '';
      await schedule.task.execute();
      expect(printed).toBe('');
    } finally {
      await schedule.stop();
      await h.close();
    }
  }, 60_000);
});

describe('a digest missed while the service was down', () => {
  async function serveAt(at: Date) {
    const { startDemo } = await import('../scenario/harness');
    const { startDigestSchedule } = await import('../../src/app/digest');
    const { readEnv } = await import('../../src/app/env');
    const h = await startDemo(at);
    const out = new PassThrough();
    const printed = { text: '' };
    out.on('data', (c: Buffer) => (printed.text += c.toString('utf8')));
    const schedule = startDigestSchedule(h.booted, readEnv({ SYNC_SENTINEL_DATA_DIR: h.dir }, h.dir), quiet, { now: () => at, out });
    await h.service.runOnce();
    return { h, schedule, printed };
  }

  it("goes out after the first poll when this week's Monday 08:00 has passed, and only once", async () => {
    const { h, schedule, printed } = await serveAt(new Date('2026-11-25T15:00:00Z'));
    try {
      await schedule.catchUp();
      expect(printed.text).toMatch(/Weekly sync digest · Summit Comfort Services · 2026-W48/);
      printed.text = '';
      await schedule.catchUp();
      expect(printed.text).toBe('');
    } finally {
      await schedule.stop();
      await h.close();
    }
  }, 60_000);

  it("waits for the schedule when this week's time has not come yet (Monday 07:00 in Chicago)", async () => {
    const { h, schedule, printed } = await serveAt(new Date('2026-11-23T13:00:00Z'));
    try {
      await schedule.catchUp();
      expect(printed.text).toBe('');
    } finally {
      await schedule.stop();
      await h.close();
    }
  }, 60_000);
});
