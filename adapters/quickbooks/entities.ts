// The QuickBooks entities sync-sentinel reads, in summary order, and how each becomes a record.
import type { CanonicalRecord, EntityKind } from '../../src/domain/records';
import type { Criterion, QueryEntity } from './client';
import { mapAccount, mapCustomer, mapInvoice, mapPayment, mapReference, type MapContext } from './map';
import { mapDeposit } from './map-deposit';
import { CREDIT_MEMO_PREFIX, mapCreditMemo, mapSalesReceipt, SALES_RECEIPT_PREFIX } from './map-sales';
import type { Mapped } from './map-support';

export interface EntitySpec {
  entity: QueryEntity;
  kind: EntityKind;
  plural: string;
  /** Name lists are never deleted, only deactivated, and hide inactive rows unless asked. */
  nameList: boolean;
  /** Prefix of the canonical sourceId (QuickBooks ids are unique per entity type only). */
  idPrefix: string;
  map: (raw: unknown, ctx: MapContext) => Mapped<CanonicalRecord>;
}

export const ENTITIES: EntitySpec[] = [
  { entity: 'Invoice', kind: 'invoice', plural: 'invoices', nameList: false, idPrefix: '', map: mapInvoice },
  {
    entity: 'SalesReceipt',
    kind: 'invoice',
    plural: 'sales receipts',
    nameList: false,
    idPrefix: SALES_RECEIPT_PREFIX,
    map: mapSalesReceipt,
  },
  { entity: 'Payment', kind: 'payment', plural: 'payments', nameList: false, idPrefix: '', map: mapPayment },
  { entity: 'CreditMemo', kind: 'payment', plural: 'credit memos', nameList: false, idPrefix: CREDIT_MEMO_PREFIX, map: mapCreditMemo },
  { entity: 'Deposit', kind: 'deposit', plural: 'deposits', nameList: false, idPrefix: '', map: mapDeposit },
  { entity: 'Customer', kind: 'customer', plural: 'customers', nameList: true, idPrefix: '', map: mapCustomer },
  { entity: 'Class', kind: 'class', plural: 'classes', nameList: true, idPrefix: '', map: (raw, ctx) => mapReference('Class', raw, ctx) },
  {
    entity: 'Department',
    kind: 'location',
    plural: 'locations',
    nameList: true,
    idPrefix: '',
    map: (raw, ctx) => mapReference('Department', raw, ctx),
  },
  { entity: 'Item', kind: 'item', plural: 'items', nameList: true, idPrefix: '', map: (raw, ctx) => mapReference('Item', raw, ctx) },
  // Which account a payment sits in is known by id only (a reference's name is optional).
  { entity: 'Account', kind: 'account', plural: 'accounts', nameList: true, idPrefix: '', map: mapAccount },
];

export const ENTITY_NAMES: QueryEntity[] = ENTITIES.map((e) => e.entity);

export function specOf(name: string): EntitySpec | undefined {
  const lower = name.toLowerCase();
  return ENTITIES.find((e) => e.entity.toLowerCase() === lower);
}

/** Name lists hide inactive rows unless asked; deactivated customers and items still matter. */
export const ACTIVE_OR_NOT: Criterion[] = [{ field: 'Active', value: [true, false], operator: 'IN' }];

export function baseFilters(spec: EntitySpec): Criterion[] {
  return spec.nameList ? ACTIVE_OR_NOT : [];
}
