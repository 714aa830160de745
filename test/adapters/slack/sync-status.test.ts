import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../adapters/slack/action-ids';
import { HOUR, NOW } from '../../builders/clock';
import { aFinding, aFindingAbout } from '../../builders/findings';
import { COMPANY } from '../../builders/incidents';
import { anInvoice, aPayment, aQbInvoice, QUICKBOOKS, UPSTREAM } from '../../builders/records';
import { aRule } from '../../builders/rules';
import { slackAppWorld, type AppWorld } from './app-world';
import { OPS } from './harness';
import { ANN, buttonBody, eventBody, settled, slashBody } from './requests';

const rule = aRule('missing', { id: 'missing-invoice', title: 'Invoice missing from QuickBooks', impact: ['billing', 'accounting'] });
const now = new Date(NOW.getTime() + HOUR);

let w: AppWorld;
afterEach(async () => w?.close());

async function ask(text: string): Promise<{ status: number; answer: Record<string, unknown>; shown: string }> {
  const before = w.world.fake.responses.length;
  const res = await w.post(slashBody(w.world.fake, text));
  await settled(() => w.world.fake.responses.length > before);
  const answer = w.world.fake.responses[before]!.body;
  return { status: res.status, answer, shown: `${String(answer['text'])}\n${JSON.stringify(answer['blocks'] ?? [])}` };
}

describe('/sync-status', () => {
  it('is acknowledged at once and answers only the person who asked', async () => {
    w = await slackAppWorld([rule], { now });
    await w.world.poll([aFinding({ location: 'Denver' })], NOW);
    const { status, answer, shown } = await ask('');
    expect(status).toBe(200);
    expect(answer['response_type']).toBe('ephemeral');
    expect(shown).toContain('#1 Invoice missing from QuickBooks');
    expect(shown).toContain('*Money at risk*\\n$100.00');
  });

  it('shares the answer in the channel with public', async () => {
    w = await slackAppWorld([rule], { now });
    expect((await ask('public')).answer['response_type']).toBe('in_channel');
  });

  it('filters by severity, entity and location', async () => {
    w = await slackAppWorld([rule], { now });
    await w.world.poll([aFinding({ location: 'Denver' })], NOW);
    expect((await ask('severity:critical')).shown).not.toContain('#1 Invoice missing');
    expect((await ask('location:denver invoices')).shown).toContain('#1 Invoice missing');
  });

  it('lists what must be corrected before the close, and explains help and unknown words', async () => {
    w = await slackAppWorld([rule], { now });
    await w.world.poll([aFinding({ since: new Date(NOW.getTime() - 40 * 24 * HOUR).toISOString() })], NOW);
    expect((await ask('close')).shown).toMatch(/records\* to correct by hand, \*\$100\.00\*/);
    expect((await ask('help')).shown).toContain('/sync-status trace 1043');
    const unknown = await ask('helo');
    expect(unknown.shown).toMatch(/did you mean `help`/);
    expect(unknown.shown).toContain('/sync-status close');
  });

  it('traces a payment by its check number, with amounts and the incident that flags it', async () => {
    w = await slackAppWorld([rule], { now });
    const at = NOW.toISOString();
    await w.world.store.applySourceRead(
      COMPANY,
      UPSTREAM,
      'upstream',
      { mode: 'full', records: [anInvoice(), aPayment()], problems: [] },
      at,
    );
    await w.world.store.applySourceRead(COMPANY, QUICKBOOKS, 'quickbooks', { mode: 'full', records: [aQbInvoice()], problems: [] }, at);
    await w.world.poll([aFindingAbout(aQbInvoice())], NOW);
    const { shown } = await ask('trace check 7781');
    expect(shown).toContain('Payment 7781 → Invoice 1043');
    expect(shown).toContain('upstream payment: Payment 7781 $385.00 (fieldpro pay-1)');
    expect(shown).toContain('quickbooks invoice: Invoice 1043 $385.00 (quickbooks 501) · *incident #1*');
    expect(shown).toContain(':x: quickbooks payment — not in QuickBooks');
  });

  it('shows held alerts on top, with how to fix them', async () => {
    w = await slackAppWorld([rule], { now });
    w.world.fake.notIn.add(OPS);
    await w.world.poll([aFinding()], NOW);
    const { shown } = await ask('');
    expect(shown).toContain('Alerts held');
    expect(shown).toContain('/invite @sync-sentinel');
    expect(await w.world.health.openProblems(COMPANY)).toHaveLength(1);
  });
});

describe('App Home', () => {
  it('shows the health view when opened, and again after each poll', async () => {
    w = await slackAppWorld([rule], { now });
    const res = await w.post(eventBody({ type: 'app_home_opened', user: ANN.id, channel: 'D1', tab: 'home', event_ts: '1.000100' }), {
      type: 'application/json',
    });
    expect(res.status).toBe(200);
    await settled(() => w.world.fake.homes.has(ANN.id));
    // Before the first poll nothing is measured: "Healthy" would be a guess.
    expect(JSON.stringify(w.world.fake.homes.get(ANN.id))).toContain('Not polled yet');

    await w.world.poll([aFinding()], NOW);
    await w.slack.refreshHomes();
    const home = JSON.stringify(w.world.fake.homes.get(ANN.id));
    expect(home).not.toContain('Not polled yet');
    expect(home).toContain('#1 Invoice missing from QuickBooks');
    expect(home).toContain(ACTIONS.homeRefresh);
  });

  it('refreshes when the Refresh button is pressed', async () => {
    w = await slackAppWorld([rule], { now });
    await w.post(buttonBody(w.world.fake, ACTIONS.homeRefresh, 'home'));
    await settled(() => w.world.fake.homes.has(ANN.id));
    expect(w.world.fake.callsOf('views.publish')).toHaveLength(1);
  });
});
