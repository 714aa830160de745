// Slack figures for `npm run bench` (also `npx tsx bench/slack.ts` on its own): an alert storm of
// 10,000 findings under one rule, delivered to two Slack channels through the real adapter and
// @slack/web-api against the loopback fake, counting the API calls each channel received; and
// /sync-status ack and answer latency through Bolt's HTTP receiver with a year of incident history.
import { aFinding } from '../test/builders/findings';
import { aRule } from '../test/builders/rules';
import { NOW } from '../test/builders/clock';
import { slackChannelOn, slackWorld } from '../test/adapters/slack/harness';
import { SlackApiFake } from '../test/fakes/slack/slack-api-fake';
import { slackAppWorld } from '../test/adapters/slack/app-world';
import { settled, slashBody } from '../test/adapters/slack/requests';
import { COMPANY as COMPANY_ID } from '../test/builders/incidents';

type Row = [figure: string, value: string, target: string, ok: string];

const STORM = 10_000;
const CHANNELS = { ops: 'C0OPS0001', billing: 'C0BILL001' };

async function storm(): Promise<Row[]> {
  const fake = await new SlackApiFake().start();
  let clock = NOW;
  const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
  const world = await slackWorld([rule], { fake, others: [slackChannelOn(fake, () => clock, CHANNELS.billing, 'billing')] });
  const findings = Array.from({ length: STORM }, (_, i) =>
    aFinding({
      key: `invoice:${100_000 + i}`,
      amountCents: 10_000 + (i % 977),
      summary: `Invoice ${100_000 + i} not in QuickBooks after 4 days`,
    }),
  );
  const perChannel = () =>
    Object.fromEntries(Object.values(CHANNELS).map((c) => [c, fake.calls.filter((x) => x.args['channel'] === c).length]));

  const t0 = performance.now();
  await world.poll(findings, clock);
  const firstMs = performance.now() - t0;
  const first = perChannel();
  clock = new Date(NOW.getTime() + 5 * 60_000);
  await world.poll(findings, clock);
  const second = perChannel();
  clock = new Date(NOW.getTime() + 10 * 60_000);
  await world.poll([...findings, aFinding({ key: 'invoice:99', amountCents: 5_000 })], clock);
  const third = perChannel();
  await world.close();

  const max = (o: Record<string, number>, base: Record<string, number> = {}) =>
    Math.max(...Object.entries(o).map(([k, v]) => v - (base[k] ?? 0)));
  return [
    [
      `storm: ${STORM.toLocaleString('en-US')} findings, one rule, 2 channels — API calls per channel, first poll`,
      String(max(first)),
      '≤ 3',
      max(first) <= 3 ? '✓' : '✗',
    ],
    ['storm: the same findings again — API calls per channel', String(max(second, first)), '0', max(second, first) === 0 ? '✓' : '✗'],
    ['storm: one more finding — API calls per channel', String(max(third, second)), '≤ 3', max(third, second) <= 3 ? '✓' : '✗'],
    ['storm: first poll, plan + commit + deliver (wall)', `${Math.round(firstMs).toLocaleString('en-US')} ms`, '—', ''],
  ];
}

const WEEKS = 52;
const PER_WEEK = 20;
const FINDINGS_EACH = 25;
const ASKS = 40;

/** A year of incident history: each week 20 incidents open (25 records each) and resolve. */
async function statusLatency(): Promise<Row[]> {
  const rules = Array.from({ length: 10 }, (_, i) =>
    aRule('missing', { id: `rule-${i}`, title: `Rule ${i}`, impact: ['billing', 'accounting'], group_by: 'location' }),
  );
  const start = new Date(NOW.getTime() - WEEKS * 7 * 86_400_000);
  const end = NOW;
  const w = await slackAppWorld(rules, { now: end });
  const t0 = performance.now();
  for (let week = 0; week < WEEKS; week++) {
    const at = (h: number) => new Date(start.getTime() + week * 7 * 86_400_000 + h * 3_600_000);
    const findings = Array.from({ length: PER_WEEK * FINDINGS_EACH }, (_, i) => {
      const inc = Math.floor(i / FINDINGS_EACH);
      return aFinding({
        ruleId: `rule-${inc % 10}`,
        groupKey: `w${week}-${inc}`,
        location: `Branch ${inc}`,
        key: `invoice:${week}-${i}`,
        amountCents: 1_000 + i,
        since: at(-48).toISOString(),
      });
    });
    await w.world.poll(findings, at(0), { deliver: false });
    if (week < WEEKS - 1) {
      await w.world.poll([], at(1), { deliver: false });
      await w.world.poll([], at(2), { deliver: false });
    }
  }
  const historyMs = performance.now() - t0;
  const incidents = (await w.world.store.loadIncidents(COMPANY_ID)).length;

  const rows: Row[] = [
    [
      `/sync-status history: ${WEEKS} weeks, ${incidents.toLocaleString('en-US')} incidents kept, ${(WEEKS * PER_WEEK * FINDINGS_EACH).toLocaleString('en-US')} findings (built in)`,
      `${(historyMs / 1000).toFixed(1)} s`,
      '—',
      '',
    ],
  ];
  for (const text of ['', 'severity:medium location:Branch', 'close']) {
    const acks: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < ASKS; i++) {
      const before = w.world.fake.responses.length;
      const sent = performance.now();
      const res = await w.post(slashBody(w.world.fake, text));
      acks.push(performance.now() - sent);
      if (res.status !== 200) throw new Error(`/sync-status answered HTTP ${res.status}`);
      await settled(() => w.world.fake.responses.length > before);
      answers.push(w.world.fake.responses[before]!.receivedAt - sent);
    }
    const label = `/sync-status ${text || '(no filter)'}`;
    rows.push([
      `${label} — ack, p50 / max of ${ASKS}`,
      `${p(acks, 0.5)} / ${p(acks, 1)} ms`,
      '< 3,000 ms (Slack shows an error after 3 s)',
      p(acks, 1) < 3000 ? '✓' : '✗',
    ]);
    rows.push([
      `${label} — answer posted, p50 / max`,
      `${p(answers, 0.5)} / ${p(answers, 1)} ms`,
      '< 3,000 ms',
      p(answers, 1) < 3000 ? '✓' : '✗',
    ]);
  }
  await w.close();
  return rows;
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!);
}

export async function slackBench(): Promise<Row[]> {
  return [...(await storm()), ...(await statusLatency())];
}

export function slackTable(rows: Row[]): string {
  return ['| Slack figure | value | target | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${slackTable(await slackBench())}\n`);
}
