// Edits of a small company, as the incremental property test draws them: each names a record by a
// small index (so edits collide: the same invoice edited twice, two invoices given one number) and
// what to set on it. Shrunk counterexamples read as a list of these.
import fc from 'fast-check';
import type { CanonicalRecord, EntityKind, InvoiceRecord } from '../../src/domain/records';
import { recordId } from '../../src/engine/record-tokens';
import { DAY } from './clock';
import { aCustomer, aDeposit, aJob, aPayment, aQbCustomer, aQbInvoice, aQbPayment, anInvoice, QUICKBOOKS, UPSTREAM } from './records';

const NAMES = ['Jane Doe', 'Jane Do', 'Bob Smith'];
const status = fc.constantFrom<InvoiceRecord['status']>('open', 'paid', 'void', 'draft');
const cents = fc.constantFrom(20_000, 20_001, 38_500, 0);
const days = fc.integer({ min: 0, max: 12 });

export const editArbitrary = fc.oneof(
  fc.record({ op: fc.constant('upInvoice' as const), k: fc.nat(4), num: fc.nat(3), cust: fc.nat(2), cents, daysAgo: days, status }),
  fc.record({
    op: fc.constant('qbInvoice' as const),
    k: fc.nat(4),
    link: fc.integer({ min: -1, max: 4 }),
    num: fc.nat(3),
    cust: fc.nat(2),
    cents,
    daysAgo: days,
  }),
  fc.record({ op: fc.constant('upPayment' as const), k: fc.nat(2), inv: fc.nat(4), cents, ref: fc.nat(2), daysAgo: days }),
  fc.record({
    op: fc.constant('qbPayment' as const),
    k: fc.nat(2),
    link: fc.integer({ min: -1, max: 2 }),
    inv: fc.nat(4),
    cents,
    ref: fc.nat(2),
    daysAgo: days,
    undeposited: fc.boolean(),
  }),
  fc.record({ op: fc.constant('deposit' as const), k: fc.nat(1), pay: fc.nat(2) }),
  fc.record({ op: fc.constant('job' as const), k: fc.nat(3), num: fc.nat(3), daysAgo: days }),
  fc.record({ op: fc.constant('upCustomer' as const), k: fc.nat(2), name: fc.nat(2), externalId: fc.integer({ min: -1, max: 2 }) }),
  fc.record({ op: fc.constant('qbCustomer' as const), k: fc.nat(2), name: fc.nat(2), active: fc.boolean() }),
  fc.record({
    op: fc.constant('delete' as const),
    entity: fc.constantFrom<EntityKind>('invoice', 'payment', 'customer', 'job', 'deposit'),
    quickbooks: fc.boolean(),
    k: fc.nat(4),
  }),
);

export type Edit = typeof editArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** One edit as a literal, for example-based tests. */
export function anEdit(edit: Edit): Edit {
  return edit;
}

type Gone = { source: string; entity: EntityKind; sourceId: string };

/** Applies the edit to the store (a Map in store order) and says what it wrote or removed. */
export function applyEdit(store: Map<string, CanonicalRecord>, edit: Edit, now: Date): Array<CanonicalRecord | Gone> {
  const ago = (d: number) => new Date(now.getTime() - d * DAY).toISOString();
  const at = { createdAt: now.toISOString(), updatedAt: now.toISOString() };
  const put = (r: CanonicalRecord) => {
    store.set(recordId(r), r);
    return [r];
  };
  switch (edit.op) {
    case 'upInvoice':
      return put(
        anInvoice({
          ...at,
          sourceId: `inv-${edit.k}`,
          number: `10${edit.num}`,
          jobNumber: `J-${edit.num}`,
          customerId: `c-${edit.cust}`,
          customerName: NAMES[edit.cust],
          totalCents: edit.cents,
          balanceCents: edit.cents,
          status: edit.status,
          issuedAt: ago(edit.daysAgo),
          txnDate: ago(edit.daysAgo).slice(0, 10),
          createdAt: ago(edit.daysAgo),
        }),
      );
    case 'qbInvoice':
      return put(
        aQbInvoice({
          ...at,
          sourceId: `50${edit.k}`,
          number: `10${edit.num}`,
          privateNote: edit.link < 0 ? undefined : `FieldPro invoice inv-${edit.link}`,
          customerId: `${edit.cust}`,
          customerName: NAMES[edit.cust],
          totalCents: edit.cents,
          balanceCents: edit.cents,
          txnDate: ago(edit.daysAgo).slice(0, 10),
          issuedAt: ago(edit.daysAgo),
        }),
      );
    case 'upPayment':
      return put(
        aPayment({
          ...at,
          sourceId: `pay-${edit.k}`,
          reference: `77${edit.ref}`,
          amountCents: edit.cents,
          appliedTo: [{ invoiceId: `inv-${edit.inv}`, invoiceNumber: `10${edit.inv}`, amountCents: edit.cents }],
          receivedAt: ago(edit.daysAgo),
          date: ago(edit.daysAgo).slice(0, 10),
        }),
      );
    case 'qbPayment':
      return put(
        aQbPayment({
          ...at,
          sourceId: `80${edit.k}`,
          reference: `77${edit.ref}`,
          privateNote: edit.link < 0 ? undefined : `FieldPro payment pay-${edit.link}`,
          amountCents: edit.cents,
          appliedTo: [{ invoiceId: `50${edit.inv}`, amountCents: edit.cents }],
          receivedAt: ago(edit.daysAgo),
          date: ago(edit.daysAgo).slice(0, 10),
          depositAccount: edit.undeposited ? 'Undeposited Funds' : 'Checking',
        }),
      );
    case 'deposit':
      return put(aDeposit({ ...at, sourceId: `D-${edit.k}`, paymentIds: [`80${edit.pay}`], date: now.toISOString().slice(0, 10) }));
    case 'job':
      return put(aJob({ ...at, sourceId: `JB${edit.k}`, number: `J-${edit.num}`, completedAt: ago(edit.daysAgo) }));
    case 'upCustomer':
      return put(
        aCustomer({
          sourceId: `c-${edit.k}`,
          displayName: NAMES[edit.name]!,
          email: `${edit.name}@example.com`,
          externalId: edit.externalId < 0 ? undefined : `${edit.externalId}`,
          ...at,
        }),
      );
    case 'qbCustomer':
      return put(
        aQbCustomer({
          sourceId: `${edit.k}`,
          displayName: NAMES[edit.name]!,
          email: `${edit.name}@example.com`,
          active: edit.active,
          ...at,
        }),
      );
    case 'delete': {
      const source = edit.quickbooks ? QUICKBOOKS : UPSTREAM;
      const sourceId = idOf(edit.entity, edit.quickbooks, edit.k);
      const id = recordId({ source, entity: edit.entity, sourceId });
      if (!store.has(id)) return [];
      store.delete(id);
      return [{ source, entity: edit.entity, sourceId }];
    }
  }
}

function idOf(entity: EntityKind, quickbooks: boolean, k: number): string {
  switch (entity) {
    case 'invoice':
      return quickbooks ? `50${k}` : `inv-${k}`;
    case 'payment':
      return quickbooks ? `80${k}` : `pay-${k}`;
    case 'customer':
      return quickbooks ? `${k}` : `c-${k}`;
    case 'job':
      return `JB${k}`;
    default:
      return `D-${k}`;
  }
}
