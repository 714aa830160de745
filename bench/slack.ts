// Slack figures for `npm run bench` (also `npx tsx bench/slack.ts` on its own): an alert storm of
// 10,000 findings under one rule, delivered to two Slack channels through the real adapter and
// @slack/web-api against the loopback fake, counting the API calls each channel received.
import { aFinding } from '../test/builders/findings';
import { aRule } from '../test/builders/rules';
import { NOW } from '../test/builders/clock';
import { slackChannelOn, slackWorld } from '../test/adapters/slack/harness';
import { SlackApiFake } from '../test/fakes/slack/slack-api-fake';

type Row = [figure: string, value: string, target: string, ok: string];

const STORM = 10_000;
const CHANNELS = { ops: 'C0OPS0001', billing: 'C0BILL001' };

async function storm(): Promise<Row[]> {
  const fake = await new SlackApiFake().start();
  let clock = NOW;
  const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
  const world = await slackWorld([rule], { fake, others: [slackChannelOn(fake, () => clock, CHANNELS.billing, 'billing')] });
  const findings = Array.from({ length: STORM }, (_, i) => aFinding({ key: `invoice:${100_000 + i}`, amountCents: 10_000 + (i % 977), summary: `Invoice ${100_000 + i} not in QuickBooks after 4 days` }));
  const perChannel = () => Object.fromEntries(Object.values(CHANNELS).map((c) => [c, fake.calls.filter((x) => x.args['channel'] === c).length]));

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

  const max = (o: Record<string, number>, base: Record<string, number> = {}) => Math.max(...Object.entries(o).map(([k, v]) => v - (base[k] ?? 0)));
  return [
    [`storm: ${STORM.toLocaleString('en-US')} findings, one rule, 2 channels — API calls per channel, first poll`, String(max(first)), '≤ 3', max(first) <= 3 ? '✓' : '✗'],
    ['storm: the same findings again — API calls per channel', String(max(second, first)), '0', max(second, first) === 0 ? '✓' : '✗'],
    ['storm: one more finding — API calls per channel', String(max(third, second)), '≤ 3', max(third, second) <= 3 ? '✓' : '✗'],
    ['storm: first poll, plan + commit + deliver (wall)', `${Math.round(firstMs).toLocaleString('en-US')} ms`, '—', ''],
  ];
}

export async function slackBench(): Promise<Row[]> {
  return [...(await storm())];
}

export function slackTable(rows: Row[]): string {
  return ['| Slack figure | value | target | |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${slackTable(await slackBench())}\n`);
}
