import { describe, expect, it } from 'vitest';
import { renderStatusText } from '../../../src/status/render-status';
import { buildStatusView } from '../../../src/status/status-view';
import { refOf } from '../../../src/trace/trace';
import { NOW } from '../../builders/clock';
import { aPollRun, aSourceHealth } from '../../builders/context';
import { aFinding, aFindingAbout } from '../../builders/findings';
import { anIncident } from '../../builders/incidents';
import { anInvoice, aPayment, aQbInvoice, QUICKBOOKS, UPSTREAM } from '../../builders/records';

const HEALTH = [aSourceHealth(UPSTREAM, 'upstream'), aSourceHealth(QUICKBOOKS, 'quickbooks')];

/** QuickBooks invoice 501 ($385.00) flagged by two rules: a $120.00 total mismatch and its whole balance. */
function oneInvoiceInTwoIncidents() {
  const qb = aQbInvoice();
  return [
    anIncident({
      ruleId: 'mismatch-invoice-total',
      number: 3,
      findings: [aFindingAbout(qb, { ruleId: 'mismatch-invoice-total', amountCents: 12_000 })],
    }),
    anIncident({
      ruleId: 'mismatch-invoice-balance',
      number: 4,
      findings: [aFindingAbout(qb, { ruleId: 'mismatch-invoice-balance', amountCents: 38_500 })],
    }),
  ];
}

describe('the status view', () => {
  it('counts an invoice that sits in two incidents once in the company money at risk, at its larger amount', () => {
    const view = buildStatusView(oneInvoiceInTwoIncidents(), HEALTH, null);
    // Each incident keeps its own figure; adding them up is the double count the headline used to show.
    expect(view.incidents.map((i) => [i.number, i.moneyAtRiskCents])).toEqual([
      [3, 12_000],
      [4, 38_500],
    ]);
    expect(view.incidents.reduce((n, i) => n + i.moneyAtRiskCents, 0)).toBe(50_500);
    expect(view.moneyAtRiskCents).toBe(38_500);
    expect(renderStatusText(view, NOW)).toMatch(/^Sync health: .* · \$385\.00 at risk$/m);
  });

  it('still adds up different records, and the same id on the other side is another record', () => {
    const incidents = [
      anIncident({ ruleId: 'late-invoice', number: 1, findings: [aFindingAbout(anInvoice(), { ruleId: 'late-invoice' })] }),
      anIncident({
        ruleId: 'mismatch-invoice-total',
        number: 2,
        findings: [
          aFindingAbout(aQbInvoice({ sourceId: '502', number: '1044', totalCents: 10_000 }), { ruleId: 'mismatch-invoice-total' }),
        ],
      }),
    ];
    expect(buildStatusView(incidents, HEALTH, null).moneyAtRiskCents).toBe(38_500 + 10_000);
  });

  it('does not count a finding held back by a stale source, but still lists it', () => {
    const held = aFindingAbout(anInvoice(), { suppressedBy: 'stale-source' });
    const view = buildStatusView([anIncident({ findings: [held] })], HEALTH, null);
    expect(view.moneyAtRiskCents).toBe(0);
    expect(view.incidents[0]!.findings).toEqual([expect.objectContaining({ suppressed: true, amountCents: 38_500 })]);
  });

  it('lists each finding with the records it names: side, source, id, number and amount', () => {
    const payment = aPayment();
    const finding = aFindingAbout(aQbInvoice(), {
      ruleId: 'mismatch-invoice-balance',
      summary: 'Invoice 1043 is paid upstream but open in QuickBooks',
      related: [refOf(payment)],
    });
    const view = buildStatusView([anIncident({ ruleId: 'mismatch-invoice-balance', findings: [finding] })], HEALTH, null);
    expect(view.incidents[0]!.findings).toEqual([
      expect.objectContaining({
        rule: 'mismatch-invoice-balance',
        summary: 'Invoice 1043 is paid upstream but open in QuickBooks',
        amountCents: 38_500,
        amount: '$385.00',
        subject: {
          side: 'quickbooks',
          source: QUICKBOOKS,
          entity: 'invoice',
          id: '501',
          label: 'Invoice 1043',
          number: '1043',
          amountCents: 38_500,
        },
        related: [
          {
            side: 'upstream',
            source: UPSTREAM,
            entity: 'payment',
            id: 'pay-1',
            label: 'Payment 7781',
            number: '7781',
            amountCents: 38_500,
          },
        ],
      }),
    ]);
  });

  it('lists the biggest money first', () => {
    const small = aFindingAbout(anInvoice({ sourceId: 'inv-1', number: '1', totalCents: 500 }));
    const big = aFindingAbout(anInvoice({ sourceId: 'inv-2', number: '2', totalCents: 90_000 }));
    const view = buildStatusView([anIncident({ findings: [small, big] })], HEALTH, null);
    expect(view.incidents[0]!.findings.map((f) => f.subject.number)).toEqual(['2', '1']);
  });

  it('reads findings stored before records carried a number or an amount', () => {
    const stored = aFinding();
    expect(stored.subject).not.toHaveProperty('number');
    const view = buildStatusView([anIncident({ findings: [stored] })], HEALTH, null);
    expect(view.incidents[0]!.findings[0]!.subject).toEqual({
      side: 'upstream',
      source: 'fieldpro',
      entity: 'invoice',
      id: '1043',
      label: 'Invoice 1043',
      number: null,
      amountCents: null,
    });
    expect(view.moneyAtRiskCents).toBe(10_000);
  });

  it('says "not polled yet" before the first poll, never a health nobody measured', () => {
    // A fresh install: nothing stored about any source yet.
    const text = renderStatusText(buildStatusView([], [], null), NOW);
    expect(text.split('\n')[0]).toBe('Sync health: not polled yet — no source has been read, so nothing is known about the sync');
    expect(text).toMatch(/^Last poll: not yet — `sync-sentinel run --once` reads every source once/m);
    expect(text).not.toMatch(/HEALTHY|FAILING|never/);
  });

  it('says one open incident, not "1 open incidents", once polled', () => {
    const view = buildStatusView(oneInvoiceInTwoIncidents().slice(0, 1), HEALTH, aPollRun());
    expect(renderStatusText(view, NOW).split('\n')[0]).toBe(
      'Sync health: DEGRADED · 1 open incident (0 critical, 0 high, 1 medium, 0 low) · $120.00 at risk',
    );
  });
});
