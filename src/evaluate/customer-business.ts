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
  // Built on the first customer that needs it: most polls have no unlinked customer to ask about.
  let busy: Map<string, Set<string>> | undefined;
  const build = () => {
    const by = new Map<string, Set<string>>();
    const mark = (source: string, customerId: string) => {
      const ids = by.get(source);
      if (ids) ids.add(customerId);
      else by.set(source, new Set([customerId]));
    };
    const up = ctx.recon.sides.upstream;
    for (const inv of up.invoices)
      if (inv.customerId !== undefined && inv.status !== 'draft' && inv.status !== 'void') mark(inv.source, inv.customerId);
    for (const p of up.payments) if (p.customerId !== undefined) mark(p.source, p.customerId);
    return by;
  };
  return (c) => c.syncError !== undefined || TRIED.test(c.syncStatus ?? '') || ((busy ??= build()).get(c.source)?.has(c.sourceId) ?? false);
}
