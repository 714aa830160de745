// Pure mappers from QuickBooks entities to canonical records. A row that cannot be mapped becomes a
// RecordProblem; nothing here throws, reads the clock or touches the network.
import type { Address, CustomerRecord, InvoiceLine, InvoiceRecord, PaymentRecord, ReferenceRecord } from '../../src/domain/records';
import { cents, normaliseEmail, normalisePhone, parseRow, times, withHash, type MapContext, type Mapped } from './map-support';
import { accountWire, customerWire, invoiceWire, nameListWire, paymentWire, type InvoiceWire, type PaymentWire } from './wire';

/** A QuickBooks Id is unique per entity type only: credit memos join the payments under this prefix. */
export const CREDIT_MEMO_PREFIX = 'cm-';

export type { MapContext } from './map-support';

export function mapCustomer(raw: unknown, ctx: MapContext): Mapped<CustomerRecord> {
  const { row, problem } = parseRow(customerWire, raw, 'Customer', 'customer', ctx);
  if (problem) return { problem };
  const bill = row.BillAddr;
  const address: Address | undefined =
    bill && (bill.Line1 || bill.City || bill.CountrySubDivisionCode || bill.PostalCode)
      ? { line1: bill.Line1, city: bill.City, region: bill.CountrySubDivisionCode, postalCode: bill.PostalCode }
      : undefined;
  return {
    record: withHash<CustomerRecord>({
      entity: 'customer',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      ...times(row.MetaData),
      origin: { url: `${ctx.resourceBase}/customer/${row.Id}` },
      displayName: row.DisplayName,
      givenName: row.GivenName,
      familyName: row.FamilyName,
      companyName: row.CompanyName,
      email: normaliseEmail(row.PrimaryEmailAddr?.Address),
      phone: normalisePhone(row.PrimaryPhone?.FreeFormNumber ?? row.Mobile?.FreeFormNumber, ctx.defaultCountry),
      address,
      ...(row.ParentRef?.value ? { parentId: row.ParentRef.value } : {}),
      active: row.Active ?? true,
      balanceCents: cents(row.Balance),
    }),
  };
}

export function mapInvoice(raw: unknown, ctx: MapContext): Mapped<InvoiceRecord> {
  const { row, problem } = parseRow(invoiceWire, raw, 'Invoice', 'invoice', ctx);
  if (problem) return { problem };
  const salesLines = row.Line.filter((line) => line.DetailType === 'SalesItemLineDetail');
  const lines = row.Line.flatMap(invoiceLine);
  const customFields = Object.fromEntries(
    row.CustomField.filter((f) => f.Name && f.StringValue !== undefined).map((f) => [f.Name, f.StringValue]),
  );
  const { createdAt, updatedAt } = times(row.MetaData);
  return {
    record: withHash<InvoiceRecord>({
      entity: 'invoice',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      createdAt,
      updatedAt,
      origin: { url: `${ctx.resourceBase}/invoice/${row.Id}` },
      number: row.DocNumber,
      customerId: row.CustomerRef?.value,
      customerName: row.CustomerRef?.name,
      txnDate: row.TxnDate,
      dueDate: row.DueDate,
      issuedAt: createdAt,
      totalCents: cents(row.TotalAmt),
      taxCents: cents(row.TxnTaxDetail?.TotalTax),
      balanceCents: cents(row.Balance),
      status: invoiceStatus(row),
      className: row.ClassRef?.name ?? sharedLineClass(salesLines),
      location: row.DepartmentRef?.name,
      lines,
      privateNote: row.PrivateNote,
      customFields: Object.keys(customFields).length > 0 ? customFields : undefined,
      email: normaliseEmail(row.BillEmail?.Address),
      sentToCustomer: row.EmailStatus === undefined ? undefined : row.EmailStatus === 'EmailSent',
    }),
  };
}

/**
 * Sales lines (bundles opened) and discounts, in the invoice's order, so the lines add up to the total before tax.
 * A discount's Amount is positive on the wire and taken off the total; the subtotal line is computed
 * from the others and would count them twice; description-only lines carry no money.
 */
function invoiceLine(line: InvoiceWire['Line'][number]): InvoiceLine[] {
  // A bundle's own Amount is the sum of the sales lines it holds: those are the lines.
  if (line.DetailType === 'GroupLineDetail') return (line.GroupLineDetail?.Line ?? []).flatMap(invoiceLine);
  // The schema rejects a sales or discount line without an Amount; the fallbacks only satisfy the type.
  if (line.DetailType === 'DiscountLineDetail')
    return [{ discount: true, description: line.Description, amountCents: 0 - Math.abs(cents(line.Amount ?? 0)) }];
  if (line.DetailType !== 'SalesItemLineDetail') return [];
  const detail = line.SalesItemLineDetail;
  return [
    {
      item: detail?.ItemRef?.name,
      description: line.Description,
      amountCents: cents(line.Amount ?? 0),
      qty: detail?.Qty,
      className: detail?.ClassRef?.name,
      taxable: taxable(detail?.TaxCodeRef?.value),
    },
  ];
}

/** An invoice has no status field: a void one keeps its row with zeroed amounts and a "Voided" note. */
function invoiceStatus(row: InvoiceWire): InvoiceRecord['status'] {
  const total = cents(row.TotalAmt);
  if (total === 0 && /void/i.test(row.PrivateNote ?? '')) return 'void';
  if (total > 0 && cents(row.Balance) === 0) return 'paid';
  return 'open';
}

/** With class tracking per line, the invoice's class is the one every sales line carries, if they agree. */
function sharedLineClass(lines: InvoiceWire['Line']): string | undefined {
  const refs = lines.map((line) => line.SalesItemLineDetail?.ClassRef);
  const first = refs[0];
  if (!first || refs.some((ref) => ref?.value !== first.value)) return undefined;
  return first.name;
}

/** US companies use the pseudo tax codes TAX and NON; other tax codes say nothing about the line. */
function taxable(code: string | undefined): boolean | undefined {
  if (code === 'TAX') return true;
  if (code === 'NON') return false;
  return undefined;
}

export function mapPayment(raw: unknown, ctx: MapContext): Mapped<PaymentRecord> {
  const { row, problem } = parseRow(paymentWire, raw, 'Payment', 'payment', ctx);
  if (problem) return { problem };
  const { createdAt, updatedAt } = times(row.MetaData);
  return {
    record: withHash<PaymentRecord>({
      entity: 'payment',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      createdAt,
      updatedAt,
      origin: { url: `${ctx.resourceBase}/payment/${row.Id}` },
      reference: row.PaymentRefNum,
      customerId: row.CustomerRef?.value,
      customerName: row.CustomerRef?.name,
      date: row.TxnDate,
      receivedAt: createdAt,
      amountCents: cents(row.TotalAmt),
      unappliedCents: cents(row.UnappliedAmt),
      appliedTo: row.Line.flatMap((line) =>
        line.LinkedTxn.filter((link) => link.TxnType === 'Invoice').map((link) => ({
          invoiceId: link.TxnId,
          amountCents: cents(line.Amount),
        })),
      ),
      ...creditsUsed(row),
      method: row.PaymentMethodRef?.name,
      depositAccount: row.DepositToAccountRef?.name,
      depositAccountId: row.DepositToAccountRef?.value,
      privateNote: row.PrivateNote,
    }),
  };
}

/**
 * A credit memo applied to an invoice arrives as a Payment whose lines link the Invoice and the
 * CreditMemo (TotalAmt is the cash part, often 0): the credit settles the invoice, not cash.
 */
function creditsUsed(row: PaymentWire): Pick<PaymentRecord, 'creditsUsed'> {
  const used = row.Line.flatMap((line) =>
    line.LinkedTxn.filter((link) => link.TxnType === 'CreditMemo').map((link) => ({
      creditId: `${CREDIT_MEMO_PREFIX}${link.TxnId}`,
      amountCents: cents(line.Amount),
    })),
  );
  return used.length > 0 ? { creditsUsed: used } : {};
}

export function mapAccount(raw: unknown, ctx: MapContext): Mapped<ReferenceRecord> {
  const { row, problem } = parseRow(accountWire, raw, 'Account', 'account', ctx);
  if (problem) return { problem };
  return {
    record: withHash<ReferenceRecord>({
      entity: 'account',
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      ...times(row.MetaData),
      origin: { url: `${ctx.resourceBase}/account/${row.Id}` },
      name: row.Name,
      fullName: row.FullyQualifiedName,
      active: row.Active ?? true,
      accountType: row.AccountType,
      accountSubType: row.AccountSubType,
    }),
  };
}

const REFERENCE_KINDS = { Class: 'class', Department: 'location', Item: 'item' } as const;

export function mapReference(qboEntity: keyof typeof REFERENCE_KINDS, raw: unknown, ctx: MapContext): Mapped<ReferenceRecord> {
  const kind = REFERENCE_KINDS[qboEntity];
  const { row, problem } = parseRow(nameListWire, raw, qboEntity, kind, ctx);
  if (problem) return { problem };
  return {
    record: withHash<ReferenceRecord>({
      entity: kind,
      side: 'quickbooks',
      source: ctx.source,
      sourceId: row.Id,
      ...times(row.MetaData),
      origin: { url: `${ctx.resourceBase}/${qboEntity.toLowerCase()}/${row.Id}` },
      name: row.Name,
      fullName: row.FullyQualifiedName,
      active: row.Active ?? true,
    }),
  };
}
