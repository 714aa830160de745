import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { daysAgo } from '../../builders/clock';
import { aCustomer, anInvoice, aQbCustomer } from '../../builders/records';

// The fault QuickBooks Online returns when a new customer's DisplayName is taken (code 6240), as a
// sync tool stores it on the upstream record.
const FAULT_6240 =
  'Duplicate Name Exists Error (6240): The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.';

/** A new upstream customer "Oak Ridge HOA" refused by QuickBooks, and an archived namesake there. */
function refusedBesideInactive() {
  const newcomer = aCustomer({
    sourceId: 'c-310',
    externalId: undefined,
    displayName: 'Oak Ridge HOA',
    email: 'board@oakridge-hoa.example',
    phone: '+15125550310',
    createdAt: daysAgo(4),
    syncStatus: 'failed',
    syncError: FAULT_6240,
  });
  const archived = aQbCustomer({
    sourceId: '1207',
    displayName: 'Oak Ridge HOA',
    email: 'manager@oldmgmt.example',
    phone: '+15125550999',
    active: false,
    createdAt: daysAgo(900),
  });
  return { newcomer, archived };
}

describe('a customer QuickBooks refused because an inactive customer has its name (6240)', () => {
  it('is not linked by name to the inactive, different customer, so it is reported missing', () => {
    const { newcomer, archived } = refusedBesideInactive();

    const found = evaluate('missing-customer', { records: [newcomer, archived] });

    expect(found.map((f) => f.subject.sourceId)).toEqual(['c-310']);
  });

  it('names the inactive QuickBooks customer and its id as the cause, and says to rename or reactivate', () => {
    const { newcomer, archived } = refusedBesideInactive();

    const [finding] = evaluate('missing-customer', { records: [newcomer, archived] });

    expect(finding!.rootCauseKey).toBe('name clash with inactive QuickBooks customer "Oak Ridge HOA" (id 1207)');
    expect(finding!.summary).toBe(
      'Customer Oak Ridge HOA not in QuickBooks after 4 days — QuickBooks refused the name (6240 Duplicate Name Exists): ' +
        'inactive QuickBooks customer "Oak Ridge HOA" (id 1207) has it. Rename the new customer, or reactivate that customer if it is the same person',
    );
    expect(finding!.related.map((r) => r.sourceId)).toEqual(['1207']);
    expect(finding!.likelySide).toBe('sync');
  });

  it('keeps the sync error as the cause when the clashing name belongs to something we cannot see (a vendor)', () => {
    const { newcomer } = refusedBesideInactive();

    const [finding] = evaluate('missing-customer', { records: [newcomer] });

    expect(finding!.rootCauseKey).toBe(`sync error: ${FAULT_6240}`);
  });

  it('does not link any upstream customer by name to an inactive QuickBooks customer', () => {
    const returning = aCustomer({
      sourceId: 'c-311',
      externalId: undefined,
      displayName: 'Lena Ortiz',
      email: undefined,
      phone: undefined,
      createdAt: daysAgo(4),
    });
    const archived = aQbCustomer({ sourceId: '1208', displayName: 'Lena Ortiz', email: undefined, phone: undefined, active: false });

    // Lena has an invoice to sync, so QuickBooks should have her.
    const invoice = anInvoice({ sourceId: 'inv-2001', number: '2001', customerId: 'c-311', customerName: 'Lena Ortiz' });

    expect(evaluate('missing-customer', { records: [returning, archived, invoice] }).map((f) => f.subject.sourceId)).toEqual(['c-311']);
  });
});
