// Teams: how long a card takes to render, and how many messages a second the real botbuilder
// CloudAdapter pushes to a Bot Connector on loopback (new threads, replies, card updates), with the
// conversation store on SQLite. Loopback has no network latency: this is our overhead, not Teams'.
// Usage: node --import tsx bench/teams.ts [messages] — prints a table on stderr, one JSON line on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../adapters/storage/sqlite-storage';
import { renderParentCard, renderThreadCard } from '../adapters/teams/cards/alert-card';
import { cardBytes } from '../adapters/teams/cards/elements';
import { createCloudTransport } from '../adapters/teams/botbuilder/cloud-transport';
import { createTeamsChannel } from '../adapters/teams/teams-channel';
import type { AlertView, FindingLine, ThreadUpdate } from '../src/notify/alert-view';
import type { OutboxItem } from '../src/notify/outbox';
import { silentLogger } from '../src/ports/logger';
import { BotConnectorFake } from '../test/fakes/teams/bot-connector-fake';
import { emit, progress } from './measure';

export interface TeamsBenchResult {
  table: string;
  renderParentUs: number;
  renderThreadUs: number;
  parentBytes: number;
  threadPerSecond: number;
  replyPerSecond: number;
  updatePerSecond: number;
}

const messages = Number(process.argv[2] ?? 300);
const CHANNEL = '19:bench@thread.tacv2';
const line = (i: number): FindingLine => ({
  key: `invoice:${i}`,
  summary: `Invoice ${1000 + i} ($${(i * 37) % 900}.00, Customer ${i} Heating & Air) not in QuickBooks after ${i % 9} days`,
  brokenHop: 'upstream invoice → QuickBooks invoice',
  amountCents: 10_000 + i,
});
const view = (n: number): AlertView => ({
  incidentId: `inc-${n}`,
  number: n,
  title: 'Invoice missing from QuickBooks',
  ruleId: 'missing-invoice',
  status: 'open',
  severity: 'high',
  action: 'systems_audit',
  actionLabel: 'Systems Audit',
  pathLine: 'recurring (4 of last 6 weeks) · affects billing, accounting · cause unclear after 9 days → Systems Audit',
  strategic: false,
  fix: "map item 'AC Tune-Up' in the sync settings",
  findingCount: 40,
  suppressedCount: 0,
  amountAtRiskCents: 1_234_500,
  oldestSince: '2026-03-01T00:00:00Z',
  locations: ['Denver', 'Boulder'],
  impact: ['billing', 'accounting'],
  topFindings: [0, 1, 2, 3, 4].map(line),
  openedAt: '2026-03-01T00:00:00Z',
});
const update = (n: number): ThreadUpdate => ({
  incidentId: `inc-${n}`,
  number: n,
  purpose: 'new_findings',
  headline: '20 new records',
  lines: Array.from({ length: 20 }, (_, i) => line(i)),
  moreCount: 0,
  severity: 'high',
});

function timeUs(runs: number, fn: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return ((performance.now() - start) * 1000) / runs;
}

const now = new Date('2026-03-17T15:00:00Z');
progress('Teams: rendering cards…');
const renderParentUs = timeUs(5_000, () => renderParentCard(view(1), now));
const renderThreadUs = timeUs(5_000, () => renderThreadCard(update(1)));
const parentBytes = cardBytes(renderParentCard(view(1), now));

progress(`Teams: ${messages} threads, replies and updates through CloudAdapter to the loopback connector…`);
const fake = await new BotConnectorFake().start();
fake.addTeam({ id: CHANNEL, name: 'Bench', channels: [{ id: CHANNEL }] });
const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-teams-'));
const storage = openSqliteStorage(join(dir, 'sentinel.db'));
const { conversations } = storage;
await conversations.saveConversation({
  companyId: 'bench',
  conversationId: CHANNEL,
  kind: 'channel',
  serviceUrl: fake.serviceUrl,
  botId: '28:bench',
  status: 'active',
  updatedAt: now.toISOString(),
});
const transport = createCloudTransport({ credentials: {}, handler: { seen: async () => {}, handle: async () => ({}) }, log: silentLogger });
const channel = createTeamsChannel({ name: 'ops', channelId: CHANNEL, companyId: 'bench', transport, conversations, now: () => now });
const item = (id: number, op: OutboxItem['op'], body: OutboxItem['body']): OutboxItem => ({
  id,
  companyId: 'bench',
  incidentId: `inc-${id}`,
  channel: 'ops',
  op,
  body,
  createdAt: now.toISOString(),
  status: 'sending',
  attempts: 0,
  nextAttemptAt: now.toISOString(),
  lastError: null,
});

const threads: Array<{ destination: string; parentRef: string }> = [];
let start = performance.now();
for (let i = 0; i < messages; i++) {
  const r = await channel.deliver(item(i + 1, 'post_parent', { kind: 'parent', view: view(i + 1) }), null);
  threads.push({ destination: r.destination, parentRef: r.parentRef! });
}
const threadPerSecond = messages / ((performance.now() - start) / 1000);
const ref = (i: number) => ({ companyId: 'bench', incidentId: `inc-${i + 1}`, channel: 'ops', ...threads[i]! });
start = performance.now();
for (let i = 0; i < messages; i++) await channel.deliver(item(100_000 + i, 'reply', { kind: 'thread', update: update(i + 1) }), ref(i));
const replyPerSecond = messages / ((performance.now() - start) / 1000);
start = performance.now();
for (let i = 0; i < messages; i++)
  await channel.deliver(
    item(200_000 + i, 'edit_parent', { kind: 'parent', view: { ...view(i + 1), status: 'acknowledged', acknowledgedBy: 'Dana' } }),
    ref(i),
  );
const updatePerSecond = messages / ((performance.now() - start) / 1000);
await storage.close();
await fake.stop();
rmSync(dir, { recursive: true, force: true });

const table = [
  '| Teams (botbuilder CloudAdapter → loopback connector) | value |',
  '|---|---:|',
  `| render parent card (5 records) | ${renderParentUs.toFixed(0)} µs, ${parentBytes.toLocaleString('en-US')} bytes |`,
  `| render thread card (20 records) | ${renderThreadUs.toFixed(0)} µs |`,
  `| new threads (createConversation + activity id stored) | ${threadPerSecond.toFixed(0)} /s |`,
  `| thread replies | ${replyPerSecond.toFixed(0)} /s |`,
  `| card updates in place | ${updatePerSecond.toFixed(0)} /s |`,
].join('\n');
process.stderr.write(`${table}\n`);
emit({ table, renderParentUs, renderThreadUs, parentBytes, threadPerSecond, replyPerSecond, updatePerSecond } satisfies TeamsBenchResult);
