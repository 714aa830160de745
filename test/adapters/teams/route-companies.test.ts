import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { teamsPlatform } from '../../../adapters/teams/platform';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { VERBS } from '../../../adapters/teams/cards/card-actions';
import { createService } from '../../../src/app/service';
import { configSchema, type Config } from '../../../src/config/schema';
import type { TeamsChannelConfig } from '../../../src/config/schema-teams';
import { drainChannel } from '../../../src/notify/deliver';
import type { ChannelPort } from '../../../src/ports/channel';
import type { ChatRuntime } from '../../../src/ports/chat-platform';
import type { Logger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { COMPANY, ZONE } from '../../builders/incidents';
import { pollFound } from '../../builders/poll';
import { aRule } from '../../builders/rules';
import { BotConnectorFake } from '../../fakes/teams/bot-connector-fake';
import { cardExecute, installedInTeam, mentionInChannel, OPS, TEAM } from './activities';
import { cardActions, cardLines, cardOf } from './card-text';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing', 'accounting'] });
const now = () => new Date(NOW.getTime() + HOUR);
const BRAVO_OPS = '19:bravo-alerts@thread.tacv2';
const LOBBY = '19:lobby@thread.tacv2';

let fake: BotConnectorFake | undefined;
let storage: Storage | undefined;
const chats: ChatRuntime[] = [];
afterEach(async () => {
  for (const chat of chats.splice(0)) await chat.close?.();
  await storage?.close();
  await fake?.stop();
});

/** Two companies on one store and ONE Teams endpoint: acme owns the ops channel, bravo its own, the lobby is no one's. */
async function twoCompanies() {
  fake = await new BotConnectorFake(now).start();
  fake.addTeam({
    id: TEAM,
    name: 'Field Ops',
    channels: [{ id: TEAM }, { id: OPS, name: 'sync-alerts' }, { id: BRAVO_OPS, name: 'bravo-alerts' }, { id: LOBBY, name: 'lobby' }],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-teams-route-'));
  storage = openSqliteStorage(path.join(dir, 'sentinel.db'));
  const s = storage;
  const configOf = (id: string, name: string, channelId: string) =>
    configSchema.parse({
      company: { id, name, time_zone: ZONE },
      sources: [{ id: 'quickbooks', type: 'quickbooks' }],
      channels: [{ type: 'teams', name: 'alerts', channel_id: channelId, port: 0 }],
    });
  let port: number | undefined;
  const log: Logger = {
    info: (o) => void (port ??= o['port'] as number | undefined),
    warn() {},
    error: (o) => void (port ??= o['port'] as number | undefined),
  };
  const opened = await Promise.all(
    [configOf(COMPANY, 'Acme HVAC', OPS), configOf('bravo', 'Bravo Plumbing', BRAVO_OPS)].map(async (config: Config) => {
      const host = { config, vars: {}, cwd: dir, store: s.store, conversations: s.conversations, health: s.health, log, now };
      const entries = config.channels as TeamsChannelConfig[];
      const chat = await teamsPlatform.open(host, entries);
      chats.push(chat as ChatRuntime);
      const channel: ChannelPort = chat.channel(entries[0]!, 'channels[0]');
      const service = await createService({
        config,
        loadRules: async () => ({ ok: true, rules: [rule] }),
        store: s.store,
        sources: [],
        channels: [channel],
        log,
        now,
      });
      return { config, chat, channel, service };
    }),
  );
  const [acme, bravo] = opened as [(typeof opened)[0], (typeof opened)[0]];
  await acme.chat.serve!(acme.service, [{ runtime: bravo.chat as ChatRuntime, service: bravo.service }]);
  const url = `http://127.0.0.1:${port}/api/messages`;
  const send = async (activity: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
  };
  expect((await send(installedInTeam(fake.serviceUrl))).status).toBe(200);
  for (const [c, amountCents] of [
    [acme, 10_000],
    [bravo, 777_700],
  ] as const) {
    await pollFound({ config: c.config, rules: [rule], store: s.store, channels: ['alerts'] }, [aFinding({ amountCents })], now());
    await drainChannel(s.store, c.channel, { now });
  }
  const f = fake;
  /** What the bot posted in answer to `@bot <text>` in a channel, as its lines. */
  const ask = async (text: string, channelId: string) => {
    const before = f.calls.length;
    expect((await send(mentionInChannel(f.serviceUrl, text, channelId))).status).toBe(200);
    const reply = f.calls.slice(before).find((c) => c.method === 'POST' && c.path.includes('/activities'));
    return cardLines(cardOf(reply?.body)).join('\n') || String(reply?.body?.['text'] ?? '');
  };
  return { ask, send, store: s.store, fake: f };
}

describe('one Teams endpoint for the companies of a deployment', () => {
  it('answers `sync-status` for the company whose channel it is asked in', async () => {
    const { ask } = await twoCompanies();
    expect(await ask('sync-status', BRAVO_OPS)).toContain('$7,777.00');
    expect(await ask('sync-status', OPS)).toContain('$100.00');
    expect(await ask('sync-status', OPS)).not.toContain('$7,777.00');
  });

  it('answers for the company named first, wherever it is asked', async () => {
    const { ask } = await twoCompanies();
    expect(await ask('sync-status bravo', OPS)).toContain('$7,777.00');
    expect(await ask(`sync-status ${COMPANY} high`, LOBBY)).not.toContain('$7,777.00');
  });

  it('shows every company at a glance, worst first, in a channel no one company owns', async () => {
    const { ask } = await twoCompanies();
    const shown = await ask('sync-status', LOBBY);
    expect(shown).toContain('Sync health · 2 companies');
    expect(shown.indexOf('(bravo)')).toBeGreaterThan(-1);
    expect(shown.indexOf('(bravo)')).toBeLessThan(shown.indexOf(`(${COMPANY})`));
    expect(await ask('sync-status high', LOBBY)).toContain(`Name the company first, e.g. "sync-status ${COMPANY} high"`);
  });

  it('acknowledges in the company whose card it was, even from a conversation no one company owns', async () => {
    const { send, store, fake: f } = await twoCompanies();
    const [bravoCard] = f.threadsIn(BRAVO_OPS);
    const ack = cardActions(cardOf(bravoCard!.activity)).find((a) => a['verb'] === VERBS.acknowledge)!;
    const data = ack['data'] as Record<string, unknown>;
    expect(data['company']).toBe('bravo');
    // Both companies have an incident #1; the card's company decides which one is acknowledged.
    const res = await send(cardExecute(f.serviceUrl, `${LOBBY};messageid=1700000000001`, VERBS.acknowledge, data));
    expect(res.status).toBe(200);
    expect((await store.loadIncident('bravo', 1))?.status).toBe('acknowledged');
    expect((await store.loadIncident(COMPANY, 1))?.status).toBe('open');
  });

  it('acts in the channel’s company when an older card does not name one', async () => {
    const { send, store, fake: f } = await twoCompanies();
    const [acmeCard] = f.threadsIn(OPS);
    const ack = cardActions(cardOf(acmeCard!.activity)).find((a) => a['verb'] === VERBS.acknowledge)!;
    const { company: _named, ...data } = ack['data'] as Record<string, unknown>;
    expect((await send(cardExecute(f.serviceUrl, acmeCard!.conversationId, VERBS.acknowledge, data))).status).toBe(200);
    expect((await store.loadIncident(COMPANY, 1))?.status).toBe('acknowledged');
    expect((await store.loadIncident('bravo', 1))?.status).toBe('open');
    const lost = await send(cardExecute(f.serviceUrl, `${LOBBY};messageid=1700000000002`, VERBS.acknowledge, data));
    expect(JSON.stringify(lost.body)).toContain('does not say which company');
  });
});
