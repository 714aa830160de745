// The healthy work schedule: jobs over the last 60 days (and a few booked ahead), each completed
// job invoiced within hours and synced to QuickBooks.
import { ITEMS, MENU } from './catalogue';
import { MINUTE, atLocal, toMinute } from './clock';
import { SYNC_GRACE, addInvoice, addJob, syncInvoice } from './invoices';
import type { Customer, Gen, Trade } from './model';

/** HVAC is most of the work, then plumbing, then electrical. */
function pickTrade(g: Gen, customer: Customer): Trade {
  const r = g.rand.next();
  const trade: Trade = r < 0.45 ? 'HVAC' : r < 0.8 ? 'Plumbing' : 'Electrical';
  // The East location only started plumbing last week; its unit is not mapped in the sync yet
  // (the injected class failure), so the healthy history has no "Plumbing - East" work.
  return trade === 'Plumbing' && customer.location === 'East' ? 'HVAC' : trade;
}

export function buildJobs(g: Gen, count: number): void {
  const customers = g.w.customers.filter((c) => c.qbo !== undefined);
  for (let n = 0; n < count; n++) {
    const customer = g.rand.pick(customers);
    const trade = pickTrade(g, customer);
    const start = atLocal(g.w.now, g.rand.int(-2, 59), g.rand.int(7, 16), g.rand.pick([0, 15, 30, 45]));
    // Work not done yet carries the estimate of its main item.
    const estimate = ITEMS[g.rand.pick(MENU[trade])]!.price;
    if (start > g.w.now) {
      addJob(g, customer, { trade, status: 'scheduled', start }).total = estimate;
      continue;
    }
    const r = g.rand.next();
    if (r < 0.015) {
      addJob(g, customer, { trade, status: 'canceled', start });
      continue;
    }
    if (r < 0.025) {
      // Waiting on parts: no invoice until the work is done.
      addJob(g, customer, { trade, status: 'on_hold', start }).total = estimate;
      continue;
    }
    const completed = start + g.rand.int(60, 240) * MINUTE;
    if (completed > g.w.now) {
      addJob(g, customer, { trade, status: 'in_progress', start }).total = estimate;
      continue;
    }
    const job = addJob(g, customer, { trade, status: 'completed', start, completed });
    const issued = toMinute(completed + g.rand.int(0, 240) * MINUTE);
    // Still being written up: the office invoices it later today.
    if (issued > g.w.now) continue;
    const inv = addInvoice(g, job, issued);
    const posted = issued + g.rand.int(10, 360) * MINUTE;
    // Older invoices have all synced; in the last hours a few are still waiting for the next batch.
    if (issued <= g.w.now - SYNC_GRACE || (posted <= g.w.now && g.rand.chance(0.5))) syncInvoice(g, inv, posted);
  }
}
