import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/trace/reconcile';
import { aMatching } from '../../builders/context';
import { anInvoice, aPayment, aQbInvoice, aQbPayment } from '../../builders/records';

const matching = aMatching();

describe('linking QuickBooks invoices to upstream ones', () => {
  it('links by the id the sync wrote into PrivateNote before looking at DocNumber', () => {
    const a = anInvoice({ sourceId: 'inv-1043', number: '1043' });
    const b = anInvoice({ sourceId: 'inv-1044', number: '1044' });
    // The note says inv-1043 while DocNumber says 1044: the note is the stronger key.
    const qb = aQbInvoice({ privateNote: 'FieldPro invoice inv-1043', number: '1044' });

    const recon = reconcile([a, b, qb], matching);

    expect(recon.upstreamByQbInvoice.get(qb)).toMatchObject({ record: a, by: 'private_note' });
    expect(recon.qbInvoicesByUpstream.has(b)).toBe(false);
  });

  it('falls back to DocNumber when the QuickBooks invoice carries no note', () => {
    const up = anInvoice();
    const qb = aQbInvoice({ privateNote: undefined });

    const recon = reconcile([up, qb], matching);

    expect(recon.upstreamByQbInvoice.get(qb)).toMatchObject({ record: up, by: 'doc_number' });
  });

  it('leaves a hand-typed QuickBooks invoice that reuses a synced invoice’s number unlinked', () => {
    const up = anInvoice({ number: '1043' });
    const synced = aQbInvoice({ sourceId: '501', number: '1043' });
    const handTyped = aQbInvoice({ sourceId: '4001', number: '1043', privateNote: undefined, customerName: 'Someone Else' });

    // Either order in the QuickBooks list: the note wins no matter which comes first.
    for (const records of [
      [up, synced, handTyped],
      [up, handTyped, synced],
    ]) {
      const recon = reconcile(records, matching);
      expect(recon.qbInvoicesByUpstream.get(up)?.map((l) => l.record)).toEqual([synced]);
      expect(recon.upstreamByQbInvoice.has(handTyped)).toBe(false);
    }
  });

  it('links two QuickBooks invoices that carry the same note to the one upstream invoice (posted twice)', () => {
    const up = anInvoice();
    const first = aQbInvoice({ sourceId: '501' });
    const second = aQbInvoice({ sourceId: '502' });

    const recon = reconcile([up, first, second], matching);

    expect(recon.qbInvoicesByUpstream.get(up)?.map((l) => l.record.sourceId)).toEqual(['501', '502']);
    expect(recon.upstreamByQbInvoice.get(second)?.record).toBe(up);
  });

  it('links by DocNumber to nobody when two upstream invoices share that number', () => {
    const a = anInvoice({ sourceId: 'inv-1', number: '1043' });
    const b = anInvoice({ sourceId: 'inv-2', number: '1043' });
    const qb = aQbInvoice({ privateNote: undefined, number: '1043' });

    const recon = reconcile([a, b, qb], matching);

    expect(recon.upstreamByQbInvoice.has(qb)).toBe(false);
  });

  it('links a QuickBooks payment by the reference number and indexes it under the invoice it pays', () => {
    const up = anInvoice();
    const qbInvoice = aQbInvoice();
    const upPayment = aPayment({ reference: '7781' });
    const qbPayment = aQbPayment({ reference: '7781' });

    const recon = reconcile([up, qbInvoice, upPayment, qbPayment], matching);

    expect(recon.upstreamByQbPayment.get(qbPayment)).toMatchObject({ record: upPayment, by: 'reference' });
    expect(recon.qbPaymentsByInvoice.get(qbInvoice)).toEqual([qbPayment]);
    expect(recon.upstreamPaymentsByInvoice.get(up)).toEqual([upPayment]);
  });
});

describe('two upstream sources with overlapping ids', () => {
  it('does not link a QuickBooks payment to another source’s payment that happens to share its id', () => {
    // Ids are only unique within one source: the field tool and the card processor both have a payment 1001.
    const fieldPro = aPayment({ source: 'fieldpro', sourceId: '1001', reference: 'CHK-55', amountCents: 38_500 });
    const card = aPayment({ source: 'card-payments', sourceId: '1001', reference: 'ch_9', amountCents: 12_000 });
    const qb = aQbPayment({ privateNote: 'FieldPro payment 1001', reference: undefined, amountCents: 38_500 });

    const linked = reconcile([fieldPro, card, qb], matching).upstreamByQbPayment.get(qb)?.record;

    expect(linked === undefined || linked === fieldPro, `linked to ${linked?.source} payment ${linked?.sourceId}`).toBe(true);
  });
});
