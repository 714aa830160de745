import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, BOT_EVENTS, VIEWS } from '../../../adapters/slack/action-ids';
import { createSlackApp } from '../../../adapters/slack/slack-app';
import { renderParent } from '../../../adapters/slack/render-alert';
import { buildView } from '../../../src/notify/build-view';
import { silentLogger } from '../../../src/ports/logger';
import { NOW } from '../../builders/clock';
import { anIncident } from '../../builders/incidents';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';
import { anInteractions } from './interactions';

const fake = new SlackApiFake({ botToken: 'fake-bot-x' });
beforeAll(() => fake.start());
afterAll(() => fake.stop());

const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url?: string }>; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean }; event_subscriptions: { bot_events: string[] } };
};

function anApp() {
  return createSlackApp({
    mode: 'http',
    botToken: 'fake-bot-x',
    signingSecret: 's',
    botId: 'B',
    botUserId: 'U',
    apiUrl: fake.apiUrl,
    interactions: anInteractions(),
    log: silentLogger,
  });
}

/** Whether a listener of the app takes (acks) this request body. */
async function isHandled(body: Record<string, unknown>): Promise<boolean> {
  let acked = false;
  await anApp()
    .app.processEvent({ body, ack: async () => void (acked = true) })
    .catch(() => undefined);
  return acked;
}

const slash = (command: string) => ({
  command,
  text: 'help',
  user_id: 'U1',
  user_name: 'ann',
  channel_id: 'C1',
  team_id: 'T1',
  response_url: `${fake.baseUrl}/respond/x`,
  trigger_id: 't',
});
const button = (action_id: string) => ({
  type: 'block_actions',
  user: { id: 'U1', username: 'ann' },
  team: { id: 'T1' },
  channel: { id: 'C1' },
  trigger_id: 't',
  response_url: `${fake.baseUrl}/respond/x`,
  actions: [{ type: 'button', action_id, block_id: 'b', value: '7', action_ts: '1' }],
});
const event = (type: string) => ({
  type: 'event_callback',
  team_id: 'T1',
  event: { type, user: 'U1', tab: 'about', channel: 'D1', event_ts: '1' },
});

/** Every action id in the blocks the app sends. */
function actionIdsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => actionIdsIn(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o['action_id'] === 'string' && o['type'] === 'button') out.add(o['action_id']);
    Object.values(o).forEach((v) => actionIdsIn(v, out));
  }
  return out;
}

describe('manifest.json', () => {
  it('declares slash commands the app answers, and the app answers no other', async () => {
    for (const c of manifest.features.slash_commands) expect(await isHandled(slash(c.command)), c.command).toBe(true);
    expect(await isHandled(slash('/sync-stats'))).toBe(false);
  });

  it('subscribes to exactly the bot events the app listens to', async () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([...BOT_EVENTS].sort());
    for (const e of BOT_EVENTS) expect(await isHandled(event(e)), e).toBe(true);
  });

  it('turns interactivity on, and every button the alerts carry has a listener', async () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const ids = actionIdsIn(renderParent(buildView(anIncident(), undefined), NOW).blocks);
    ids.add(ACTIONS.homeRefresh);
    expect([...ids].sort()).toEqual(Object.values(ACTIONS).sort());
    for (const id of ids) expect(await isHandled(button(id)), id).toBe(true);
    expect(await isHandled(button('sentinel_unknown'))).toBe(false);
    expect(VIEWS.rootCauseModal).toBeTruthy();
  });

  it('runs in Socket Mode with App Home, and asks for the scopes the app uses', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // chat.postMessage/update; history+replies for crash recovery; usergroups for who may act; files for the digest.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:write',
      'groups:history',
      'groups:read',
      'usergroups:read',
    ]);
  });
});
