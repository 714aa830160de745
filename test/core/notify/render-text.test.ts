import { describe, expect, it } from 'vitest';
import { buildView } from '../../../src/notify/build-view';
import { renderParentText, renderThreadText } from '../../../src/notify/render-text';
import { daysAgo, NOW } from '../../builders/clock';
import { aFinding, someFindings } from '../../builders/findings';
import { anIncident } from '../../builders/incidents';
import { shippedRule } from '../../builders/rules';

const brokenTrace = [
  { hop: 'upstream_invoice' as const, status: 'ok' as const },
  { hop: 'quickbooks_invoice' as const, status: 'broken' as const },
];

describe('the parent message as text', () => {
  it('says what broke, how much, why, and what to do next', () => {
    const incident = anIncident({
      findings: [
        aFinding({
          summary: 'Invoice 1043 ($100.00, Jane Doe) not in QuickBooks after 4 days',
          trace: brokenTrace,
          since: daysAgo(4),
          location: 'North',
        }),
      ],
      classification: {
        path: ['occasional', 'affects billing, accounting, reporting', 'cause not yet known', '→ Run a diagnostic review'],
      },
    });

    expect(renderParentText(buildView(incident, shippedRule('missing-invoice')), NOW).split('\n')).toEqual([
      '[MEDIUM] #7 Invoice missing from QuickBooks — open',
      '1 record · $100.00 at risk, oldest 4 days · North',
      'Why: occasional · affects billing, accounting, reporting · cause not yet known → Run a diagnostic review',
      'Next: Run a diagnostic review — Fix the cause shown (map the item, resolve the customer clash), then re-sync the invoices.',
      '  • Invoice 1043 ($100.00, Jane Doe) not in QuickBooks after 4 days [upstream invoice → QuickBooks invoice]',
    ]);
  });

  it('shows five records and points to the thread for the rest', () => {
    const text = renderParentText(buildView(anIncident({ findings: someFindings(8) }), undefined));

    expect(text.split('\n').filter((l) => l.startsWith('  • '))).toHaveLength(5);
    expect(text).toContain('  … 3 more in the thread');
  });

  it('counts held-back records apart and leaves their money out of the amount at risk', () => {
    const incident = anIncident({
      findings: [aFinding({ amountCents: 10_000 }), aFinding({ key: 'invoice:2', amountCents: 50_000, suppressedBy: 'QuickBooks Online' })],
    });

    expect(renderParentText(buildView(incident, undefined))).toContain('2 records (1 held back) · $100.00 at risk');
  });

  it('marks a resolved incident', () => {
    const incident = anIncident({ status: 'resolved', resolvedAt: NOW.toISOString(), findings: [] });

    expect(renderParentText(buildView(incident, undefined)).split('\n')[0]).toBe('[MEDIUM] #7 Invoice missing from QuickBooks — RESOLVED');
  });
});

describe('a thread reply as text', () => {
  it('lists its records under the headline and counts what it left out', () => {
    const text = renderThreadText({
      incidentId: 'i',
      number: 7,
      purpose: 'new_findings',
      headline: '2 new records',
      lines: [
        { key: 'a', summary: 'Invoice 1', amountCents: 1, suppressed: true },
        { key: 'b', summary: 'Invoice 2', amountCents: 1 },
      ],
      moreCount: 4,
      severity: 'medium',
    });

    expect(text).toBe('2 new records\n• (held back) Invoice 1\n• Invoice 2\n… and 4 more');
  });
});
