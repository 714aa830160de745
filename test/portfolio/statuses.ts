// Companies' current status views, built the way /sync-status builds them, for the glance tests.
import type { Severity } from '../../src/config/schema';
import { buildGlance, type GlanceInput, type GlanceView } from '../../src/portfolio/glance';
import { buildStatusView, type StatusView } from '../../src/status/status-view';
import { NOW, minutesAgo } from '../builders/clock';
import { aFailingSource, aPollRun, aSourceHealth } from '../builders/context';
import { aFinding } from '../builders/findings';
import { anIncident } from '../builders/incidents';
import { QUICKBOOKS, UPSTREAM } from '../builders/records';

export interface CompanyState {
  open?: Partial<Record<Severity, number>>;
  /** Money at risk of each open incident. */
  centsEach?: number;
  /** A source that has failed since the last poll. */
  failing?: boolean;
  /** Nothing read yet: no poll, no source ever answered. */
  neverPolled?: boolean;
}

/** The company's status view as /sync-status would build it from its incidents, source health and last poll. */
export function aStatusView(s: CompanyState = {}): StatusView {
  if (s.neverPolled)
    return buildStatusView(
      [],
      [aSourceHealth(UPSTREAM, 'upstream', { lastOkAt: null }), aSourceHealth(QUICKBOOKS, 'quickbooks', { lastOkAt: null })],
      null,
    );
  const incidents = (['critical', 'high', 'medium', 'low'] as const).flatMap((severity) =>
    Array.from({ length: s.open?.[severity] ?? 0 }, (_, i) =>
      anIncident({
        ruleId: `rule-${severity}`,
        groupKey: `g${i}`,
        number: i + 1,
        classification: { severity },
        findings: [aFinding({ key: `invoice:${severity}-${i}`, amountCents: s.centsEach ?? 10_000 })],
      }),
    ),
  );
  const health = [
    s.failing ? aFailingSource(UPSTREAM, 'upstream', minutesAgo(30)) : aSourceHealth(UPSTREAM, 'upstream'),
    aSourceHealth(QUICKBOOKS, 'quickbooks'),
  ];
  return buildStatusView(incidents, health, aPollRun({ ok: !s.failing, ...(s.failing ? { error: 'FieldPro answered 503' } : {}) }));
}

/** `n` companies in every state: every tenth not polled yet, every eleventh with a failing source. */
export function glanceOf(n: number, nameOf: (i: number) => string = (i) => `Company ${i} — Heating, Cooling & Plumbing`): GlanceView {
  const inputs: GlanceInput[] = Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const view = aStatusView(
      i % 10 === 0
        ? { neverPolled: true }
        : { open: { critical: i % 4 === 0 ? 1 : 0, high: i % 3, medium: i % 2, low: 1 }, centsEach: i * 1_000, failing: i % 11 === 0 },
    );
    return { id: `co-${i}`, name: nameOf(i), view };
  });
  return buildGlance(inputs, NOW);
}
