// Requests as Slack sends them to the HTTP receiver: form bodies, `payload=<json>` for
// interactivity, JSON for events, each signed with v0 HMAC-SHA256 over `v0:{ts}:{body}`.
import { createHmac } from 'node:crypto';
import { SLASH_COMMAND } from '../../../adapters/slack/action-ids';
import type { SlackApiFake } from '../../fakes/slack/slack-api-fake';

export const SECRET = 'test-signing-secret';

export interface Who {
  id: string;
  name: string;
  channel?: string;
}
export const ANN: Who = { id: 'U0ANN0001', name: 'ann', channel: 'C0OPS0001' };

export function signedPost(port: number, body: string, opts: { secret?: string; ts?: number; type?: string } = {}): Promise<Response> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', opts.secret ?? SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    body,
    headers: {
      'content-type': opts.type ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    },
  });
}

export function slashBody(fake: SlackApiFake, text: string, who: Who = ANN): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: who.channel ?? 'C1',
    channel_name: 'ops',
    user_id: who.id,
    user_name: who.name,
    command: SLASH_COMMAND,
    text,
    api_app_id: 'A1',
    response_url: `${fake.baseUrl}/respond/cmd`,
    trigger_id: '1.2.3',
  }).toString();
}

export function buttonPayload(fake: SlackApiFake, actionId: string, value: string, who: Who = ANN): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: who.id, username: who.name, name: who.name, team_id: 'T1' },
    api_app_id: 'A1',
    team: { id: 'T1', domain: 'acme' },
    channel: { id: who.channel ?? 'C1', name: 'ops' },
    trigger_id: '1.2.3',
    response_url: `${fake.baseUrl}/respond/btn`,
    container: { type: 'message', message_ts: '1.000100' },
    message: { ts: '1.000100' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
  };
}

export function buttonBody(fake: SlackApiFake, actionId: string, value: string, who: Who = ANN): string {
  return new URLSearchParams({ payload: JSON.stringify(buttonPayload(fake, actionId, value, who)) }).toString();
}

export function viewSubmissionBody(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, { type: string; value: string }>>,
  who: Who = ANN,
): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'acme' },
    user: { id: who.id, username: who.name, name: who.name, team_id: 'T1' },
    api_app_id: 'A1',
    trigger_id: '1.2.3',
    view: {
      id: 'V1',
      team_id: 'T1',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

/** Waits (briefly) until a condition holds: listeners finish after their ack. */
export async function settled(check: () => boolean | Promise<boolean>): Promise<void> {
  // Returns as soon as `check` holds; the deadline is generous because a loaded CI machine is slow.
  const deadline = Date.now() + 15_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}
