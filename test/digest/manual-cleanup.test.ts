// Manual cleanup is counted from what really changed: the poll that resolves a finding records which
// side's records moved, and the digest counts the QuickBooks-only fixes and the non-integration users.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeResolutions, type ResolutionFacts } from '../../src/digest/attribute-resolution';
import { isManualCorrection } from '../../src/digest/manual-cleanup';
import { prepareDigest } from '../../src/digest/run-digest';
import type { CanonicalRecord } from '../../src/domain/records';
import type { Incident } from '../../src/incidents/model';
import { reconcile } from '../../src/trace/reconcile';
import { aMatching } from '../builders/context';
import { daysAgo, hoursAgo, NOW } from '../builders/clock';
import { aFinding } from '../builders/findings';
import { aChange, anEvent, anIncident, anIncidentFinding } from '../builders/incidents';
import { anInvoice, aQbInvoice } from '../builders/records';
import { startDemo, type DemoHarness } from '../scenario/harness';

/** Which side fixed a finding about upstream invoice inv-1043 and its QuickBooks twin, seen two days ago. */
function factsFor(records: CanonicalRecord[]): ResolutionFacts {
  const finding = aFinding({
    key: 'mismatch:1043',
    subject: { side: 'upstream', source: 'fieldpro', entity: 'invoice', sourceId: 'inv-1043', label: 'Invoice 1043' },
  });
  const resolved = { ...anIncidentFinding(finding, { firstSeenAt: daysAgo(2) }), resolvedAt: NOW.toISOString() };
  const incident: Incident = anIncident({ findings: [] });
  const change = aChange(incident, {
    resolved: [resolved],
    events: [anEvent(incident, 'findings_resolved', { data: { keys: [resolved.key] } })],
  });
  const [attributed] = attributeResolutions([change], records, reconcile(records, aMatching()));
  return (attributed!.events[0]!.data.resolvedBy as ResolutionFacts[])[0]!;
}

const OLD = daysAgo(10);
const RECENT = hoursAgo(3);
const upstream = (updatedAt = OLD) => anInvoice({ updatedAt });
const quickbooks = (overrides: Parameters<typeof aQbInvoice>[0] = {}) => aQbInvoice({ createdAt: OLD, updatedAt: OLD, ...overrides });

describe('which side fixed a finding', () => {
  it('a QuickBooks edit with no upstream change is a correction by hand', () => {
    const facts = factsFor([upstream(), quickbooks({ updatedAt: RECENT })]);
    expect(facts).toEqual({ key: 'mismatch:1043', quickbooksChanged: true, upstreamChanged: false, syncCreated: false });
    expect(isManualCorrection(facts, [])).toBe(true);
  });

  it('a change upstream that the sync carried into QuickBooks is not', () => {
    const facts = factsFor([upstream(RECENT), quickbooks({ updatedAt: RECENT })]);
    expect([facts.quickbooksChanged, facts.upstreamChanged]).toEqual([true, true]);
    expect(isManualCorrection(facts, [])).toBe(false);
  });

  it("an invoice the sync posted late (it carries the sync's id) is the sync catching up", () => {
    const facts = factsFor([upstream(), quickbooks({ createdAt: RECENT, updatedAt: RECENT })]);
    expect(facts).toMatchObject({ syncCreated: true, quickbooksChanged: false });
    expect(isManualCorrection(facts, [])).toBe(false);
  });

  it('an invoice typed into QuickBooks by hand (matched only by its number) is a correction by hand', () => {
    const facts = factsFor([upstream(), quickbooks({ createdAt: RECENT, updatedAt: RECENT, privateNote: 'keyed in by accounting' })]);
    expect(facts).toMatchObject({ syncCreated: false, quickbooksChanged: true, upstreamChanged: false });
    expect(isManualCorrection(facts, [])).toBe(true);
  });

  it('an edit by a QuickBooks user who is not the integration counts, whatever else changed', () => {
    const facts = factsFor([upstream(RECENT), quickbooks({ updatedAt: RECENT, createdBy: 'Pat Bookkeeper' })]);
    expect(facts.quickbooksUser).toBe('Pat Bookkeeper');
    expect(isManualCorrection(facts, ['FieldPro Sync'])).toBe(true);
    expect(isManualCorrection({ ...facts, quickbooksUser: 'FIELDPRO SYNC' }, ['FieldPro Sync'])).toBe(false);
  });
});

describe('manual cleanup over the demo company', () => {
  const NOW_DEMO = new Date('2026-11-18T15:00:00Z');
  let h: DemoHarness;

  beforeAll(async () => {
    h = await startDemo(NOW_DEMO);
    await h.service.runOnce();
  }, 60_000);
  afterAll(async () => h?.close());

  it('counts a bookkeeper renumbering a clashing invoice in QuickBooks as one correction by hand', async () => {
    const incidents = await h.booted.store.loadIncidents('demo');
    const clash = incidents.find((i) => i.ruleId === 'duplicate-invoice-number')!;
    const handMade = clash.findings[0]!.finding.subject.sourceId;

    const file = path.join(h.demoDir, 'quickbooks', 'Invoice.json');
    const invoices = JSON.parse(readFileSync(file, 'utf8')) as Array<{
      Id: string;
      DocNumber: string;
      SyncToken: string;
      MetaData: { LastUpdatedTime: string };
    }>;
    const invoice = invoices.find((i) => i.Id === handMade)!;
    invoice.DocNumber = `${invoice.DocNumber}-A`;
    invoice.SyncToken = String(Number(invoice.SyncToken) + 1);
    invoice.MetaData.LastUpdatedTime = '2026-11-18T10:30:00-06:00';
    writeFileSync(file, JSON.stringify(invoices, null, 2));

    h.setNow(new Date(NOW_DEMO.getTime() + 3_600_000));
    await h.service.runOnce();
    const events = await h.booted.store.loadIncidentEvents('demo', clash.id);
    const resolved = events.find((e) => e.type === 'findings_resolved')!;
    expect(resolved.data.resolvedBy).toEqual([expect.objectContaining({ quickbooksChanged: true, upstreamChanged: false })]);

    const digest = await prepareDigest({
      config: h.booted.config,
      store: h.booted.store,
      digestStore: h.booted.digestStore,
      now: new Date(NOW_DEMO.getTime() + 2 * 3_600_000),
    });
    expect(digest.snapshot.cleanup).toEqual({ corrections: 1, beforeClose: 0, minutes: 15 });
    expect(digest.view.cleanup.value).toBe('1 record corrected by hand ≈ 0.3 h');
  });
});
