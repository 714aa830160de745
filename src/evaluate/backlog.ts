// backlog: the history from before an inferred start that never reached QuickBooks, told once as one
// finding that names the date and the setting, instead of hundreds of "missing" alerts on a first poll.
import type { Finding, RecordRef } from '../domain/finding';
import { formatCents } from '../domain/money';
import type { CanonicalRecord } from '../domain/records';
import type { RuleOf } from '../rules/schema';
import { findingFor, type EvalContext } from './context';
import { recordDay } from './history-start';
import { inScope } from './scope';

interface Tally {
  count: number;
  cents: number;
}

export function evaluateBacklog(rule: RuleOf<'backlog'>, ctx: EvalContext): Finding[] {
  const start = ctx.history;
  // A configured start is the company's own answer: nothing left to propose.
  if (start === undefined || !start.inferred) return [];
  const { recon } = ctx;
  const invoices: Tally = { count: 0, cents: 0 };
  const payments: Tally = { count: 0, cents: 0 };
  const jobs: Tally = { count: 0, cents: 0 };
  let earliest: string | undefined;
  const add = (t: Tally, r: CanonicalRecord, cents: number) => {
    t.count++;
    t.cents += Math.abs(cents);
    const day = recordDay(r, start.zone);
    if (day !== undefined && (earliest === undefined || day < earliest)) earliest = day;
  };
  const up = recon.sides.upstream;
  for (const inv of up.invoices) {
    if (inv.status !== 'draft' && inv.status !== 'void' && !inScope(ctx, inv) && !recon.qbInvoicesByUpstream.has(inv))
      add(invoices, inv, inv.totalCents);
  }
  for (const p of up.payments) if (!inScope(ctx, p) && !recon.qbPaymentsByUpstream.has(p)) add(payments, p, p.amountCents);
  for (const j of up.jobs) {
    if (j.status === 'completed' && !inScope(ctx, j) && (recon.upstreamInvoicesByJob.get(j.number)?.length ?? 0) === 0)
      add(jobs, j, j.totalCents ?? 0);
  }
  const subjectSource = firstUpstreamSource(ctx);
  if (invoices.count + payments.count + jobs.count === 0 || subjectSource === undefined) return [];

  const parts = [
    ...(invoices.count > 0 ? [`${plural(invoices.count, 'invoice')} (${formatCents(invoices.cents)})`] : []),
    ...(payments.count > 0 ? [`${plural(payments.count, 'payment')} (${formatCents(payments.cents)})`] : []),
    ...(jobs.count > 0 ? [plural(jobs.count, 'completed job')] : []),
  ];
  const subject: RecordRef = {
    side: 'upstream',
    source: subjectSource,
    entity: 'source',
    sourceId: 'history-backlog',
    label: `History before ${start.from}`,
  };
  return [
    findingFor(rule, subject, {
      summary:
        `${listed(parts)} from before ${start.from} never reached QuickBooks — they predate the sync. ` +
        `Set company.history_from: ${start.from} in sync-sentinel.yaml to confirm, or an earlier date to check them.`,
      evidence: [
        { field: 'history start', upstream: start.from, note: 'inferred: the first month in which most invoices reached QuickBooks' },
        { field: 'invoices never synced', upstream: invoices.count },
        { field: 'payments never synced', upstream: payments.count },
        { field: 'completed jobs never invoiced', upstream: jobs.count },
      ],
      // History that predates the sync is not money at risk today; counting it would make a
      // first poll look urgent and swamp the company's totals.
      amountCents: 0,
      likelySide: 'sync',
      ...(earliest !== undefined ? { since: earliest } : {}),
    }),
  ];
}

/** The first upstream source in config order, so the finding keeps one identity from poll to poll. */
function firstUpstreamSource(ctx: EvalContext): string | undefined {
  const upstream = new Set(ctx.health.filter((h) => h.side === 'upstream').map((h) => h.sourceId));
  for (const inv of ctx.recon.sides.upstream.invoices) upstream.add(inv.source);
  for (const id of ctx.sourceNames.keys()) if (upstream.has(id)) return id;
  return [...upstream].sort()[0];
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function listed(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
