// Ids and numbers are handed out last, in the order each system would have issued them (by
// creation time), so an injected invoice from nine days ago carries a nine-day-old number.
import type { World } from './model';

interface Stamped {
  seq: number;
  id: string;
}

/** Sorts in place by time (ties by creation order) and numbers from `first`. */
function numberInOrder<T extends Stamped>(items: T[], time: (t: T) => number, assign: (t: T, n: number) => void, first: number): void {
  items.sort((a, b) => time(a) - time(b) || a.seq - b.seq);
  items.forEach((item, i) => assign(item, first + i));
}

export function assignIds(w: World): void {
  numberInOrder(
    w.customers,
    (c) => c.created,
    (c, n) => (c.id = `C${n}`),
    1001,
  );
  numberInOrder(
    w.jobs,
    (j) => j.created,
    (j, n) => {
      j.id = `JB${n}`;
      j.number = `J-${n - 15_000}`;
    },
    20_001,
  );
  // Deleted invoices held numbers too: the gap they leave is how a person spots the deletion.
  const invoices = [...w.invoices, ...w.deletedInvoices];
  numberInOrder(
    invoices,
    (i) => i.created,
    (i, n) => {
      i.id = String(n);
      i.number = String(n - 70_000);
    },
    80_001,
  );
  w.invoices.sort((a, b) => Number(a.id) - Number(b.id));
  // Card processor charges come with their own ids; FieldPro numbers its own payments.
  let next = 70_001;
  numberInOrder(
    w.payments,
    (p) => p.received,
    (p) => {
      if (p.source === 'fieldpro') p.id = `P${next++}`;
    },
    0,
  );
  numberInOrder(
    w.qboCustomers,
    (c) => c.created,
    (c, n) => (c.id = String(n)),
    58,
  );
  numberInOrder(
    w.qboInvoices,
    (i) => i.created,
    (i, n) => (i.id = String(n)),
    1_201,
  );
  numberInOrder(
    w.qboPayments,
    (p) => p.created,
    (p, n) => (p.id = String(n)),
    4_801,
  );
  numberInOrder(
    w.deposits,
    (d) => d.date,
    (d, n) => (d.id = String(n)),
    9_101,
  );
}
