// An incident with more records than a thread message lists: every record is still reachable in the
// thread (a CSV file), the parent and the thread say the same counts, and the file is refreshed only
// when the set changes materially.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, NOW } from '../../builders/clock';
import { someFindings } from '../../builders/findings';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from './harness';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
let w: SlackWorld;
afterEach(async () => w?.close());

const later = (h: number) => new Date(NOW.getTime() + h * HOUR);

function csvFiles(world: SlackWorld) {
  return world.fake.messages
    .filter((m) => m.channel === OPS && m.files?.length)
    .map((m) => {
      const rows = parse(world.fake.uploadedBytes.get(m.files![0]!.id)!.toString('utf8'), { bom: true }) as string[][];
      return { message: m, title: m.files![0]!.title, comment: m.text, rows };
    });
}

describe('an incident with 300 records in Slack', () => {
  it('puts all 300 in a CSV file in the thread, and the parent and thread counts agree', async () => {
    w = await slackWorld([rule]);
    await w.poll(someFindings(300), NOW);

    const parent = w.fake.channelMessages(OPS).find((m) => !m.thread_ts)!;
    const blocks = JSON.stringify(parent.blocks);
    expect(blocks).toContain('295 more · all 300 in the thread (CSV)');

    const replies = w.fake.messages.filter((m) => m.thread_ts === parent.ts && !m.files);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.blocks)).toContain('All 300 records');
    expect(JSON.stringify(replies[0]!.blocks)).toContain('… and 280 more — all of them in the CSV file below');

    const files = csvFiles(w);
    expect(files).toHaveLength(1);
    expect(files[0]!.message.thread_ts).toBe(parent.ts);
    expect(files[0]!.comment).toBe('Download all 300 records of #1 (CSV, biggest amounts first).');
    expect(files[0]!.rows[0]).toEqual([
      'Record',
      'Number',
      'Side',
      'Source',
      'Type',
      'Id',
      'Amount',
      'Since',
      'What is wrong',
      'Broken hop',
      'Held back',
    ]);
    expect(files[0]!.rows.slice(1).map((r) => r[5])).toEqual(Array.from({ length: 300 }, (_, i) => String(1001 + i)));
    expect(files[0]!.rows[1]![6]).toBe('100.00');
  });

  it('refreshes the file only when the set changes materially (5 records or 10 %)', async () => {
    w = await slackWorld([rule]);
    await w.poll(someFindings(300), NOW);
    await w.poll(someFindings(302), later(1));
    expect(csvFiles(w)).toHaveLength(1);
    await w.poll(someFindings(302), later(2));
    expect(csvFiles(w)).toHaveLength(1);

    await w.poll(someFindings(307), later(3));
    const files = csvFiles(w);
    expect(files).toHaveLength(2);
    expect(files[1]!.rows).toHaveLength(308);
  });

  it('shares no file when the thread lists every record', async () => {
    w = await slackWorld([rule]);
    await w.poll(someFindings(20), NOW);
    expect(csvFiles(w)).toHaveLength(0);
    expect(JSON.stringify(w.fake.channelMessages(OPS).find((m) => !m.thread_ts)!.blocks)).toContain('15 more in the thread');
  });
});
