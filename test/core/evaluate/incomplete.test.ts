import { describe, expect, it } from 'vitest';
import { evaluate } from '../../builders/context';
import { anInvoice, aQbInvoice, somePreferences } from '../../builders/records';

const noClass = aQbInvoice({ className: undefined });
/** Another synced invoice that carries its class and location: the company does use tracking. */
const tracked = [
  anInvoice({ sourceId: 'inv-1044', number: '1044' }),
  aQbInvoice({ sourceId: '502', number: '1044', privateNote: 'FieldPro invoice inv-1044' }),
];

describe('invoices without class or location (shipped rule)', () => {
  it('reports a QuickBooks invoice with no class when the company tracks classes', () => {
    const prefs = somePreferences({ classTracking: 'transaction', trackLocations: false });

    const [finding, ...rest] = evaluate('incomplete-invoice-class', {
      records: [anInvoice({ customFields: { business_unit: 'Plumbing - East' } }), noClass, ...tracked],
      prefs,
    });

    expect(rest).toEqual([]);
    expect(finding!.summary).toBe('Invoice 1043 ($385.00) in QuickBooks has no class (upstream unit Plumbing - East)');
    expect(finding!.evidence).toEqual([{ field: 'class', quickbooks: null, upstream: 'Residential' }]);
    expect(finding!.rootCauseKey).toBe('unit "Plumbing - East" not mapped');
  });

  it('says nothing about class when the company does not track classes', () => {
    const prefs = somePreferences({ classTracking: 'off', trackLocations: false });

    expect(evaluate('incomplete-invoice-class', { records: [anInvoice(), noClass], prefs })).toEqual([]);
  });

  it('asks for a location only when the company tracks locations', () => {
    const noLocation = aQbInvoice({ location: undefined });

    expect(
      evaluate('incomplete-invoice-class', { records: [anInvoice(), noLocation], prefs: somePreferences({ trackLocations: false }) }),
    ).toEqual([]);
    expect(
      evaluate('incomplete-invoice-class', {
        records: [anInvoice(), noLocation, ...tracked],
        prefs: somePreferences({ trackLocations: true }),
      })[0]!.summary,
    ).toContain('has no location');
  });

  it('accepts an invoice whose every line carries a class when classes are tracked per line', () => {
    // With per-line tracking the class lives on the lines; lines of two classes leave no invoice-level class.
    const prefs = somePreferences({ classTracking: 'line', trackLocations: false });
    const perLine = aQbInvoice({
      className: undefined,
      lines: [
        { item: 'Furnace Repair', amountCents: 30_000, className: 'Residential' },
        { item: 'Service Call', amountCents: 8_500, className: 'Commercial' },
      ],
    });

    expect(evaluate('incomplete-invoice-class', { records: [anInvoice(), perLine], prefs })).toEqual([]);
  });

  it('ignores a void invoice', () => {
    expect(
      evaluate('incomplete-invoice-class', { records: [aQbInvoice({ className: undefined, location: undefined, status: 'void' })] }),
    ).toEqual([]);
  });
});

describe('blank $0 invoices in QuickBooks (shipped rule)', () => {
  it('reports a $0 QuickBooks invoice whose upstream twin has money', () => {
    const blank = aQbInvoice({ totalCents: 0, balanceCents: 0, lines: [] });

    const [finding, ...rest] = evaluate('incomplete-invoice-zero', { records: [anInvoice(), blank] });

    expect(rest).toEqual([]);
    expect(finding!.summary).toBe('Invoice 1043 is $0.00 in QuickBooks but $385.00 upstream');
    expect(finding!.amountCents).toBe(38_500);
  });

  it('says nothing about a genuine $0 invoice (both sides zero)', () => {
    const zero = { totalCents: 0, balanceCents: 0, lines: [{ item: 'Warranty Visit', amountCents: 0 }] };

    expect(evaluate('incomplete-invoice-zero', { records: [anInvoice(zero), aQbInvoice(zero)] })).toEqual([]);
  });

  it('says nothing about a $0 invoice whose upstream twin was voided', () => {
    expect(
      evaluate('incomplete-invoice-zero', {
        records: [anInvoice({ status: 'void' }), aQbInvoice({ totalCents: 0, balanceCents: 0, lines: [] })],
      }),
    ).toEqual([]);
  });
});
