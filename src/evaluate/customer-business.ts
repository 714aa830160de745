// Sync tools create a QuickBooks customer when the first invoice or payment for it is posted: an
// upstream customer with no business yet (a lead, a quote that never became a job) has nothing to
// carry over, so its absence from QuickBooks is not a missing customer — unless the sync tool itself
// says it tried (a sync status or error on the record).
import type { CustomerRecord } from '../domain/records';
import type { EvalContext } from './context';

/** Statuses that say the sync posted the customer, or tried to ("Not synced" says neither). */
const TRIED = /^(?:synced|exported|posted|failed|error|pending|queued|retry(?:ing)?)$/i;

/** Upstream customers that have an issued invoice or a payment to sync, or that the sync tool tried to post. */
export function customersWithBusiness(ctx: EvalContext): (c: CustomerRecord) => boolean {
  const busy = new Set<string>();
  const up = ctx.recon.sides.upstream;
  for (const inv of up.invoices) if (inv.customerId !== undefined && inv.status !== 'draft' && inv.status !== 'void') busy.add(`${inv.source}\u0000${inv.customerId}`);
  for (const p of up.payments) if (p.customerId !== undefined) busy.add(`${p.source}\u0000${p.customerId}`);
  return (c) => c.syncError !== undefined || TRIED.test(c.syncStatus ?? '') || busy.has(`${c.source}\u0000${c.sourceId}`);
}
