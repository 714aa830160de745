import { describe, expect, it } from 'vitest';
import { mapCompany } from '../../../adapters/quickbooks/map-company';
import { mapAccount, mapCustomer, mapInvoice, mapPayment, mapReference, type MapContext } from '../../../adapters/quickbooks/map';
import { mapDeposit } from '../../../adapters/quickbooks/map-deposit';
import { recordHash } from '../../../src/domain/hash';
import {
  aCustomer,
  aDeposit,
  aDiscountLine,
  anAccount,
  aNameListEntry,
  anInvoice,
  aPayment,
  aSalesLine,
  aSubTotalLine,
  somePreferences,
} from './builders';

const ctx: MapContext = { source: 'qbo-main', resourceBase: 'http://127.0.0.1:1/v3/company/123', defaultCountry: 'US' };

/** The record of a row that maps; fails the test with the problem otherwise. */
function recordOf<T>(result: { record?: T; problem?: { message: string } }): T {
  if (!result.record) throw new Error(`expected a record, got problem: ${result.problem?.message}`);
  return result.record;
}

describe('mapping a QuickBooks Customer', () => {
  it('maps names, contact details, address, balance and UTC times', () => {
    const customer = recordOf(
      mapCustomer(
        aCustomer({
          Id: '1',
          DisplayName: "Amy's Bird Sanctuary",
          GivenName: 'Amy',
          FamilyName: 'Lauterbach',
          CompanyName: "Amy's Bird Sanctuary",
          PrimaryEmailAddr: { Address: '  Birds@Intuit.com ' },
          PrimaryPhone: { FreeFormNumber: '(650) 555-3311' },
          BillAddr: { Id: '2', Line1: '4581 Finch St.', City: 'Bayshore', CountrySubDivisionCode: 'CA', PostalCode: '94326' },
          Balance: 274.1,
          MetaData: { CreateTime: '2014-09-11T16:48:43-07:00', LastUpdatedTime: '2015-07-01T10:14:15-07:00' },
        }),
        ctx,
      ),
    );
    expect(customer).toMatchObject({
      entity: 'customer',
      side: 'quickbooks',
      source: 'qbo-main',
      sourceId: '1',
      displayName: "Amy's Bird Sanctuary",
      givenName: 'Amy',
      familyName: 'Lauterbach',
      companyName: "Amy's Bird Sanctuary",
      email: 'birds@intuit.com',
      phone: '+16505553311',
      address: { line1: '4581 Finch St.', city: 'Bayshore', region: 'CA', postalCode: '94326' },
      active: true,
      balanceCents: 27410,
      createdAt: '2014-09-11T23:48:43.000Z',
      updatedAt: '2015-07-01T17:14:15.000Z',
      origin: { url: 'http://127.0.0.1:1/v3/company/123/customer/1' },
    });
  });

  it('keeps the digits of a phone number that is not a possible number', () => {
    const customer = recordOf(mapCustomer(aCustomer({ PrimaryPhone: { FreeFormNumber: 'ext. 12' } }), ctx));
    expect(customer.phone).toBe('12');
  });

  it('reads phone numbers without a country code in the configured country', () => {
    const customer = recordOf(
      mapCustomer(aCustomer({ PrimaryPhone: { FreeFormNumber: '020 7946 0958' } }), { ...ctx, defaultCountry: 'GB' }),
    );
    expect(customer.phone).toBe('+442079460958');
  });

  it('keeps the parent of a sub-customer ("Parent:Child", Job: true) so invoices billed to it stay with the parent', () => {
    const child = aCustomer({
      Id: '59',
      DisplayName: '114 Elm St',
      FullyQualifiedName: 'Barton Creek Rentals:114 Elm St',
      Job: true,
      ParentRef: { value: '58' },
    });

    expect(recordOf(mapCustomer(child, ctx)).parentId).toBe('58');
    expect(recordOf(mapCustomer(aCustomer(), ctx)).parentId).toBeUndefined();
  });

  it('maps a deactivated customer as inactive', () => {
    expect(recordOf(mapCustomer(aCustomer({ Active: false }), ctx)).active).toBe(false);
  });

  it('sets a hash of the content that ignores the update time', () => {
    const a = recordOf(mapCustomer(aCustomer({ Id: '5', DisplayName: 'Same' }), ctx));
    const b = recordOf(
      mapCustomer(
        aCustomer({
          Id: '5',
          DisplayName: 'Same',
          MetaData: { CreateTime: '2024-05-01T09:00:00-07:00', LastUpdatedTime: '2025-01-01T00:00:00Z' },
        }),
        ctx,
      ),
    );
    const { hash, ...rest } = a;
    expect(hash).toBe(recordHash(rest));
    expect(b.hash).toBe(a.hash);
  });
});

describe('mapping a QuickBooks Invoice', () => {
  const intuitSample = () =>
    anInvoice({
      Id: '239',
      DocNumber: '1070',
      TxnDate: '2015-07-24',
      DueDate: '2015-08-23',
      CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
      DepartmentRef: { value: '2', name: 'North Branch' },
      PrivateNote: 'FSM job #J-4711',
      CustomField: [
        { DefinitionId: '1', Name: 'Crew #', Type: 'StringType', StringValue: '7' },
        { DefinitionId: '2', Name: 'Empty', Type: 'StringType' },
      ],
      Line: [
        aSalesLine(150, { Description: 'AC tune-up' }, { ClassRef: { value: '5000000000000012345', name: 'Residential' } }),
        aSubTotalLine(150),
      ],
      TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 12.38 },
      TotalAmt: 162.38,
      Balance: 62.38,
      BillEmail: { Address: 'Birds@Intuit.com' },
      MetaData: { CreateTime: '2015-07-24T10:35:08-07:00', LastUpdatedTime: '2015-07-24T10:48:01-07:00' },
    });

  it("maps every field of Intuit's sample invoice, money in exact cents", () => {
    expect(recordOf(mapInvoice(intuitSample(), ctx))).toMatchObject({
      entity: 'invoice',
      sourceId: '239',
      number: '1070',
      customerId: '1',
      customerName: "Amy's Bird Sanctuary",
      txnDate: '2015-07-24',
      dueDate: '2015-08-23',
      issuedAt: '2015-07-24T17:35:08.000Z',
      createdAt: '2015-07-24T17:35:08.000Z',
      updatedAt: '2015-07-24T17:48:01.000Z',
      totalCents: 16238,
      taxCents: 1238,
      balanceCents: 6238,
      status: 'open',
      className: 'Residential',
      location: 'North Branch',
      lines: [{ item: 'Services', description: 'AC tune-up', amountCents: 15000, qty: 1, className: 'Residential', taxable: true }],
      privateNote: 'FSM job #J-4711',
      customFields: { 'Crew #': '7' },
      email: 'birds@intuit.com',
    });
  });

  it('converts amounts whose float products drift (0.1 + 0.2, 1.005, 162.38) to exact cents', () => {
    const invoice = recordOf(
      mapInvoice(anInvoice({ TotalAmt: 0.1 + 0.2, Balance: 1.005, Line: [aSalesLine(162.38), aSalesLine(19.99)] }), ctx),
    );
    expect(invoice.totalCents).toBe(30);
    expect(invoice.balanceCents).toBe(101);
    expect(invoice.lines.map((l) => l.amountCents)).toEqual([16238, 1999]);
    expect(invoice.lines.every((l) => Number.isInteger(l.amountCents))).toBe(true);
  });

  it('detects a voided invoice from its zero total and "Voided" note', () => {
    const voided = anInvoice({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided', Line: [aSalesLine(0, {}, { Qty: 0 })] });
    expect(recordOf(mapInvoice(voided, ctx)).status).toBe('void');
  });

  it('does not call a $0 invoice void when its note does not say so', () => {
    expect(recordOf(mapInvoice(anInvoice({ TotalAmt: 0, Balance: 0, PrivateNote: 'blank job' }), ctx)).status).toBe('open');
  });

  it('calls an invoice paid when a positive total has no balance left', () => {
    expect(recordOf(mapInvoice(anInvoice({ TotalAmt: 80, Balance: 0 }), ctx)).status).toBe('paid');
  });

  it('takes the class every sales line carries when the header has none', () => {
    const residential = { ClassRef: { value: '77', name: 'Residential' } };
    const invoice = anInvoice({ Line: [aSalesLine(50, {}, residential), aSalesLine(25, {}, residential), aSubTotalLine(75)] });
    const mapped = recordOf(mapInvoice(invoice, ctx));
    expect(mapped.className).toBe('Residential');
    expect(mapped.lines.map((l) => l.className)).toEqual(['Residential', 'Residential']);
  });

  it('leaves the class empty when sales lines disagree or one has none', () => {
    const mixed = anInvoice({
      Line: [
        aSalesLine(50, {}, { ClassRef: { value: '77', name: 'Residential' } }),
        aSalesLine(25, {}, { ClassRef: { value: '78', name: 'Commercial' } }),
      ],
    });
    const partial = anInvoice({ Line: [aSalesLine(50, {}, { ClassRef: { value: '77', name: 'Residential' } }), aSalesLine(25)] });
    expect(recordOf(mapInvoice(mixed, ctx)).className).toBeUndefined();
    expect(recordOf(mapInvoice(partial, ctx)).className).toBeUndefined();
  });

  it('prefers the header class over line classes', () => {
    const invoice = anInvoice({
      ClassRef: { value: '9', name: 'Commercial' },
      Line: [aSalesLine(50, {}, { ClassRef: { value: '77', name: 'Residential' } })],
    });
    expect(recordOf(mapInvoice(invoice, ctx)).className).toBe('Commercial');
  });

  it('keeps sales lines and discounts, not the computed subtotal or description-only lines', () => {
    const invoice = anInvoice({
      TotalAmt: 35,
      Line: [aSalesLine(40), aSubTotalLine(40), aDiscountLine(5), { DetailType: 'DescriptionOnly', Description: 'note' }],
    });
    const lines = recordOf(mapInvoice(invoice, ctx)).lines;
    expect(lines).toEqual([
      { item: 'Services', amountCents: 4000, qty: 1, taxable: true },
      { discount: true, amountCents: -500 },
    ]);
  });

  it('opens a bundle into the sales lines it holds', () => {
    const bundle = {
      Amount: 230,
      DetailType: 'GroupLineDetail',
      GroupLineDetail: {
        GroupItemRef: { value: '19', name: 'Tune-up bundle' },
        Quantity: 1,
        Line: [aSalesLine(180), aSalesLine(50, {}, { ItemRef: { value: '2', name: 'Filter' } })],
      },
    };
    const invoice = recordOf(mapInvoice(anInvoice({ TotalAmt: 230, Line: [bundle, aSubTotalLine(230)] }), ctx));
    expect(invoice.lines.map((l) => [l.item, l.amountCents])).toEqual([
      ['Services', 18000],
      ['Filter', 5000],
    ]);
  });

  it('reports a discount line without an amount', () => {
    const { problem } = mapInvoice(
      anInvoice({ Id: '9', Line: [aSalesLine(40), { DetailType: 'DiscountLineDetail', DiscountLineDetail: {} }] }),
      ctx,
    );
    expect(problem).toMatchObject({ sourceId: '9', field: 'Line[1].Amount' });
  });

  it('reads whether the invoice was e-mailed to the customer', () => {
    expect(recordOf(mapInvoice(anInvoice({ EmailStatus: 'EmailSent' }), ctx)).sentToCustomer).toBe(true);
    expect(recordOf(mapInvoice(anInvoice({ EmailStatus: 'NeedToSend' }), ctx)).sentToCustomer).toBe(false);
    expect(recordOf(mapInvoice(anInvoice(), ctx)).sentToCustomer).toBeUndefined();
  });
});

describe('mapping QuickBooks payments and deposits', () => {
  it('maps a payment with the invoices it is applied to', () => {
    const payment = aPayment({
      Id: '163',
      TotalAmt: 150.1,
      UnappliedAmt: 0.1,
      PaymentRefNum: '10264',
      PaymentMethodRef: { value: '2', name: 'Check' },
      DepositToAccountRef: { value: '4', name: 'Undeposited Funds' },
      PrivateNote: 'FSM payment P-88',
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: '239', TxnType: 'Invoice' }], LineEx: { any: [] } },
        { Amount: 50, LinkedTxn: [{ TxnId: '240', TxnType: 'Invoice' }] },
        { Amount: 0, LinkedTxn: [{ TxnId: '12', TxnType: 'CreditMemo' }] },
      ],
      MetaData: { CreateTime: '2015-07-25T09:12:00-07:00', LastUpdatedTime: '2015-07-25T09:12:00-07:00' },
    });
    expect(recordOf(mapPayment(payment, ctx))).toMatchObject({
      entity: 'payment',
      sourceId: '163',
      reference: '10264',
      customerId: '1',
      date: '2024-05-03',
      receivedAt: '2015-07-25T16:12:00.000Z',
      amountCents: 15010,
      unappliedCents: 10,
      appliedTo: [
        { invoiceId: '239', amountCents: 10000 },
        { invoiceId: '240', amountCents: 5000 },
      ],
      method: 'Check',
      depositAccount: 'Undeposited Funds',
      depositAccountId: '4',
      privateNote: 'FSM payment P-88',
    });
  });

  it('maps a deposit with its payments and the merchant fee lines', () => {
    const deposit = aDeposit({
      TotalAmt: 284.51,
      Line: [
        { Amount: 150.1, LinkedTxn: [{ TxnId: '163', TxnType: 'Payment' }] },
        { Amount: 142.2, LinkedTxn: [{ TxnId: '164', TxnType: 'Payment' }] },
        { Amount: -4.39, DetailType: 'DepositLineDetail' },
        { Amount: -3.4, DetailType: 'DepositLineDetail' },
      ],
    });
    expect(recordOf(mapDeposit(deposit, ctx))).toMatchObject({
      entity: 'deposit',
      totalCents: 28451,
      paymentIds: ['163', '164'],
      feeCents: 779,
      otherCents: 0,
      salesReceiptIds: [],
    });
  });

  it('keeps the id of a deposit account whose reference carries no name', () => {
    expect(recordOf(mapPayment(aPayment({ DepositToAccountRef: { value: '4' } }), ctx))).toMatchObject({
      depositAccount: undefined,
      depositAccountId: '4',
    });
  });
});

describe('mapping QuickBooks name lists and settings', () => {
  it('maps classes, departments and items to reference records', () => {
    const sub = aNameListEntry('Plumbing', { FullyQualifiedName: 'Residential:Plumbing', Active: false });
    expect(recordOf(mapReference('Class', sub, ctx))).toMatchObject({
      entity: 'class',
      name: 'Plumbing',
      fullName: 'Residential:Plumbing',
      active: false,
    });
    expect(recordOf(mapReference('Department', aNameListEntry('North Branch'), ctx)).entity).toBe('location');
    expect(recordOf(mapReference('Item', aNameListEntry('Services'), ctx)).entity).toBe('item');
  });

  it('maps accounts with their type and sub-type', () => {
    const account = anAccount('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', { Id: '4' });
    expect(recordOf(mapAccount(account, ctx))).toMatchObject({
      entity: 'account',
      sourceId: '4',
      name: 'Undeposited Funds',
      active: true,
      accountType: 'Other Current Asset',
      accountSubType: 'UndepositedFunds',
      origin: { url: 'http://127.0.0.1:1/v3/company/123/account/4' },
    });
  });

  it.each([
    [{ ClassTrackingPerTxn: true }, 'transaction'],
    [{ ClassTrackingPerTxnLine: true }, 'line'],
    [{}, 'off'],
  ])('reads class tracking %j as %s', (accounting, mode) => {
    expect(mapCompany(somePreferences(accounting), {}, ctx).preferences.classTracking).toBe(mode);
  });

  it('reads location tracking, its name and the company name', () => {
    const { preferences, problems } = mapCompany(
      somePreferences({ TrackDepartments: true, DepartmentTerminology: 'Business' }),
      { CompanyName: 'Acme HVAC' },
      ctx,
    );
    expect(preferences).toEqual({ classTracking: 'off', trackLocations: true, locationTerm: 'Business', companyName: 'Acme HVAC' });
    expect(problems).toEqual([]);
    expect(mapCompany({}, {}, ctx).preferences.locationTerm).toBe('Location');
  });
});

describe('rows QuickBooks sent that cannot be mapped', () => {
  it.each([
    ['an invoice without an Id', () => mapInvoice(anInvoice({ Id: undefined }), ctx), undefined, 'Id', /^Invoice without an Id: Id — /],
    [
      'a total that is not a number',
      () => mapInvoice(anInvoice({ Id: '9', TotalAmt: 'abc' }), ctx),
      '9',
      'TotalAmt',
      /^Invoice 9: TotalAmt — /,
    ],
    [
      'a sales line without an amount',
      () => mapInvoice(anInvoice({ Id: '9', Line: [aSubTotalLine(1), aSalesLine(1, { Amount: undefined })] }), ctx),
      '9',
      'Line[1].Amount',
      /is missing on a sales line/,
    ],
    [
      'an unreadable timestamp',
      () => mapPayment(aPayment({ Id: '4', MetaData: { CreateTime: 'yesterday' } }), ctx),
      '4',
      'MetaData.CreateTime',
      /is not an ISO-8601 date-time/,
    ],
    [
      'a customer without a name',
      () => mapCustomer(aCustomer({ Id: '3', DisplayName: undefined }), ctx),
      '3',
      'DisplayName',
      /^Customer 3: DisplayName/,
    ],
    [
      'a deposit line without an amount',
      () => mapDeposit(aDeposit({ Id: '6', Line: [{ LinkedTxn: [] }] }), ctx),
      '6',
      'Line[0].Amount',
      /^Deposit 6/,
    ],
  ])('reports %s as a problem naming the entity, Id and field', (_, map, sourceId, field, message) => {
    const { record, problem } = map();
    expect(record).toBeUndefined();
    expect(problem).toMatchObject({ source: 'qbo-main', side: 'quickbooks', sourceId, field });
    expect(problem?.message).toMatch(message);
  });
});
