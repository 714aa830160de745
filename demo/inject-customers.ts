// Catalogue rows 1, 2 and 11 (contact): customer failures, and the invoices a blocked customer
// holds back.
import { DAY, HOUR, atLocal } from './clock';
import { addCustomer, freeCustomer, syncCustomer } from './customers';
import { expectFinding } from './expect';
import { invoicedJob, line } from './invoices';
import type { Gen } from './model';

/** Names the injections use, claimed before the healthy customers are drawn so none resembles them. */
export const RESERVED_NAMES = ['Dana Whitfield', 'Smith and Sons Plumbing Supply'];

export function injectCustomerFailures(g: Gen): void {
  const { w, book } = g;

  // 1. One person twice in QuickBooks. Dana has been a customer for a year; 20 days ago the office
  // entered her again in FieldPro with her new phone and a typo, the sync created a second
  // QuickBooks customer, and the office then archived the FieldPro copy — QuickBooks kept both,
  // each with an open invoice.
  const danaAddress = book.address('North');
  book.claimEmail('dana.whitfield@example.com');
  const dana = addCustomer(
    g,
    {
      name: 'Dana Whitfield',
      first: 'Dana',
      last: 'Whitfield',
      email: 'dana.whitfield@example.com',
      phone: book.phone('North', danaAddress.city),
      address: danaAddress,
    },
    { location: 'North', className: 'Residential', created: atLocal(w.now, 410, 10, 5), reserved: true },
  );
  syncCustomer(g, dana);
  const twin = addCustomer(
    g,
    {
      name: 'Dana Whitfeld',
      first: 'Dana',
      last: 'Whitfeld',
      email: dana.email,
      phone: book.phone('North', danaAddress.city),
      address: { ...danaAddress },
    },
    { location: 'North', className: 'Residential', created: atLocal(w.now, 20, 9, 40), reserved: true },
  );
  syncCustomer(g, twin);
  invoicedJob(g, twin, 18 * DAY);
  invoicedJob(g, dana, 5 * DAY);
  twin.active = false;
  twin.updated = atLocal(w.now, 15, 11, 20);
  expectFinding(
    g,
    1,
    'duplicate-customer',
    'quickbooks',
    twin.qbo!,
    'Dana Whitfeld is Dana Whitfield again (same e-mail, new phone); both owe money',
  );

  // 2. A customer whose name clashes with a QuickBooks vendor (6240) never syncs, and holds back
  // every invoice written for it.
  const smithAddress = book.address('South');
  book.claimEmail('ap@smithandsons.example');
  const smith = addCustomer(
    g,
    {
      name: 'Smith and Sons Plumbing Supply',
      company: 'Smith and Sons Plumbing Supply',
      email: 'ap@smithandsons.example',
      phone: book.phone('South', smithAddress.city),
      address: smithAddress,
    },
    { location: 'South', className: 'Commercial', created: w.now - 5 * DAY - 8 * HOUR, reserved: true },
  );
  smith.syncError = 'Duplicate Name Exists Error (6240): The name supplied already exists.';
  expectFinding(g, 2, 'missing-customer', 'upstream', smith, 'blocked by a name clash (6240) since it was created 5 days ago');
  for (const ago of [5 * DAY, 4 * DAY]) {
    const lines = [line('Drain Cleaning', 1, g.rand.int(36, 64) * 500), line('Service Call', 1, 8_900)];
    const inv = invoicedJob(g, smith, ago, { trade: 'Plumbing', lines, sync: false });
    inv.syncStatus = 'failed';
    inv.syncError = 'Customer "Smith and Sons Plumbing Supply" is not in QuickBooks';
    expectFinding(g, 2, 'missing-invoice', 'upstream', inv, 'held back by its customer');
  }

  // 11. An address changed in FieldPro three days ago; edits after the first sync do not flow.
  const mover = freeCustomer(g, { className: 'Residential' });
  mover.address = book.address(mover.location);
  mover.updated = atLocal(w.now, 3, 14, 10);
  expectFinding(g, 11, 'mismatch-customer-contact', 'upstream', mover, 'moved; QuickBooks has the old address');
}
