// Customers: created in FieldPro months ago and synced to QuickBooks minutes later, with the same
// name, e-mail, phone and address on both sides.
import { MINUTE, atLocal } from './clock';
import { LOCATIONS } from './catalogue';
import { nextSeq, type ClassName, type Contact, type Customer, type Gen, type Location, type QboCustomer } from './model';

/** A FieldPro customer; not yet in QuickBooks. */
export function addCustomer(
  g: Gen,
  contact: Contact,
  opts: { location: Location; className: ClassName; created: number; reserved?: boolean },
): Customer {
  const c: Customer = {
    seq: nextSeq(g.w),
    id: '',
    ...contact,
    location: opts.location,
    className: opts.className,
    created: opts.created,
    updated: opts.created,
    active: true,
    reserved: opts.reserved ?? false,
  };
  g.w.customers.push(c);
  return c;
}

function addQboCustomer(g: Gen, contact: Contact, created: number): QboCustomer {
  const q: QboCustomer = { seq: nextSeq(g.w), id: '', ...structuredClone(contact), created, updated: created };
  g.w.qboCustomers.push(q);
  return q;
}

/** The QuickBooks customer the sync creates for a FieldPro one, minutes later, with the same details. */
export function syncCustomer(g: Gen, c: Customer): QboCustomer {
  const { name, first, last, company, email, phone, address } = c;
  c.qbo = addQboCustomer(g, { name, first, last, company, email, phone, address }, c.created + g.rand.int(5, 30) * MINUTE);
  return c.qbo;
}

/** The healthy customer base: a quarter businesses (Commercial), the rest households (Residential). */
export function buildCustomers(g: Gen, count: number): void {
  for (let i = 0; i < count; i++) {
    const location = LOCATIONS[i % LOCATIONS.length]!;
    const business = g.rand.chance(0.25);
    const created = atLocal(g.w.now, g.rand.int(70, 900), g.rand.int(8, 17), g.rand.int(0, 59));
    const c = addCustomer(g, g.book.newContact(location, business), {
      location,
      className: business ? 'Commercial' : 'Residential',
      created,
    });
    syncCustomer(g, c);
  }
}

/** A healthy customer no injection has taken yet, optionally of a class or location. */
export function freeCustomer(g: Gen, filter: { className?: ClassName; location?: Location } = {}): Customer {
  const pool = g.w.customers.filter(
    (c) =>
      !c.reserved &&
      c.qbo &&
      (!filter.className || c.className === filter.className) &&
      (!filter.location || c.location === filter.location),
  );
  if (pool.length === 0)
    throw new Error(
      `demo: no free ${filter.className ?? ''} customer ${filter.location ? `in ${filter.location}` : ''} left to inject a failure into`,
    );
  const c = g.rand.pick(pool);
  c.reserved = true;
  return c;
}
