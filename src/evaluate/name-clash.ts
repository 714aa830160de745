// QuickBooks refuses a new customer whose name another customer already has, inactive ones included
// (error 6240, "Duplicate Name Exists"). An archived namesake is usually another person, so the new
// customer must not be linked to it; the clash itself is the reason the customer never arrived.
import type { CustomerRecord } from '../domain/records';
import { compareNames, parseName } from '../trace/customer-name';
import type { EvalContext } from './context';

const NAME_CLASH = /\b6240\b|duplicate name exists/i;

/** The inactive QuickBooks customer whose name blocked this upstream customer, when the sync error says so. */
export function inactiveNameClash(ctx: EvalContext, customer: CustomerRecord): CustomerRecord | undefined {
  if (!customer.syncError || !NAME_CLASH.test(customer.syncError)) return undefined;
  const name = parseName(customer.displayName);
  return ctx.recon.sides.quickbooks.customers.find((q) => !q.active && compareNames(parseName(q.displayName), name).grade === 'same');
}
