import { describe, expect, it } from 'vitest';
import { matchCustomers } from '../../../src/trace/match-customers';
import { normaliseName } from '../../../src/trace/similarity';
import { aMatching } from '../../builders/context';
import { aCustomer, aQbCustomer } from '../../builders/records';

const cfg = aMatching().customer;

/** How the upstream customer was linked, and to which QuickBooks customer. */
function linkOf(upstream: ReturnType<typeof aCustomer>, quickbooks: Array<ReturnType<typeof aQbCustomer>>) {
  const link = matchCustomers([upstream], quickbooks, cfg).forward.get(upstream);
  return link ? { to: link.record.sourceId, by: link.by } : undefined;
}

describe('matching customers across the two sides', () => {
  it('links by the external id the sync recorded, even when the name and e-mail changed since', () => {
    const up = aCustomer({ externalId: '58', displayName: 'Jane Doe-Harper', email: 'jane@new-mail.example' });
    const qb = [
      aQbCustomer({ sourceId: '58', displayName: 'Jane Doe' }),
      aQbCustomer({ sourceId: '99', displayName: 'Jane Doe-Harper', email: 'jane@new-mail.example', phone: undefined }),
    ];

    expect(linkOf(up, qb)).toEqual({ to: '58', by: 'external_id' });
  });

  it('links by a unique e-mail when there is no external id', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'J. Doe', phone: undefined });
    const qb = [
      aQbCustomer({ sourceId: '58', displayName: 'Jane Doe', phone: undefined }),
      aQbCustomer({ sourceId: '77', displayName: 'Omar Reyes', email: 'omar@example.com', phone: undefined }),
    ];

    expect(linkOf(up, qb)).toEqual({ to: '58', by: 'email' });
  });

  it('links by a unique phone when the e-mail does not match', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'J. Doe', email: 'jd@work.example', phone: '+13125550101' });
    const qb = [aQbCustomer({ sourceId: '58', displayName: 'Jane Doe', email: 'jane@home.example', phone: '+13125550101' })];

    expect(linkOf(up, qb)).toEqual({ to: '58', by: 'phone' });
  });

  it('links "Smith & Sons Plumbing, LLC" to "Smith and Sons Plumbing" by name', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Smith & Sons Plumbing, LLC', email: undefined, phone: undefined });
    const qb = [aQbCustomer({ sourceId: '61', displayName: 'Smith and Sons Plumbing', email: undefined, phone: undefined })];

    expect(linkOf(up, qb)).toEqual({ to: '61', by: 'name' });
  });

  it('does not link two different businesses that share a surname', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Smith Brothers Heating', email: undefined, phone: undefined });
    const qb = [aQbCustomer({ sourceId: '61', displayName: 'Smith and Sons Plumbing', email: undefined, phone: undefined })];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('links nobody by an e-mail that two QuickBooks customers share', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Pat Quinn', email: 'office@shared.example', phone: undefined });
    const qb = [
      aQbCustomer({ sourceId: '70', displayName: 'Robin Diaz', email: 'office@shared.example', phone: undefined }),
      aQbCustomer({ sourceId: '71', displayName: 'Sam Lee', email: 'office@shared.example', phone: undefined }),
    ];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('links "Bob Jones" to "Robert Jones" at the same address', () => {
    const address = { line1: '220 Lake Shore Dr', postalCode: '60611' };
    const up = aCustomer({ externalId: undefined, displayName: 'Bob Jones', email: undefined, phone: undefined, address });
    const qb = [aQbCustomer({ sourceId: '64', displayName: 'Robert Jones', email: 'rj@example.com', phone: '+13125550177', address })];

    expect(linkOf(up, qb)).toEqual({ to: '64', by: 'name' });
  });

  it('links "Katherine Olsen" to "Catherine Olsen", whose names sort far apart, by a shared phone-less address', () => {
    const address = { line1: '8 Orchard Ct', postalCode: '60201' };
    const up = aCustomer({ externalId: undefined, displayName: 'Katherine Olsen', email: 'kolsen@example.com', phone: undefined, address });
    const qb = [aQbCustomer({ sourceId: '65', displayName: 'Catherine Olsen', email: undefined, phone: undefined, address })];

    expect(linkOf(up, qb)).toEqual({ to: '65', by: 'name' });
  });

  it('does not link by name to someone else who shares only a surname and a family landline', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Linda Park', email: undefined, phone: '+13125550144' });
    const qb = [
      aQbCustomer({ sourceId: '66', displayName: 'Mark Park', email: undefined, phone: '+13125550144' }),
      aQbCustomer({ sourceId: '67', displayName: 'Mary Park', email: undefined, phone: '+13125550144' }),
    ];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('does not link a son to his father (Jr.)', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Robert Hale Jr.', email: undefined, phone: undefined });
    const qb = [aQbCustomer({ sourceId: '68', displayName: 'Robert Hale', email: undefined, phone: undefined })];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('does not link by name to an inactive QuickBooks customer', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Smith and Sons Plumbing', email: undefined, phone: undefined });
    const qb = [aQbCustomer({ sourceId: '61', displayName: 'Smith & Sons Plumbing', email: undefined, phone: undefined, active: false })];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('links nobody by name when two QuickBooks customers fit equally well', () => {
    const up = aCustomer({ externalId: undefined, displayName: 'Pat Quinn', email: undefined, phone: undefined });
    const qb = [
      aQbCustomer({ sourceId: '70', displayName: 'Pat Quinn', email: undefined, phone: undefined }),
      aQbCustomer({ sourceId: '71', displayName: 'Quinn, Pat', email: undefined, phone: undefined }),
    ];

    expect(linkOf(up, qb)).toBeUndefined();
  });

  it('links each QuickBooks customer to at most one upstream customer', () => {
    const first = aCustomer({ sourceId: 'c-1', externalId: undefined });
    const second = aCustomer({ sourceId: 'c-2', externalId: undefined });
    const qb = aQbCustomer();

    const { forward, backward } = matchCustomers([first, second], [qb], cfg);

    expect(forward.get(first)?.record).toBe(qb);
    expect(forward.has(second)).toBe(false);
    expect(backward.get(qb)?.record).toBe(first);
  });
});

describe('normalising names', () => {
  it.each([
    ['Smith & Sons Plumbing, LLC', 'Smith and Sons Plumbing'],
    ['Whitfield, Dana', 'Dana Whitfield'],
    ['  JOSÉ  García ', 'jose garcia'],
    ['The Acme Co.', 'acme'],
  ])('folds "%s" and "%s" to the same name', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });
});
