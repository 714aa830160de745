import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/slack-app';
import { createSlackInteractions } from '../../../adapters/slack/interactions';
import { routeInteractions } from '../../../adapters/slack/route-companies';
import { createService } from '../../../src/app/service';
import { glanceAt } from '../../../src/commands/status-glance';
import { configSchema } from '../../../src/config/schema';
import { silentLogger } from '../../../src/ports/logger';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { COMPANY, ZONE } from '../../builders/incidents';
import { pollFound } from '../../builders/poll';
import { aRule } from '../../builders/rules';
import { OPS, slackWorld, type SlackWorld } from './harness';
import { ANN, buttonBody, SECRET, settled, signedPost, slashBody } from './requests';
import { ACTIONS } from '../../../adapters/slack/action-ids';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing', 'accounting'] });
const now = new Date(NOW.getTime() + HOUR);
const BRAVO_OPS = 'C0BRAVO01';
const UNBOUND = 'C0LOBBY01';

let world: SlackWorld | undefined;
let slack: SlackApp | undefined;
afterEach(async () => {
  await slack?.stop();
  await world?.close();
});

/** Two companies on one store and ONE Slack app: acme owns #ops, bravo owns its own channel. */
async function twoCompanies() {
  world = await slackWorld([rule]);
  const w = world;
  const configOf = (id: string, channelId: string) =>
    configSchema.parse({
      company: { id, name: id === COMPANY ? 'Acme HVAC' : 'Bravo Plumbing', time_zone: ZONE },
      sources: [{ id: 'quickbooks', type: 'quickbooks' }],
      channels: [{ type: 'slack', name: id === COMPANY ? 'ops' : 'bravo-ops', channel_id: channelId }],
    });
  const companies = [configOf(COMPANY, OPS), configOf('bravo', BRAVO_OPS)];
  await w.poll([aFinding({ amountCents: 10_000 })], NOW);
  await pollFound(
    { config: companies[1]!, rules: [rule], store: w.store, channels: ['bravo-ops'] },
    [aFinding({ amountCents: 777_700 })],
    NOW,
  );
  const routed = await Promise.all(
    companies.map(async (config) => {
      const service = await createService({
        config,
        loadRules: async () => ({ ok: true, rules: [rule] }),
        store: w.store,
        sources: [],
        channels: [],
        log: silentLogger,
        now: () => now,
      });
      const interactions = createSlackInteractions({
        config,
        store: w.store,
        health: w.health,
        command: (ref, action, actor) => service.command(ref, action, actor),
        now: () => now,
      });
      return { id: config.company.id, channelIds: config.channels.map((c) => (c.type === 'slack' ? c.channel_id : '')), interactions };
    }),
  );
  const interactions = routeInteractions(routed, () =>
    glanceAt(
      companies.map((config) => ({ config, store: w.store })),
      () => now,
    ),
  );
  slack = createSlackApp({
    mode: 'http',
    botToken: w.fake.botToken,
    signingSecret: SECRET,
    apiUrl: w.fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    botId: 'B_BOT',
    botUserId: 'U_BOT',
    interactions,
    log: silentLogger,
  });
  const { port } = await slack.start();
  const ask = async (text: string, channel: string) => {
    const before = w.fake.responses.length;
    await signedPost(port!, slashBody(w.fake, text, { ...ANN, channel }));
    await settled(() => w.fake.responses.length > before);
    const answer = w.fake.responses[before]!.body;
    return `${String(answer['text'])}\n${JSON.stringify(answer['blocks'] ?? [])}`;
  };
  const press = async (ref: string, channel: string) =>
    signedPost(port!, buttonBody(w.fake, ACTIONS.acknowledge, ref, { ...ANN, channel }));
  return { ask, press, store: w.store };
}

describe('/sync-status across the companies of one Slack app', () => {
  it('answers for the company named first, wherever it is asked', async () => {
    const { ask } = await twoCompanies();
    expect(await ask('bravo', UNBOUND)).toContain('$7,777.00');
    expect(await ask(`${COMPANY} high`, BRAVO_OPS)).not.toContain('$7,777.00');
  });

  it('answers for the company a channel belongs to when none is named', async () => {
    const { ask } = await twoCompanies();
    expect(await ask('', BRAVO_OPS)).toContain('$7,777.00');
    expect(await ask('', OPS)).toContain('$100.00');
  });

  it('shows every company at a glance, worst first, in a channel no one company owns', async () => {
    const { ask } = await twoCompanies();
    const shown = await ask('', UNBOUND);
    expect(shown).toMatch(/Sync health of 2 companies/);
    expect(shown.indexOf('*Bravo Plumbing* (`bravo`)')).toBeGreaterThan(-1);
    expect(shown.indexOf('*Bravo Plumbing*')).toBeLessThan(shown.indexOf('*Acme HVAC*'));
    expect(await ask('high', UNBOUND)).toContain(`Name the company first, e.g. \`/sync-status ${COMPANY} high\``);
  });

  it('acknowledges the incident of the company whose channel the button was pressed in', async () => {
    const { press, store } = await twoCompanies();
    await press('1', BRAVO_OPS);
    await settled(async () => (await store.loadIncident('bravo', 1))?.status === 'acknowledged');
    expect((await store.loadIncident(COMPANY, 1))?.status).toBe('open');
  });
});
