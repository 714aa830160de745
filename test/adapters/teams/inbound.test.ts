import { afterEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../../adapters/teams/cards/card-actions';
import { HOUR, NOW } from '../../builders/clock';
import { COMPANY } from '../../builders/incidents';
import { aFinding, aFindingAbout } from '../../builders/findings';
import { anInvoice, aPayment, aQbInvoice, QUICKBOOKS, UPSTREAM } from '../../builders/records';
import { aRule } from '../../builders/rules';
import {
  botAddedToTeam,
  cardExecute,
  cardSubmit,
  DANA,
  installedInTeam,
  installedPersonally,
  mentionInChannel,
  OPS,
  personalMessage,
  removedFromTeam,
  TEAM,
} from './activities';
import { cardLines, cardOf } from './card-text';
import { teamsWorld, type TeamsWorld } from './harness';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing'] });
const finding = aFinding({
  key: 'invoice:1043',
  trace: [
    {
      hop: 'job',
      status: 'ok',
      ref: { side: 'upstream', source: 'fieldpro', entity: 'job', sourceId: 'J-77', label: 'Job 77 (completed)' },
    },
    {
      hop: 'upstream_invoice',
      status: 'ok',
      ref: { side: 'upstream', source: 'fieldpro', entity: 'invoice', sourceId: '1043', label: 'Invoice 1043' },
    },
    { hop: 'quickbooks_invoice', status: 'broken', note: 'not in QuickBooks' },
  ],
});
const at = (h: number) => new Date(NOW.getTime() + h * HOUR);

let world: TeamsWorld;
afterEach(async () => world?.close());

/** Posts the alert and returns its thread id. */
async function alertPosted(w: TeamsWorld): Promise<{ thread: string; incidentId: string }> {
  await w.install();
  await w.poll([finding], at(0));
  const root = w.fake.threadsIn(OPS)[0]!;
  const incident = (await w.store.loadIncidents(COMPANY))[0]!;
  return { thread: `${OPS};messageid=${root.id}`, incidentId: incident.id };
}

const lastReplyLines = (w: TeamsWorld, conversation: string) => {
  const replies = w.fake.messages.filter((m) => m.conversationId === conversation);
  return cardLines(cardOf(replies.at(-1)?.activity));
};

describe('installing the app', () => {
  it('stores the team and every one of its channels, whichever install event arrives', async () => {
    world = await teamsWorld([rule]);
    const res = await world.send(botAddedToTeam(world.fake.serviceUrl));
    expect(res.status).toBe(200);
    const stored = await world.conversations.listConversations(COMPANY);
    expect(stored.map((c) => [c.conversationId, c.name, c.teamId, c.status])).toEqual([
      [TEAM, 'General', TEAM, 'active'],
      [OPS, 'sync-alerts', TEAM, 'active'],
    ]);
    expect(stored[0]).toMatchObject({
      serviceUrl: world.fake.serviceUrl,
      tenantId: expect.any(String),
      botId: expect.stringMatching(/^28:/),
    });
  });

  it('stores a personal chat', async () => {
    world = await teamsWorld([rule]);
    await world.send(installedPersonally(world.fake.serviceUrl));
    expect(await world.conversations.findConversation(COMPANY, 'a:1personal-chat-with-dana')).toMatchObject({
      kind: 'personal',
      status: 'active',
    });
  });

  it('never moves a stored service URL on an unauthenticated activity (no app id): it could name any server', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    const elsewhere = 'https://attacker.example/';
    await world.send(mentionInChannel(elsewhere, 'sync-status help', TEAM));
    await world.send(installedInTeam(elsewhere));
    for (const c of await world.conversations.listConversations(COMPANY)) expect(c.serviceUrl).toBe(world.fake.serviceUrl);
  });

  it('marks the team dead when the app is removed, and alive again when it is added back', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.send(removedFromTeam(world.fake.serviceUrl));
    expect((await world.conversations.listConversations(COMPANY)).map((c) => c.status)).toEqual(['dead', 'dead']);
    await world.install();
    expect((await world.conversations.listConversations(COMPANY)).map((c) => c.status)).toEqual(['active', 'active']);
  });
});

describe('@bot sync-status', () => {
  it('answers a mention in a channel with the status card, in the thread it was asked in', async () => {
    world = await teamsWorld([rule]);
    const { thread } = await alertPosted(world);
    const res = await world.send(mentionInChannel(world.fake.serviceUrl, 'sync-status high', OPS, thread.split('=')[1]));
    expect(res.status).toBe(200);
    const reply = world.fake.calls.at(-1)!;
    expect(reply.path).toMatch(new RegExp(`^POST /v3/conversations/${thread.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/activities/`));
    const lines = cardLines(cardOf(reply.body));
    expect(lines[0]).toBe('Sync health: DEGRADED');
    expect(lines).toContain('Showing high incidents');
  });

  it('lists the open incidents with the mention stripped, in personal chat too', async () => {
    world = await teamsWorld([rule]);
    await alertPosted(world);
    await world.send(personalMessage(world.fake.serviceUrl, 'sync-status'));
    const lines = lastReplyLines(world, 'a:1personal-chat-with-dana');
    expect(lines).toContain('[MEDIUM] #1 Invoice missing from QuickBooks — 1 record, $100.00 · Run a diagnostic review');
  });

  it('answers a trace of a record it has never read with what to try instead', async () => {
    world = await teamsWorld([rule]);
    await alertPosted(world);
    await world.send(personalMessage(world.fake.serviceUrl, 'sync-status trace 1043'));
    expect(lastReplyLines(world, 'a:1personal-chat-with-dana')).toEqual([
      'Nothing found for "1043" — try a job number, an invoice number, a payment reference or a record id.',
    ]);
  });

  it('traces a payment by its check number, with amounts and the incident that flags it', async () => {
    world = await teamsWorld([rule]);
    await world.install();
    await world.store.applySourceRead(
      COMPANY,
      UPSTREAM,
      'upstream',
      { mode: 'full', records: [anInvoice(), aPayment()], problems: [] },
      NOW.toISOString(),
    );
    await world.store.applySourceRead(
      COMPANY,
      QUICKBOOKS,
      'quickbooks',
      { mode: 'full', records: [aQbInvoice()], problems: [] },
      NOW.toISOString(),
    );
    await world.poll([aFindingAbout(aQbInvoice())], at(0));
    await world.send(personalMessage(world.fake.serviceUrl, 'sync-status trace 7781'));
    expect(lastReplyLines(world, 'a:1personal-chat-with-dana')).toEqual([
      'Trace of "7781"',
      'Payment 7781 → Invoice 1043:',
      '✓ upstream payment: Payment 7781 $385.00 (fieldpro pay-1)',
      '✓ upstream invoice: Invoice 1043 $385.00 (fieldpro inv-1043)',
      '✓ quickbooks invoice: Invoice 1043 $385.00 (quickbooks 501) · incident #1',
      '✗ quickbooks payment — not in QuickBooks',
    ]);
  });

  it('says what it understands when asked for help or something it does not know', async () => {
    world = await teamsWorld([rule]);
    await world.send(mentionInChannel(world.fake.serviceUrl, 'sync-status help', TEAM));
    const help = cardLines(cardOf(world.fake.calls.at(-1)!.body));
    expect(help[0]).toBe('@mention me with sync-status and any of:');
    expect(help).toContain('sync-status trace 1043  the chain job → invoice → QuickBooks invoice → payment for a job or invoice number');

    await world.send(mentionInChannel(world.fake.serviceUrl, 'sync-status severity:urgent', TEAM));
    expect(cardLines(cardOf(world.fake.calls.at(-1)!.body))[0]).toBe('"urgent" is not a severity — use critical, high, medium or low.');
  });
});

describe('buttons on the alert card', () => {
  it('acknowledges with Action.Execute: Dana is recorded, the card updates, the thread says so, Dana gets a toast', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await alertPosted(world);
    const res = await world.send(cardExecute(world.fake.serviceUrl, thread, VERBS.acknowledge, { incident: incidentId }));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/^#1 acknowledged by Dana Ortiz\./),
    });
    const incident = (await world.store.loadIncidents(COMPANY))[0]!;
    expect(incident).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana Ortiz' });
    const events = await world.store.loadIncidentEvents(COMPANY, incidentId);
    expect(events.find((e) => e.type === 'acknowledged')!.data).toMatchObject({
      platform: 'teams',
      userId: DANA.aadObjectId,
      channelId: OPS,
    });

    const root = world.fake.threadsIn(OPS)[0]!;
    expect(cardLines(cardOf(root.activity))[1]).toBe('Acknowledged by Dana Ortiz');
    expect(lastReplyLines(world, thread)[0]).toBe('Acknowledged by Dana Ortiz');
  });

  it('snoozes for the chosen time and records the root cause typed into the card', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await alertPosted(world);
    await world.send(cardExecute(world.fake.serviceUrl, thread, VERBS.snooze, { incident: incidentId, snooze_for: '1w' }));
    let incident = (await world.store.loadIncidents(COMPANY))[0]!;
    expect(incident.status).toBe('snoozed');
    expect(Date.parse(incident.snoozedUntil!) - Date.parse(at(0).toISOString())).toBe(7 * 24 * HOUR);

    const res = await world.send(
      cardExecute(world.fake.serviceUrl, thread, VERBS.rootCause, {
        incident: incidentId,
        root_cause_text: 'Denver price book item not mapped',
      }),
    );
    expect((res.body as { value: string }).value).toMatch(/^Root cause for #1 recorded by Dana Ortiz/);
    incident = (await world.store.loadIncidents(COMPANY))[0]!;
    expect(incident.rootCause).toMatchObject({ text: 'Denver price book item not mapped', actor: 'Dana Ortiz' });
  });

  it('works the same from the Action.Submit fallback of older clients', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await alertPosted(world);
    await world.send(cardSubmit(world.fake.serviceUrl, thread, { verb: VERBS.acknowledge, incident: incidentId }));
    expect((await world.store.loadIncidents(COMPANY))[0]!.status).toBe('acknowledged');
  });

  it('posts the trace of the incident’s records into the thread', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await alertPosted(world);
    const res = await world.send(cardExecute(world.fake.serviceUrl, thread, VERBS.showTrace, { incident: incidentId }));
    expect((res.body as { value: string }).value).toBe('Trace of #1 posted below.');
    expect(lastReplyLines(world, thread)).toEqual([
      'Trace of #1 Invoice missing from QuickBooks',
      'Invoice 1043:',
      '✓ job: Job 77 (completed) (fieldpro J-77)',
      '✓ upstream invoice: Invoice 1043 (fieldpro 1043)',
      '✗ quickbooks invoice — not in QuickBooks',
    ]);
  });

  it('refuses someone not on the allow-list, and changes nothing', async () => {
    world = await teamsWorld([rule], { allow: [{ platform: 'teams', users: ['aad-someone-else'] }] });
    const { thread, incidentId } = await alertPosted(world);
    const editsBefore = world.fake.threadsIn(OPS)[0]!.edits;
    const res = await world.send(cardExecute(world.fake.serviceUrl, thread, VERBS.acknowledge, { incident: incidentId }));
    expect((res.body as { value: string }).value).toMatch(/not on the list of people who may change alerts/);
    expect((await world.store.loadIncidents(COMPANY))[0]!.status).toBe('open');
    expect(world.fake.threadsIn(OPS)[0]!.edits).toBe(editsBefore);
  });

  it('answers a button it does not know without acting', async () => {
    world = await teamsWorld([rule]);
    const { thread, incidentId } = await alertPosted(world);
    const res = await world.send(cardExecute(world.fake.serviceUrl, thread, 'sentinel.delete_everything', { incident: incidentId }));
    expect((res.body as { value: string }).value).toMatch(/not one sync-sentinel knows/);
    expect((await world.store.loadIncidents(COMPANY))[0]!.status).toBe('open');
  });
});
