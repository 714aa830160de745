// The weekly digest's cost: this week's figures over a company's records and incident history, the
// view, both chat payloads and the PNG chart. Median of five runs each, in-process.
// Alone: node --import tsx bench/digest.ts 100000; in `npm run bench` after the main table.
import { fileURLToPath } from 'node:url';
import { computeSnapshot, type DigestSettings } from '../src/digest/compute-snapshot';
import { renderDigestBlocks } from '../adapters/slack/render-digest';
import { renderDigestCard } from '../adapters/teams/cards/digest-card';
import { renderTrendChart } from '../src/digest/render-chart';
import { viewWithHistory } from '../src/digest/run-digest';
import type { DigestSnapshot } from '../src/digest/snapshot';
import { computeTrust } from '../src/digest/trust';
import type { Finding } from '../src/domain/finding';
import type { Incident, IncidentEvent } from '../src/incidents/model';
import { reconcile } from '../src/trace/reconcile';
import { generate } from './generate';
import { matchingConfig, NOW_MS } from './setup';

const ZONE = 'America/Chicago';
const SETTINGS: DigestSettings = {
  timeZone: ZONE,
  closeDay: 5,
  closeWithinDays: 3,
  minutesPerCorrection: 15,
  integrationUsers: ['FieldPro Sync'],
  trustBelowPercent: 97,
  cleanupHoursOver: 2,
};
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const DAY = 86_400_000;

/** `count` incidents with `findings` findings and `events` history rows each, spread over 60 days. */
function history(count: number, findings: number, events: number) {
  const incidents: Incident[] = [];
  const byId = new Map<string, IncidentEvent[]>();
  for (let i = 0; i < count; i++) {
    const id = `inc-${i}`;
    const opened = new Date(NOW_MS - ((i * 7919) % 60) * DAY).toISOString();
    const resolved = i % 3 === 0;
    const list: Finding[] = Array.from({ length: findings }, (_, k) => ({
      ruleId: `rule-${i % 22}`,
      kind: 'missing',
      entity: 'invoice',
      key: `${id}:${k}`,
      groupKey: 'all',
      subject: { side: 'upstream', source: 'fieldpro', entity: 'invoice', sourceId: `${i}-${k}`, label: `Invoice ${k}` },
      related: [],
      summary: '',
      evidence: [],
      trace: [],
      amountCents: 1000 + k * 37,
      likelySide: 'unknown',
      since: new Date(NOW_MS - (k % 10) * DAY).toISOString(),
      location: `Branch ${k % 12}`,
    }));
    incidents.push({
      id,
      number: i + 1,
      companyId: 'bench',
      ruleId: `rule-${i % 22}`,
      groupKey: 'all',
      title: `Problem ${i}`,
      status: resolved ? 'resolved' : 'open',
      openedAt: opened,
      changedAt: opened,
      resolvedAt: resolved ? new Date(NOW_MS - DAY).toISOString() : null,
      snoozedUntil: null,
      acknowledgedBy: null,
      cleanPolls: 0,
      reopenCount: i % 5 === 0 ? 1 : 0,
      weeksSeen: [],
      rootCause: null,
      classification: {
        severity: SEVERITIES[i % 4]!,
        action: 'diagnostic_review',
        path: ['occasional', 'affects billing', '→ Run a diagnostic review'],
        impact: ['billing'],
        keyArea: true,
        recurring: i % 5 === 0,
        causeClear: false,
        urgent: false,
        strategic: false,
      },
      findings: resolved
        ? []
        : list.map((finding) => ({ key: finding.key, finding, firstSeenAt: opened, lastSeenAt: opened, resolvedAt: null })),
    });
    byId.set(
      id,
      Array.from({ length: events }, (_, e) => ({
        incidentId: id,
        companyId: 'bench',
        at: new Date(Date.parse(opened) + e * 3_600_000).toISOString(),
        type: e === 0 ? 'opened' : e === events - 1 && resolved ? 'resolved' : 'findings_resolved',
        actor: 'sentinel',
        data: { resolvedBy: [{ key: `${id}:${e}`, quickbooksChanged: e % 2 === 0, upstreamChanged: e % 4 === 0, syncCreated: false }] },
      })),
    );
  }
  return { incidents, events: byId };
}

function median(work: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function digestBenchTable(sizes: readonly number[] = [100_000]): string {
  const rows: string[] = [
    '| records | incidents (findings, events each) | trust (trace every invoice) | whole snapshot | view | Block Kit | Adaptive Card | chart PNG |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of sizes) {
    const { records } = generate(n);
    const recon = reconcile(records, matchingConfig());
    const { incidents, events } = history(300, 30, 20);
    const now = new Date(NOW_MS);
    const input = { companyId: 'bench', now, recon, incidents, events, weekly: [], fixes: new Map(), settings: SETTINGS };
    let snapshot: DigestSnapshot = computeSnapshot(input);
    const view = viewWithHistory('Bench Co', ZONE, snapshot, [], now);
    const ms = (work: () => unknown) => `${median(work).toFixed(1)} ms`;
    rows.push(
      `| ${records.length.toLocaleString('en-US')} | 300 (30, 20) | ${ms(() => computeTrust(recon))} | ${ms(() => (snapshot = computeSnapshot(input)))} | ${ms(() => viewWithHistory('Bench Co', ZONE, snapshot, [], now))} | ${ms(() => renderDigestBlocks(view))} | ${ms(() => renderDigestCard(view))} | ${ms(() => renderTrendChart(view))} |`,
    );
  }
  return `Weekly digest (median of 5):\n\n${rows.join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(
    `${digestBenchTable(process.argv.slice(2).map(Number).filter(Boolean).length > 0 ? process.argv.slice(2).map(Number) : [100_000])}\n`,
  );
}
