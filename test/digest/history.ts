// A synthetic company over twelve weeks, with every figure of weeks 11 and 12 known by hand.
// Week 12 ends Thursday 2 April 2026, 09:00 in Chicago: the books close on the 3rd, so a correction on
// 1 April is "before close" and one on 28 March is not.
import { computeSnapshot, type DigestSettings, type SnapshotInput } from '../../src/digest/compute-snapshot';
import { viewWithHistory } from '../../src/digest/run-digest';
import type { DigestSnapshot } from '../../src/digest/snapshot';
import type { DigestView } from '../../src/digest/view';
import type { ResolutionFacts } from '../../src/digest/attribute-resolution';
import type { Finding } from '../../src/domain/finding';
import type { CanonicalRecord, InvoiceRecord } from '../../src/domain/records';
import { DAY, HOUR, isoWeek } from '../../src/domain/time';
import type { Incident, IncidentEvent } from '../../src/incidents/model';
import type { WeeklyRuleStat } from '../../src/ports/store';
import { reconcile } from '../../src/trace/reconcile';
import { aMatching } from '../builders/context';
import { aFinding } from '../builders/findings';
import { anEvent, anIncident, COMPANY, ZONE } from '../builders/incidents';
import { anInvoice, aQbInvoice } from '../builders/records';

export const WEEK12 = new Date('2026-04-02T14:00:00.000Z');
export const nowOf = (w: number) => new Date(WEEK12.getTime() - (12 - w) * 7 * DAY);
export const weekOf = (w: number) => isoWeek(nowOf(w), ZONE);

export const SETTINGS: DigestSettings = {
  timeZone: ZONE,
  closeDay: 3,
  closeWithinDays: 3,
  minutesPerCorrection: 45,
  integrationUsers: ['FieldPro Sync'],
  trustBelowPercent: 97,
  cleanupHoursOver: 2,
};

export const FIXES = new Map([
  ['duplicate-doc-number', 'Renumber the hand-made invoice'],
  ['missing-invoice', 'Map the item in the sync settings'],
]);

/**
 * Twenty $500 invoices upstream, plus a void and a draft that do not count. Week 11: invoice 1 never
 * reached QuickBooks. Week 12: also invoice 2 arrived with the wrong total and invoice 3 is paid
 * upstream with no payment in QuickBooks.
 */
function records(w: number): CanonicalRecord[] {
  const out: CanonicalRecord[] = [];
  for (let i = 1; i <= 20; i++) {
    const up = anInvoice({
      sourceId: `inv-${i}`,
      number: String(1000 + i),
      totalCents: 50_000,
      status: w >= 12 && i === 3 ? 'paid' : 'open',
    });
    out.push(up);
    if (w >= 11 && i === 1) continue;
    out.push(qbTwin(up, { totalCents: w >= 12 && i === 2 ? 40_000 : 50_000 }));
  }
  out.push(anInvoice({ sourceId: 'inv-void', number: '1100', totalCents: 900_000, status: 'void' }));
  out.push(anInvoice({ sourceId: 'inv-draft', number: '1101', totalCents: 700_000, status: 'draft' }));
  return out;
}

function qbTwin(up: InvoiceRecord, overrides: Partial<InvoiceRecord>): InvoiceRecord {
  return aQbInvoice({
    sourceId: `qb-${up.sourceId}`,
    number: up.number!,
    privateNote: `FieldPro invoice ${up.sourceId}`,
    totalCents: up.totalCents,
    ...overrides,
  });
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

function finding(key: string, amountCents: number, since: string, extra: Partial<Finding> = {}): Finding {
  return aFinding({ key, amountCents, since, ...extra });
}

interface World {
  incidents: Incident[];
  events: Map<string, IncidentEvent[]>;
}

/**
 * Always open: #1 medium (Austin, $200, 5 days old), #2 medium ($100, no location, 10 days old, open
 * 30 days — the oldest; recurring from week 8), #3 low (nothing at stake). #4 high (Dallas, $300)
 * opens in week 10, resolves in week 11 and comes back in week 12. #5 critical (Austin, $500) opens in
 * week 12. Each week one short incident opens and resolves inside the week (2 days).
 */
function incidents(w: number): World {
  const now = nowOf(w);
  const week12 = WEEK12;
  const list: Incident[] = [];
  const events = new Map<string, IncidentEvent[]>();
  const add = (incident: Incident, history: Array<[IncidentEvent['type'], string, Record<string, unknown>?]>) => {
    list.push(incident);
    events.set(
      incident.id,
      history
        .filter(([, at]) => at <= now.toISOString())
        .map(([type, at, data]) => anEvent(incident, type, { at, ...(data ? { data } : {}) })),
    );
  };

  add(
    anIncident({
      number: 1,
      ruleId: 'missing-invoice',
      groupKey: 'Austin',
      title: 'Invoice missing from QuickBooks · Austin',
      openedAt: ago(now, 20 * DAY),
      findings: [
        finding('invoice:a', 20_000, ago(now, 5 * DAY), { location: 'Austin' }),
        finding('invoice:held', 99_900, ago(now, 5 * DAY), { location: 'Austin', suppressedBy: 'quickbooks' }),
      ],
    }),
    [['opened', ago(now, 20 * DAY)]],
  );
  add(
    anIncident({
      number: 2,
      ruleId: 'unapplied-payment',
      groupKey: 'all',
      title: 'Payment not applied',
      openedAt: ago(now, 30 * DAY),
      classification: { recurring: w >= 8 },
      findings: [finding('payment:b', 10_000, ago(now, 10 * DAY))],
    }),
    [['opened', ago(now, 30 * DAY)]],
  );
  add(
    anIncident({
      number: 3,
      ruleId: 'rounding',
      groupKey: 'all',
      title: 'Rounding difference',
      openedAt: ago(now, 25 * DAY),
      classification: { severity: 'low', action: 'monitor' },
      findings: [finding('invoice:c', 0, ago(now, 6 * DAY), { minor: true })],
    }),
    [['opened', ago(now, 25 * DAY)]],
  );

  // #4: opened 16 days before week 12's digest (in week 10), resolved 9 days before (week 11), back 2 days before.
  const opened4 = ago(week12, 16 * DAY);
  const resolved4 = ago(week12, 9 * DAY);
  const reopened4 = ago(week12, 2 * DAY);
  if (w >= 10) {
    const back = w >= 12;
    const open = w === 10 || back;
    add(
      anIncident({
        number: 4,
        ruleId: 'duplicate-customer',
        groupKey: 'Dallas',
        title: 'Customer entered twice · Dallas',
        status: open ? 'open' : 'resolved',
        resolvedAt: open ? null : resolved4,
        openedAt: back ? reopened4 : opened4,
        reopenCount: back ? 1 : 0,
        classification: { severity: 'high', action: 'systems_audit', recurring: back },
        findings: open ? [finding('customer:d', 30_000, back ? reopened4 : opened4, { location: 'Dallas' })] : [],
      }),
      [
        ['opened', opened4],
        ['resolved', resolved4],
        ['reopened', reopened4],
      ],
    );
  }
  if (w === 12) {
    add(
      anIncident({
        number: 5,
        ruleId: 'duplicate-doc-number',
        groupKey: 'all',
        title: 'Invoice number used twice in QuickBooks',
        openedAt: ago(now, 12 * HOUR),
        classification: {
          severity: 'critical',
          action: 'stabilization_sprint',
          path: ['occasional', 'affects billing', 'cause known', 'urgent', '→ Stabilization Sprint'],
        },
        findings: [finding('invoice:e', 50_000, ago(now, 12 * HOUR), { location: 'Austin' })],
      }),
      [['opened', ago(now, 12 * HOUR)]],
    );
  }

  // The week's short incident: opened 3 days ago, resolved 1 day ago. In week 12 its findings were
  // fixed by hand in QuickBooks (one of three), on 1 April: before the close on the 3rd.
  const manual: ResolutionFacts = { key: 'x1', quickbooksChanged: true, upstreamChanged: false, syncCreated: false };
  const bothSides: ResolutionFacts = { key: 'x2', quickbooksChanged: true, upstreamChanged: true, syncCreated: false };
  const syncCaughtUp: ResolutionFacts = { key: 'x3', quickbooksChanged: false, upstreamChanged: false, syncCreated: true };
  add(
    anIncident({
      number: 100 + w,
      ruleId: `churn-${w}`,
      title: 'Short-lived',
      status: 'resolved',
      openedAt: ago(now, 3 * DAY),
      resolvedAt: ago(now, DAY),
      findings: [],
    }),
    [
      ['opened', ago(now, 3 * DAY)],
      [
        'findings_resolved',
        ago(now, DAY),
        { keys: ['x1', 'x2', 'x3'], resolvedBy: w === 12 ? [manual, bothSides, syncCaughtUp] : [bothSides] },
      ],
      ['resolved', ago(now, DAY)],
    ],
  );
  // Week 12 also resolves #7, open since 10 days before: a bookkeeper (not the sync's user) fixed one
  // of its records on 28 March, five days before the digest (not within three days of the close).
  if (w === 12) {
    add(
      anIncident({
        number: 7,
        ruleId: 'mismatch-total',
        title: 'Totals differ',
        status: 'resolved',
        openedAt: ago(now, 10 * DAY),
        resolvedAt: ago(now, 5 * DAY),
        findings: [],
      }),
      [
        ['opened', ago(now, 10 * DAY)],
        [
          'findings_resolved',
          ago(now, 5 * DAY),
          {
            resolvedBy: [
              { key: 'y1', quickbooksChanged: true, upstreamChanged: true, syncCreated: false, quickbooksUser: 'Pat Bookkeeper' },
              { key: 'y2', quickbooksChanged: true, upstreamChanged: true, syncCreated: false, quickbooksUser: 'fieldpro sync' },
            ],
          },
        ],
        ['resolved', ago(now, 5 * DAY)],
      ],
    );
  }
  return { incidents: list, events };
}

/** Volume 1,000 + 100·w records a week; findings w (rule a) + 2w + 1 (rule b): rising with volume. */
export function weeklyStats(upTo: number): WeeklyRuleStat[] {
  const stats: WeeklyRuleStat[] = [];
  for (let w = 1; w <= upTo; w++) {
    const records = 1000 + 100 * w;
    stats.push({ companyId: COMPANY, week: weekOf(w), ruleId: 'rule-a', findings: w, records });
    stats.push({ companyId: COMPANY, week: weekOf(w), ruleId: 'rule-b', findings: 2 * w + 1, records });
  }
  return stats;
}

export function weekInput(w: number): SnapshotInput {
  const { incidents: list, events } = incidents(w);
  return {
    companyId: COMPANY,
    now: nowOf(w),
    recon: reconcile(records(w), aMatching()),
    incidents: list,
    events,
    weekly: weeklyStats(w),
    fixes: FIXES,
    settings: SETTINGS,
  };
}

/** Week 12's digest view for `company`, with no earlier week stored; `edit` changes the snapshot first. */
export function week12View(company: string, edit: (s: DigestSnapshot) => DigestSnapshot = (s) => s): DigestView {
  return viewWithHistory(company, ZONE, edit(computeSnapshot(weekInput(12))), [], WEEK12);
}

/** 300 locations with long names, and problem titles far longer than any chat allows. */
export function longLists(s: DigestSnapshot): DigestSnapshot {
  return {
    ...s,
    moneyAtRisk: {
      ...s.moneyAtRisk,
      byLocation: Array.from({ length: 300 }, (_, i) => ({
        location: `Branch ${i + 1} — ${'North Service Territory '.repeat(4)}`,
        cents: 1_000_000 - i,
      })),
    },
    top: s.top.map((p) => ({
      ...p,
      title: `${p.title} ${'with a very long explanation '.repeat(40)}`,
      path: 'step · '.repeat(200),
      fix: 'Do the thing. '.repeat(150),
    })),
  };
}
