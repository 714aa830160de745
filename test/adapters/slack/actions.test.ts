import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, ROOT_CAUSE_INPUT, VIEWS } from '../../../adapters/slack/action-ids';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding } from '../../builders/findings';
import { COMPANY } from '../../builders/incidents';
import { aRule } from '../../builders/rules';
import { slackAppWorld, type AppWorld } from './app-world';
import { OPS } from './harness';
import { ANN, buttonBody, settled, viewSubmissionBody, type Who } from './requests';

// Cause not yet known; $5,000 at risk is urgent: marking the cause makes it a Stabilization Sprint.
const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing', 'accounting'] });
const finding = aFinding({
  amountCents: 500_000,
  trace: [
    {
      hop: 'upstream_invoice',
      status: 'ok',
      ref: { side: 'upstream', source: 'fieldpro', entity: 'invoice', sourceId: '1043', label: 'Invoice 1043' },
    },
    { hop: 'quickbooks_invoice', status: 'broken', note: 'no QuickBooks invoice with DocNumber 1043' },
  ],
});
const now = new Date(NOW.getTime() + HOUR);
const BOB: Who = { id: 'U0BOB0001', name: 'bob', channel: OPS };

let w: AppWorld;
afterEach(async () => w?.close());

async function opened(allow: Parameters<typeof slackAppWorld>[1]['allow'] = []): Promise<AppWorld> {
  w = await slackAppWorld([rule], { now, allow });
  await w.world.poll([finding], NOW);
  return w;
}

const parentOf = (a: AppWorld) => a.world.fake.channelMessages(OPS)[0]!;
const threadTexts = (a: AppWorld) => a.world.fake.threadOf(OPS, parentOf(a).ts).map((m) => m.text);

describe('the buttons on an alert', () => {
  it('Acknowledge edits the parent and says who in the thread and the incident history', async () => {
    const a = await opened();
    expect((await a.post(buttonBody(a.world.fake, ACTIONS.acknowledge, '1'))).status).toBe(200);
    await settled(() => threadTexts(a).length > 0);

    expect(threadTexts(a)).toEqual(['#1 Acknowledged by ann']);
    expect(parentOf(a).text).toContain('ACKNOWLEDGED');
    const events = await a.world.store.loadIncidentEvents(COMPANY, (await a.world.store.loadIncident(COMPANY, 1))!.id);
    expect(events.find((e) => e.type === 'acknowledged')).toMatchObject({ actor: 'ann', data: { platform: 'slack', userId: ANN.id } });
  });

  it('Snooze 1 week snoozes it for a week', async () => {
    const a = await opened();
    await a.post(buttonBody(a.world.fake, ACTIONS.snoozeWeek, '1'));
    await settled(() => threadTexts(a).length > 0);
    const incident = (await a.world.store.loadIncident(COMPANY, 1))!;
    expect(incident.status).toBe('snoozed');
    expect(Date.parse(incident.snoozedUntil!) - now.getTime()).toBe(7 * 24 * HOUR);
    expect(threadTexts(a)[0]).toMatch(/^#1 Snoozed by ann until/);
  });

  it('Root cause known opens a modal; the cause re-classifies an urgent incident to a Stabilization Sprint', async () => {
    const a = await opened();
    await a.post(buttonBody(a.world.fake, ACTIONS.rootCause, '1'));
    await settled(() => a.world.fake.callsOf('views.open').length > 0);
    const modal = a.world.fake.callsOf('views.open')[0]!.args['view'] as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe(VIEWS.rootCauseModal);

    const res = await a.post(
      viewSubmissionBody(modal.callback_id, modal.private_metadata, {
        [ROOT_CAUSE_INPUT.block]: {
          [ROOT_CAUSE_INPUT.action]: { type: 'plain_text_input', value: 'AC Tune-Up is not mapped to a QuickBooks item' },
        },
      }),
    );
    expect(res.status).toBe(200);
    await settled(() => threadTexts(a).length >= 2);

    expect((await a.world.store.loadIncident(COMPANY, 1))!.classification.action).toBe('stabilization_sprint');
    expect(threadTexts(a)).toEqual(expect.arrayContaining(['#1 Root cause marked by ann: AC Tune-Up is not mapped to a QuickBooks item']));
    expect(threadTexts(a).some((t) => t.startsWith('#1 Escalated to critical: Stabilization Sprint'))).toBe(true);
    expect(parentOf(a).text).toContain('Stabilization Sprint');
  });

  it('refuses an empty cause in the modal itself', async () => {
    const a = await opened();
    const res = await a.post(
      viewSubmissionBody(VIEWS.rootCauseModal, JSON.stringify({ ref: '1' }), {
        [ROOT_CAUSE_INPUT.block]: { [ROOT_CAUSE_INPUT.action]: { type: 'plain_text_input', value: '  ' } },
      }),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { [ROOT_CAUSE_INPUT.block]: 'Say in a few words what causes it.' },
    });
  });

  it('Show trace answers only the person who asked, with the broken hop', async () => {
    const a = await opened();
    await a.post(buttonBody(a.world.fake, ACTIONS.showTrace, '1'));
    await settled(() => a.world.fake.responses.length > 0);
    const answer = a.world.fake.responses[0]!.body;
    expect(answer['response_type']).toBe('ephemeral');
    expect(JSON.stringify(answer['blocks'])).toContain(':x: quickbooks invoice — no QuickBooks invoice with DocNumber 1043');
  });
});

describe('who may act', () => {
  it('lets members of an allowed user group act, and tells anyone else why not', async () => {
    const a = await opened([{ platform: 'slack', groups: ['S0OPS'] }]);
    a.world.fake.userGroups.set('S0OPS', { handle: 'ops', users: [ANN.id] });

    await a.post(buttonBody(a.world.fake, ACTIONS.acknowledge, '1', BOB));
    await settled(() => a.world.fake.responses.length > 0);
    expect(a.world.fake.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(a.world.fake.responses[0]!.body['text'])).toMatch(/not on the list of people who may change alerts/);
    expect((await a.world.store.loadIncident(COMPANY, 1))!.status).toBe('open');

    await a.post(buttonBody(a.world.fake, ACTIONS.acknowledge, '1', ANN));
    await settled(() => threadTexts(a).length > 0);
    expect((await a.world.store.loadIncident(COMPANY, 1))!.acknowledgedBy).toBe('ann');
  });

  it('does not open the root-cause modal for someone who may not act', async () => {
    const a = await opened([{ users: [ANN.id] }]);
    await a.post(buttonBody(a.world.fake, ACTIONS.rootCause, '1', BOB));
    await settled(() => a.world.fake.responses.length > 0);
    expect(a.world.fake.callsOf('views.open')).toEqual([]);
  });
});
