// Turns this week's snapshot, last week's and the stored trend into the DigestView.
import { DateTime } from 'luxon';
import { formatCents } from '../domain/money';
import { DAY, HOUR, humanAge, isoWeek } from '../domain/time';
import { BAND_LABELS } from './health';
import { plural, SIGNAL_LABELS } from './recommend';
import { AGE_BUCKETS, type AgeBucket, type DigestSnapshot, type HealthParts } from './snapshot';
import type { DigestView, TrendPoint } from './view';
import { TREND_WEEKS } from './compute-snapshot';

export interface ViewInput {
  companyName: string;
  timeZone: string;
  current: DigestSnapshot;
  /** The latest stored snapshot of an earlier week, if any. */
  previous: DigestSnapshot | null;
  /** Stored snapshots of the trend window (the current one may be among them; `current` wins). */
  history: readonly DigestSnapshot[];
}

const AGE_LABELS: Record<AgeBucket, string> = { '0-1d': 'under 1 day', '1-3d': '1–3 days', '3-7d': '3–7 days', '7d+': 'over 7 days' };
const FIRST = 'first digest';

export function buildDigestView(input: ViewInput): DigestView {
  const { current: cur, previous: prev, timeZone } = input;
  const trust = cur.trust.share;
  const prevTrust = prev?.trust.share ?? null;
  const end = DateTime.fromISO(cur.windowEnd, { zone: timeZone });
  const start = DateTime.fromISO(cur.windowStart, { zone: timeZone });
  const mttr = cur.incidents.meanTimeToResolveMs;
  const oldest = cur.incidents.oldestOpen;
  const hours = cur.cleanup.minutes / 60;
  const lastGrowth = cur.growth.weeks[cur.growth.weeks.length - 1];
  const prevGrowth = prev?.growth.weeks[prev.growth.weeks.length - 1];
  const fired = cur.recommendation.signals.filter((s) => s.fired);
  const points = trend(input);

  return {
    companyName: input.companyName,
    week: cur.week,
    period: `${start.toFormat('LLL d')} – ${end.toFormat('LLL d, yyyy')}`,
    health: {
      score: cur.health.score,
      band: cur.health.band,
      bandLabel: BAND_LABELS[cur.health.band],
      change: prev ? signed(cur.health.score - prev.health.score, (n) => String(n), 'no change') : FIRST,
      movers: movers(cur, prev),
    },
    trust: {
      label: 'Numbers you can trust',
      value: trust === null ? 'no invoices yet' : `${pct(trust)} of revenue reconciled end to end`,
      change: !prev
        ? FIRST
        : trust === null || prevTrust === null
          ? 'n/a'
          : signed(round1((trust - prevTrust) * 100), (n) => `${n.toFixed(1)} pts`, 'no change'),
      detail: `${formatCents(cur.trust.matchedCents)} of ${formatCents(cur.trust.invoicedCents)} invoiced upstream (${cur.trust.matchedInvoices.toLocaleString('en-US')} of ${plural(cur.trust.invoices, 'invoice')}) matches QuickBooks`,
    },
    moneyAtRisk: {
      label: 'Money at risk',
      value: formatCents(cur.moneyAtRisk.totalCents),
      change: prev ? signed(cur.moneyAtRisk.totalCents - prev.moneyAtRisk.totalCents, formatCents, 'no change') : FIRST,
      byAge: AGE_BUCKETS.map((b) => ({ label: AGE_LABELS[b], value: formatCents(cur.moneyAtRisk.byAge[b]) })),
      byLocation: cur.moneyAtRisk.byLocation.map((l) => ({ label: l.location, value: formatCents(l.cents) })),
    },
    incidents: {
      label: 'Incidents',
      value: `${cur.incidents.open} open`,
      change: prev ? signed(cur.incidents.open - prev.incidents.open, String, 'no change') : FIRST,
      lines: [
        { label: 'New', value: withChange(cur.incidents.opened, prev?.incidents.opened) },
        { label: 'Resolved', value: withChange(cur.incidents.resolved, prev?.incidents.resolved) },
        { label: 'Still open', value: withChange(cur.incidents.open, prev?.incidents.open) },
        { label: 'Recurring', value: withChange(cur.incidents.recurring, prev?.incidents.recurring) },
        {
          label: 'Mean time to resolve',
          value:
            mttr === null || cur.incidents.resolved === 0
              ? cur.incidents.everResolved === false
                ? 'none resolved yet'
                : 'none resolved this week'
              : duration(mttr),
        },
        { label: 'Oldest open', value: oldest ? `#${oldest.number} ${oldest.title}, ${humanAge(oldest.ageMs)}` : 'none' },
      ],
    },
    cleanup: {
      label: 'Manual cleanup',
      value: `${plural(cur.cleanup.corrections, 'record')} corrected by hand ≈ ${hours.toFixed(1)} h`,
      change: prev ? signed(cur.cleanup.corrections - prev.cleanup.corrections, String, 'no change') : FIRST,
      detail: `${cur.cleanup.beforeClose} in the days before month-end close`,
    },
    growth: {
      label: 'Growth',
      value: lastGrowth
        ? `${lastGrowth.per1000.toFixed(1)} findings per 1,000 records (${lastGrowth.records.toLocaleString('en-US')} records)`
        : 'no weekly counts yet',
      change: !prev
        ? FIRST
        : lastGrowth && prevGrowth
          ? signed(round1(lastGrowth.per1000 - prevGrowth.per1000), (n) => n.toFixed(1), 'no change')
          : 'n/a',
      detail: `${cur.growth.rising ? 'Rising with volume' : 'Not rising with volume'}: ${cur.growth.detail}`,
      weeks: cur.growth.weeks.map((w) => ({
        label: w.week,
        value: `${w.per1000.toFixed(1)} per 1,000 · ${w.records.toLocaleString('en-US')} records`,
      })),
    },
    top: cur.top.map((p) => ({
      title: `#${p.number} ${p.title}`,
      severity: p.severity,
      money: formatCents(p.moneyCents),
      findings: p.findings,
      action: p.actionLabel,
      path: p.path,
      ...(p.fix ? { fix: p.fix } : {}),
    })),
    recommendation: {
      requestReview: cur.recommendation.requestReview,
      headline: cur.recommendation.requestReview
        ? `Request a Growth Systems Review: ${fired.length} of 4 signals fired (${fired.map((s) => SIGNAL_LABELS[s.id].toLowerCase()).join('; ')}).`
        : 'No Growth Systems Review needed this week: none of the four signals fired.',
      signals: cur.recommendation.signals.map((s) => ({ id: s.id, label: SIGNAL_LABELS[s.id], fired: s.fired, detail: s.detail })),
    },
    trend: points,
    chartFigures: chartFigures(cur, points),
  };
}

/** The key figures the chart prints, so it says something even without reading the axes. */
function chartFigures(cur: DigestSnapshot, points: readonly TrendPoint[]): string[] {
  const first = points.find((p) => p.hasData);
  const open = (p: TrendPoint) => p.bySeverity.critical + p.bySeverity.high + p.bySeverity.medium + p.bySeverity.low;
  const rebuilt = points.filter((p) => p.reconstructed).length;
  return [
    `Now: ${plural(cur.incidents.open, 'open incident')} · ${formatCents(cur.moneyAtRisk.totalCents)} at risk · health ${cur.health.score}/100`,
    ...(first && first !== points[points.length - 1]
      ? [
          `${first.week}: ${plural(open(first), 'open incident')} · ${formatCents(first.moneyAtRiskCents)} at risk${first.reconstructed ? ' (reconstructed)' : ''}`,
        ]
      : []),
    ...(rebuilt > 0 ? [`${rebuilt} of ${points.length} weeks reconstructed from record dates (before the first digest)`] : []),
  ];
}

function trend(input: ViewInput): TrendPoint[] {
  const byWeek = new Map(input.history.map((s) => [s.week, s]));
  byWeek.set(input.current.week, input.current);
  // Weeks no digest stored: as the records say they were (the oldest stored snapshot's reconstruction).
  const rebuilt = new Map<string, NonNullable<DigestSnapshot['reconstructed']>[number]>();
  for (const s of [...input.history, input.current].sort((a, b) => b.week.localeCompare(a.week)))
    for (const r of s.reconstructed ?? []) rebuilt.set(r.week, r);
  const end = Date.parse(input.current.windowEnd);
  const points: TrendPoint[] = [];
  for (let i = TREND_WEEKS - 1; i >= 0; i--) {
    const week = isoWeek(new Date(end - i * 7 * DAY), input.timeZone);
    const s = byWeek.get(week);
    const r = s ? undefined : rebuilt.get(week);
    points.push({
      week,
      hasData: s !== undefined || r !== undefined,
      ...(r ? { reconstructed: true } : {}),
      bySeverity: s ? { ...s.incidents.bySeverity } : r ? { ...r.bySeverity } : { critical: 0, high: 0, medium: 0, low: 0 },
      moneyAtRiskCents: s?.moneyAtRisk.totalCents ?? r?.moneyAtRiskCents ?? 0,
    });
  }
  return points;
}

const PART_LABELS: Record<keyof HealthParts, string> = {
  trust: 'Trust',
  incidents: 'Open incidents',
  money: 'Money at risk',
  cleanup: 'Manual cleanup',
};

/** What moved the score: each part whose cost changed, biggest first, with the figure behind it. */
function movers(cur: DigestSnapshot, prev: DigestSnapshot | null): string[] {
  const parts = Object.keys(PART_LABELS) as Array<keyof HealthParts>;
  if (!prev) {
    return parts
      .filter((p) => cur.health.parts[p] > 0)
      .sort((a, b) => cur.health.parts[b] - cur.health.parts[a])
      .map((p) => `${PART_LABELS[p]} cost ${cur.health.parts[p].toFixed(1)} points (${because(p, cur, null)})`);
  }
  return parts
    .map((p) => ({ p, delta: round1(prev.health.parts[p] - cur.health.parts[p]) }))
    .filter((m) => Math.abs(m.delta) >= 0.5)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
    .map(({ p, delta }) => `${PART_LABELS[p]} ${signed(delta, (n) => n.toFixed(1), '0')} (${because(p, cur, prev)})`);
}

function because(part: keyof HealthParts, cur: DigestSnapshot, prev: DigestSnapshot | null): string {
  const was = <T>(value: (s: DigestSnapshot) => T, fmt: (v: T) => string) =>
    prev ? `${fmt(value(prev))} → ${fmt(value(cur))}` : fmt(value(cur));
  switch (part) {
    case 'trust':
      return `${was(
        (s) => s.trust.share,
        (v) => (v === null ? 'n/a' : pct(v)),
      )} reconciled`;
    case 'incidents':
      return `${was((s) => s.incidents.open, String)} open`;
    case 'money':
      return `${was((s) => s.moneyAtRisk.totalCents, formatCents)} at risk`;
    case 'cleanup':
      return `${was((s) => s.cleanup.corrections, String)} corrected by hand`;
  }
}

/** "+3", "−$40.00", or `zero` when nothing changed; the minus is a real minus sign. */
export function signed(n: number, fmt: (abs: number) => string, zero: string): string {
  if (n === 0) return zero;
  return `${n > 0 ? '+' : '−'}${fmt(Math.abs(n))}`;
}

function withChange(n: number, was: number | undefined): string {
  return was === undefined ? String(n) : `${n} (${signed(n - was, String, 'same as last week')})`;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function duration(ms: number): string {
  return ms < 2 * DAY ? `${(ms / HOUR).toFixed(1)} h` : `${(ms / DAY).toFixed(1)} days`;
}
