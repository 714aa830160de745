// The digest on a first install: no stored weeks yet, but the records carry their own dates, so the
// chart already says something (marked as reconstructed); the oldest open problem is aged by its
// oldest record; nothing resolved means no mean time to resolve; the chart prints its key figures.
import { describe, expect, it } from 'vitest';
import { buildTrendSvg } from '../../src/digest/chart-svg';
import { computeSnapshot } from '../../src/digest/compute-snapshot';
import { viewWithHistory } from '../../src/digest/run-digest';
import { reconcile } from '../../src/trace/reconcile';
import { DAY, minutesAgo, NOW } from '../builders/clock';
import { aMatching } from '../builders/context';
import { aFinding } from '../builders/findings';
import { anIncident, COMPANY, ZONE } from '../builders/incidents';
import { SETTINGS } from './history';

const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/** A company polled for the first time five minutes ago: every incident opened then, over old records. */
function firstInstall() {
  const incidents = [
    anIncident({
      id: 'inc-a',
      number: 1,
      title: 'Invoice missing from QuickBooks',
      openedAt: minutesAgo(5),
      classification: { severity: 'high' },
      findings: [
        aFinding({ key: 'invoice:1', since: ago(20), amountCents: 50_000 }),
        aFinding({ key: 'invoice:2', since: ago(45), amountCents: 20_000 }),
      ],
    }),
    anIncident({
      id: 'inc-b',
      number: 2,
      title: 'Payment not applied',
      openedAt: minutesAgo(5),
      classification: { severity: 'medium' },
      findings: [aFinding({ key: 'payment:9', since: ago(3), amountCents: 7_500 })],
    }),
  ];
  const snapshot = computeSnapshot({
    companyId: COMPANY,
    now: NOW,
    recon: reconcile([], aMatching()),
    incidents,
    events: new Map(),
    weekly: [],
    fixes: new Map(),
    settings: { ...SETTINGS, timeZone: ZONE },
  });
  return { snapshot, view: viewWithHistory('Acme HVAC', ZONE, snapshot, [], NOW) };
}

describe('the digest on a first install', () => {
  it('fills the weeks before the install from the record dates, marked as reconstructed', () => {
    const { view } = firstInstall();

    // The oldest record is 45 days old: every one of the seven earlier weeks has it open.
    expect(view.trend.filter((p) => !p.hasData)).toEqual([]);
    expect(view.trend.filter((p) => p.reconstructed)).toHaveLength(7);
    expect(view.trend[view.trend.length - 1]!.reconstructed).toBeUndefined();
    // Three weeks ago only the 45- and 20-day-old records were wrong: one high incident, $700.00.
    const threeWeeksAgo = view.trend[view.trend.length - 4]!;
    expect(threeWeeksAgo.bySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 0 });
    expect(threeWeeksAgo.moneyAtRiskCents).toBe(20_000);
    const twoWeeksAgo = view.trend[view.trend.length - 3]!;
    expect(twoWeeksAgo.moneyAtRiskCents).toBe(70_000);
    expect(view.chartFigures).toContain('7 of 8 weeks reconstructed from record dates (before the first digest)');
  });

  it('ages the oldest open incident by its oldest record, not by when it was opened', () => {
    const { snapshot, view } = firstInstall();

    expect(snapshot.incidents.oldestOpen).toMatchObject({ number: 1, since: ago(45), ageMs: 45 * DAY });
    expect(view.incidents.lines.find((l) => l.label === 'Oldest open')!.value).toBe('#1 Invoice missing from QuickBooks, 6 weeks');
  });

  it('gives no mean time to resolve when nothing was ever resolved', () => {
    const { snapshot, view } = firstInstall();

    expect(snapshot.incidents.meanTimeToResolveMs).toBeNull();
    expect(view.incidents.lines.find((l) => l.label === 'Mean time to resolve')!.value).toBe('none resolved yet');
  });

  it('prints the key figures on the chart: totals on the bars, money now, and the summary lines', () => {
    const { view } = firstInstall();
    const svg = buildTrendSvg(view.trend, 'Acme HVAC: last 8 weeks', view.chartFigures);

    expect(view.chartFigures[0]).toBe(
      'Now: 2 open incidents · $775.00 at risk · health ' + String(firstInstall().snapshot.health.score) + '/100',
    );
    for (const line of view.chartFigures) expect(svg).toContain(line);
    expect(svg).toContain('>reconstructed</text>');
    expect(svg).not.toContain('>no data</text>');
    expect(svg).toContain('>$775</text>');
  });
});
